/** What the cluster transport reports about its Redis connection (one line per change, not per packet). */
export interface AdapterLog {
  warn(message: string): void;
  log(message: string): void;
}

/** A question to the other instances that could not be asked: the adapter has no Redis right now. */
export class RedisUnavailableError extends Error {
  constructor(status: string) {
    super(`Redis is not connected (${status})`);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * One line when the transport loses Redis and one when it has it again, however many packets fail
 * in between. `where` is host:port, never the URL (it may hold a password).
 */
export class RedisState {
  private state: 'starting' | 'up' | 'down' | 'closed' = 'starting';

  constructor(
    private readonly log: AdapterLog,
    private readonly where: string,
  ) {}

  up(): void {
    if (this.state === 'up' || this.state === 'closed') return;
    this.log.log(
      this.state === 'down'
        ? `socket.io adapter: Redis at ${this.where} is back, visitors are shared with the other instances again`
        : `socket.io adapter: instances share visitors through Redis at ${this.where}`,
    );
    this.state = 'up';
  }

  down(why: string): void {
    if (this.state === 'down' || this.state === 'closed') return;
    this.log.warn(
      this.state === 'starting'
        ? `socket.io adapter: Redis at ${this.where} does not answer (${why}); this instance serves its own visitors and joins the others when Redis answers`
        : `socket.io adapter: Redis at ${this.where} is unavailable (${why}); this instance serves its own visitors, the other instances miss its packets until Redis is back`,
    );
    this.state = 'down';
  }

  /** Our own goodbye is no outage. */
  close(): void {
    this.state = 'closed';
  }
}
