import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClusterMessage } from 'socket.io-adapter';
import { io, type Socket } from 'socket.io-client';
import { redisStreamsAdapter } from './redis-streams-adapter';
import { RedisUnavailableError } from './redis-state';
import type { ClusterTransport, TransportMember } from './redis-streams-transport';

/** The transport with Redis away: stream writes never answer (ioredis' offline queue), questions fail at once. */
class AwayTransport implements ClusterTransport {
  readonly appended: ClusterMessage[] = [];
  readonly members: TransportMember[] = [];
  readonly ready = false;
  readonly status = 'reconnecting';
  join(member: TransportMember): void {
    this.members.push(member);
  }
  leave(): void {}
  append(message: ClusterMessage): Promise<string> {
    this.appended.push(message);
    return new Promise(() => undefined);
  }
  ask(): Promise<void> {
    return Promise.reject(new RedisUnavailableError(this.status));
  }
  answer(): Promise<void> {
    return Promise.reject(new RedisUnavailableError(this.status));
  }
  listeners(): Promise<number> {
    return Promise.reject(new RedisUnavailableError(this.status));
  }
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the Redis Streams cluster adapter, Redis away', () => {
  let http: HttpServer;
  let server: Server;
  let client: Socket | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });

  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    client?.disconnect();
    client = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function serve(transport: AwayTransport) {
    http = createServer();
    server = new Server(http);
    server.adapter(redisStreamsAdapter(transport));
    const nsp = server.of('/widget');
    nsp.on('connection', (socket) => void socket.join('room'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return { nsp, url: `http://127.0.0.1:${(http.address() as { port: number }).port}/widget` };
  }

  it("delivers a room's broadcasts to this instance's sockets at once and in order, then hands them to the stream in that order", async () => {
    const transport = new AwayTransport();
    const { nsp, url } = await serve(transport);
    client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const received: number[] = [];
    const all = new Promise<void>((resolve) => client!.on('delta', (n: number) => received.push(n) === 51 && resolve()));
    await new Promise<void>((resolve) => client!.on('connect', resolve));
    await tick(50); // the join

    for (let n = 1; n <= 50; n++) nsp.to('room').emit('delta', n);
    nsp.local.to('room').emit('delta', 51); // local-only: to this instance's sockets only
    await all;

    // No stream write ever answered, yet every packet arrived, in order.
    expect(received).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const broadcasts = transport.appended.filter((m) => m.type === 3 && m.nsp === '/widget');
    expect(broadcasts.map((m) => m.type === 3 && (m.data.packet as { data: unknown[] }).data)).toEqual(received.slice(0, 50).map((n) => ['delta', n]));
    expect(broadcasts.every((m) => m.type === 3 && m.data.opts.rooms.join() === 'room')).toBe(true);
  });

  it('answers a server-side emit with ack, and fetchSockets, at once with RedisUnavailableError, without an unhandled rejection', async () => {
    const { nsp } = await serve(new AwayTransport());
    const t0 = performance.now();
    const error = await nsp.serverSideEmitWithAck('cluster:reply-snapshot', 'r-1').then(
      () => undefined,
      (e: Error & { responses?: unknown[] }) => e,
    );
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(error?.responses).toEqual([]);
    await expect(nsp.fetchSockets()).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(performance.now() - t0).toBeLessThan(100);
    expect((await nsp.local.fetchSockets()).length).toBe(0); // local questions need no Redis
    nsp.serverSideEmit('fire-and-forget'); // its publish fails: caught
    await tick(20);
    expect(unhandled).toEqual([]);
  });
});
