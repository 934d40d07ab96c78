import { Redis, type RedisOptions } from 'ioredis';
import type { ClusterMessage, ClusterResponse } from 'socket.io-adapter';
import { type AdapterLog, RedisState, RedisUnavailableError } from './redis-state';

/** One namespace's adapter, as the transport sees it. */
export interface TransportMember {
  readonly uid: string;
  readonly nsp: { readonly name: string };
  /** A message from the stream (another instance's), with its entry id. */
  onStreamMessage(message: ClusterMessage, offset: string): void;
  /** A message on the namespace's public channel (questions to every instance). */
  onChannelMessage(message: ClusterMessage): void;
  /** An answer on this adapter's private channel. */
  onChannelResponse(response: ClusterResponse): void;
}

/** What an adapter needs of its transport (RedisStreamsTransport; a fake in unit tests). */
export interface ClusterTransport {
  /** Whether questions can be asked now (sent, and their answers heard). */
  readonly ready: boolean;
  /** Why not, for the error. */
  readonly status: string;
  join(member: TransportMember): void;
  leave(member: TransportMember): void;
  /** Appends a message to the stream (in order, kept for a while); resolves with its entry id. */
  append(message: ClusterMessage): Promise<string>;
  /** A question to every instance of the namespace (not kept). */
  ask(message: ClusterMessage): Promise<void>;
  /** An answer to the instance (adapter uid) that asked (not kept). */
  answer(requesterUid: string, response: ClusterResponse): Promise<void>;
  /** How many instances (this one included) hear the namespace's questions now. */
  listeners(nsp: string): Promise<number>;
}

export interface StreamsTransportOptions {
  /** The stream's key, and the prefix of the pub/sub channels. */
  name: string;
  /** The stream is trimmed to about this many entries (MAXLEN ~): what an instance can catch up on. */
  maxLen?: number;
  /** Entries per XREAD. */
  readCount?: number;
  /** How long one XREAD blocks waiting for entries. */
  blockMs?: number;
}

/** Longest pause of the read loop after failed reads in a row (it starts at 100 ms and doubles). */
const MAX_READ_BACKOFF_MS = 2000;

/**
 * socket.io cluster messages over Redis, for every namespace of one server:
 *
 * - A Redis Stream for what must arrive in order and survive a short outage (broadcasts,
 *   joins, heartbeats): XADD with MAXLEN on the command connection, read by a blocking XREAD loop
 *   on a connection of its own. The loop keeps its offset across failures, so an instance that lost
 *   Redis for a while catches up on what it missed (within MAXLEN).
 * - Pub/sub for questions and answers (server-side emits, fetchSockets, broadcast acks): a late
 *   question must not be answered after an outage, so they are not kept. The subscribers of a
 *   namespace's question channel are its live instances (a dead process's connection is gone).
 *
 * Questions fail at once while Redis is away (RedisUnavailableError) instead of waiting on
 * ioredis' offline queue; stream writes do wait there (a reconnection of a few ms loses nothing).
 * Redis' state is logged once per change, from the command connection.
 */
export class RedisStreamsTransport implements ClusterTransport {
  private readonly commands: Redis;
  private readonly reader: Redis;
  private readonly subscriber: Redis;
  private readonly state: RedisState;
  private readonly members = new Map<string, TransportMember>();
  /** Channel → member, and whether the channel is the member's private one (answers). */
  private readonly channels = new Map<string, { member: TransportMember; answers: boolean }>();
  private readonly maxLen: string;
  private readonly readCount: number;
  private readonly blockMs: number;
  private offset = '$';
  private closed = false;

