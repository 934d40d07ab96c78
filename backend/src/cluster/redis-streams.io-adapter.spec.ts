import { EventEmitter } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { localFirstStreamsAdapter, RedisUnavailableError } from './redis-streams.io-adapter';

/**
 * The ioredis surface the streams adapter uses, with Redis away: commands never answer (waiting in
 * the offline queue), or fail at once (`failFast`, a closed connection).
 */
class AwayRedis extends EventEmitter {
  status = 'reconnecting';
  readonly options = { host: '127.0.0.1', port: 6379 };
  readonly xadds: unknown[][] = [];
  readonly copies: AwayRedis[] = [];
  xreads = 0;
  subscribes = 0;

  constructor(private readonly failFast = false) {
    super();
  }

  private answer<T>(): Promise<T> {
    return this.failFast ? Promise.reject(new Error('Connection is closed.')) : new Promise<T>(() => undefined);
  }

  duplicate(): AwayRedis {
    const copy = new AwayRedis(this.failFast);
    this.copies.push(copy);
    return copy;
  }
  xadd(...args: unknown[]): Promise<string> {
    this.xadds.push(args.flat());
    return this.answer();
  }
  xread(): Promise<null> {
    // Stops failing after 10,000 reads in a row: a spinning loop then ends and the test can fail.
    return ++this.xreads > 10_000 ? new Promise(() => undefined) : this.answer();
  }
  publish(): Promise<number> {
    return this.answer();
  }
  subscribe(): Promise<number> {
    this.subscribes++;
    return this.answer();
  }
  send_command(_name: string, _args: unknown[], callback: (error: Error | null, result?: unknown) => void): void {
    if (this.failFast) callback(new Error('Connection is closed.'));
  }
  disconnect(): void {
    this.status = 'end';
  }
}

const log = { warn: jest.fn(), log: jest.fn() };
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the local-first streams adapter', () => {
  let http: HttpServer;
  let server: Server;
  let client: Socket | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
    log.warn.mockClear();
    log.log.mockClear();
  });

  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    client?.disconnect();
    client = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function serve(redis: AwayRedis): Promise<{ nsp: ReturnType<Server['of']>; url: string }> {
    http = createServer();
    server = new Server(http);
    server.adapter(localFirstStreamsAdapter(redis as unknown as Redis, { streamName: 'test', channelPrefix: 'test' }, log) as never);
    const nsp = server.of('/widget');
    nsp.on('connection', (socket) => void socket.join('room'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return { nsp, url: `http://127.0.0.1:${(http.address() as { port: number }).port}/widget` };
  }

  it("delivers a room's broadcasts to this instance's sockets at once and in order, then hands them to Redis in that order", async () => {
    const redis = new AwayRedis();
    const { nsp, url } = await serve(redis);
    client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const received: number[] = [];
    const all = new Promise<void>((resolve) => client!.on('delta', (n: number) => received.push(n) === 51 && resolve()));
    await new Promise<void>((resolve) => client!.on('connect', resolve));
    await tick(50); // the join

    for (let n = 1; n <= 50; n++) nsp.to('room').emit('delta', n);
    nsp.local.to('room').emit('delta', 51); // local-only: to this instance's sockets only
    await all;

    // No XADD ever answered (Redis away), yet every packet arrived, in order.
    expect(received).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    // The other instances get the same packets in the same order; the local-only one not.
    const packets = redis.xadds.map((args) => JSON.parse(String(args[args.indexOf('data') + 1])) as { packet: { data: unknown[] }; opts: { rooms: string[] } });
    expect(packets.map((m) => m.packet.data)).toEqual(received.slice(0, 50).map((n) => ['delta', n]));
    expect(packets.every((m) => m.opts.rooms.join() === 'room')).toBe(true);
  });

  it('spaces out reads on a connection that fails at once, instead of spinning', async () => {
    const redis = new AwayRedis(true);
    await serve(redis);
    await tick(500);
    // The adapter re-polls straight from a failed read: unspaced, that is an endless microtask
    // chain and this timer would never have fired.
    const reads = redis.copies.reduce((sum, c) => sum + c.xreads, 0);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThan(6);
  });

  it('answers a server-side emit with ack at once when Redis is away, without an unhandled rejection', async () => {
    const redis = new AwayRedis(true);
    const { nsp } = await serve(redis);
    const error = await nsp.serverSideEmitWithAck('cluster:reply-snapshot', 'r-1').then(
      () => undefined,
      (e: Error & { responses?: unknown[] }) => e,
    );
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(error?.responses).toEqual([]);
    nsp.serverSideEmit('fire-and-forget'); // PUBLISH fails: caught
    await tick(20);
    expect(unhandled).toEqual([]);
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('subscribes again when the connection is ready, when the first SUBSCRIBE failed (Redis away at start)', async () => {
    const redis = new AwayRedis(true);
    await serve(redis);
    await tick(20);
    const sub = redis.copies.find((c) => c.subscribes > 0)!;
    const before = sub.subscribes;
    sub.emit('ready');
    expect(sub.subscribes).toBe(before * 2);
    await tick(20);
    expect(unhandled).toEqual([]);
  });
});