  constructor(
    url: string,
    private readonly opts: StreamsTransportOptions,
    log: AdapterLog,
  ) {
    this.maxLen = String(opts.maxLen ?? 10_000);
    this.readCount = opts.readCount ?? 100;
    this.blockMs = opts.blockMs ?? 5000;
    // While Redis is away a command fails after one retry (the offline queue is flushed every
    // second reconnection attempt): a packet for the others is not held for long. Auto-pipelining:
    // the XADDs of one tick (one per delta of every shared reply) go in one write.
    this.commands = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
      // ioredis's (untyped) grace before destroying a socket on disconnect(), 2 s by default.
      disconnectTimeout: 100,
    } as RedisOptions);
    // A blocking XREAD must not hold other commands back, nor SUBSCRIBE mode: their own connections.
    this.reader = this.commands.duplicate({ enableAutoPipelining: false });
    this.subscriber = this.commands.duplicate({ enableAutoPipelining: false });
    const where = `${this.commands.options.host ?? 'localhost'}:${this.commands.options.port ?? 6379}`;
    this.state = new RedisState(log, where);

    this.commands.on('ready', () => this.state.up());
    this.commands.on('error', (error: Error) => this.state.down(error.message));
    this.commands.on('close', () => this.state.down('connection closed'));
    // Their failures are the command connection's too; reported there, once.
    this.reader.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, payload: string) => this.onChannel(channel, payload));
    // A SUBSCRIBE sent while Redis was away failed and is not among those ioredis renews on
    // reconnection: subscribe to every channel again whenever the connection is (re)established.
    this.subscriber.on('ready', () => this.subscribe([...this.channels.keys()]));
    void this.readLoop();
  }

  get ready(): boolean {
    return !this.closed && this.commands.status === 'ready' && this.subscriber.status === 'ready';
  }

  get status(): string {
    if (this.closed) return 'closed';
    return this.commands.status === 'ready' ? `subscriber ${this.subscriber.status}` : this.commands.status;
  }

  join(member: TransportMember): void {
    this.members.set(member.nsp.name, member);
    const pub = this.publicChannel(member.nsp.name);
    const own = this.privateChannel(member.nsp.name, member.uid);
    this.channels.set(pub, { member, answers: false });
    this.channels.set(own, { member, answers: true });
    this.subscribe([pub, own]);
  }

  leave(member: TransportMember): void {
    if (this.members.get(member.nsp.name) === member) this.members.delete(member.nsp.name);
    for (const [channel, entry] of this.channels) if (entry.member === member) this.channels.delete(channel);
  }

  append(message: ClusterMessage): Promise<string> {
    if (this.closed) return Promise.reject(new RedisUnavailableError('closed'));
    // uid and nsp as fields of their own: a reader skips its own entries without parsing them.
    return this.commands.xadd(this.opts.name, 'MAXLEN', '~', this.maxLen, '*', 'u', message.uid, 'n', message.nsp, 'd', JSON.stringify(message)).then(
      (id) => {
        this.state.up();
        return id ?? '';
      },
      (error: Error) => {
        this.state.down(error.message);
        throw error;
      },
    );
  }

  ask(message: ClusterMessage): Promise<void> {
    return this.publish(this.publicChannel(message.nsp), message);
  }

  answer(requesterUid: string, response: ClusterResponse): Promise<void> {
    return this.publish(this.privateChannel(response.nsp, requesterUid), response);
  }

  listeners(nsp: string): Promise<number> {
    return this.commands.pubsub('NUMSUB', this.publicChannel(nsp)).then(
      (reply) => Number(reply[1]) || 0,
      (error: Error) => {
        this.state.down(error.message);
        throw error;
      },
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.state.close();
    // Let what is already written go out when Redis is there, briefly: not quit() alone, it would
    // wait for a Redis that may be gone.
    if (this.commands.status === 'ready') {
      await Promise.race([this.commands.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 200).unref())]);
    }
    // The reader too: its XREAD blocks for up to blockMs and would hold the connection that long.
    // The read loop is not awaited: with Redis away its XREAD waits in ioredis' offline queue,
    // which disconnect() does not always settle; the loop ends when it does (`closed`).
    for (const client of [this.commands, this.reader, this.subscriber]) client.disconnect();
  }

  private publish(channel: string, payload: ClusterMessage | ClusterResponse): Promise<void> {
    // Nobody could answer in time: say so now rather than after ioredis' retries.
    if (!this.ready) return Promise.reject(new RedisUnavailableError(this.status));
    return this.commands.publish(channel, JSON.stringify(payload)).then(
      () => undefined,
      (error: Error) => {
        this.state.down(error.message);
        throw error;
      },
    );
  }

  private subscribe(channels: string[]): void {
    if (channels.length === 0 || this.closed) return;
    // Failure: renewed on the next 'ready' (above).
    this.subscriber.subscribe(...channels).catch(() => undefined);
  }

  private onChannel(channel: string, payload: string): void {
    const entry = this.channels.get(channel);
    if (!entry) return;
    const message = parse<ClusterMessage & ClusterResponse>(payload);
    if (!message) return;
    if (entry.answers) entry.member.onChannelResponse(message);
    else entry.member.onChannelMessage(message);
  }

  private async readLoop(): Promise<void> {
    let pause = 0;
    while (!this.closed) {
      try {
        const reply = await this.reader.xread('COUNT', this.readCount, 'BLOCK', this.blockMs, 'STREAMS', this.opts.name, this.offset);
        pause = 0;
        for (const [, entries] of reply ?? []) for (const [id, fields] of entries) this.dispatch(id, fields);
      } catch {
        if (this.closed) break;
        // A closed connection rejects at once: without a pause this loop would never yield to
        // the event loop. Failed reads in a row are spaced out (100 ms doubling to 2 s).
        pause = Math.min(pause ? pause * 2 : 100, MAX_READ_BACKOFF_MS);
        await new Promise((r) => setTimeout(r, pause).unref());
      }
    }
  }

  private dispatch(id: string, fields: string[]): void {
    this.offset = id;
    let uid: string | undefined, nsp: string | undefined, data: string | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'u') uid = fields[i + 1];
      else if (fields[i] === 'n') nsp = fields[i + 1];
      else if (fields[i] === 'd') data = fields[i + 1];
    }
    const member = nsp === undefined ? undefined : this.members.get(nsp);
    // Our own entries come back too: skipped before they cost a JSON.parse.
    if (!member || uid === member.uid || data === undefined) return;
    const message = parse<ClusterMessage>(data);
    if (message) member.onStreamMessage(message, id);
  }

  private publicChannel(nsp: string): string {
    return `${this.opts.name}#${nsp}#`;
  }

  private privateChannel(nsp: string, uid: string): string {
    return `${this.opts.name}#${nsp}#${uid}#`;
  }
}

/** A message from another instance; undefined when it is not JSON (another program's, a newer format). */
function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
