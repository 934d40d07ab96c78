import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { Redis } from 'ioredis';
import { type Namespace, Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { redisStreamsAdapter } from '../backend/src/cluster/redis-streams-adapter';
import { RedisUnavailableError } from '../backend/src/cluster/redis-state';
import { RedisStreamsTransport } from '../backend/src/cluster/redis-streams-transport';
import { describeWithRedis, redisAnswers, TEST_REDIS_URL } from './support/redis';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { eventually } from './support/wait-until';

/** The server-side events of these tests. */
interface TestEvents {
  whoami: (question: string, ack: (answer: string) => void) => void;
}
type TestNamespace = Namespace<Record<string, never>, { delta: (n: number) => void }, TestEvents>;

interface Instance {
  name: string;
  http: HttpServer;
  server: Server;
  nsp: TestNamespace;
  transport: RedisStreamsTransport;
  url: string;
  lines: { warn: string[]; log: string[] };
}

const STREAM = `cc-cluster-test-${randomBytes(4).toString('hex')}:socket.io-cluster`;

async function startInstance(name: string, redisUrl: string): Promise<Instance> {
  const lines = { warn: [] as string[], log: [] as string[] };
  const transport = new RedisStreamsTransport(redisUrl, { name: STREAM }, { warn: (m) => lines.warn.push(m), log: (m) => lines.log.push(m) });
  const http = createServer();
  const server = new Server(http, { adapter: redisStreamsAdapter(transport) });
  const nsp: TestNamespace = server.of('/widget');
  nsp.on('connection', (socket) => void socket.join('room'));
  nsp.on('whoami', (question, ack) => ack(`${name}:${question}`));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { name, http, server, nsp, transport, url: `http://127.0.0.1:${(http.address() as { port: number }).port}/widget`, lines };
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance) return;
  await new Promise<void>((resolve) => instance.server.close(() => resolve()));
  await instance.transport.close();
}

/** A client in `room` on an instance, recording the deltas it gets. */
async function listen(instance: Instance): Promise<{ socket: Socket; deltas: number[] }> {
  const socket = io(instance.url, { transports: ['websocket'], forceNew: true, reconnection: false });
  const deltas: number[] = [];
  socket.on('delta', (n: number) => deltas.push(n));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  await eventually('joined', () => expect(instance.nsp.adapter.rooms.get('room')?.has(socket.id!)).toBe(true));
  return { socket, deltas };
}

/**
 * Our socket.io cluster adapter (backend/src/cluster) on a real Redis: two servers in this process,
 * each with its own transport on a fresh stream key; B reaches Redis through a TCP proxy, so
 * cutting the proxy is Redis going away for B only. These pin what the product relies on
 * (docs/performance.md, cross-instance): a dependency upgrade that breaks it fails here.
 */
describeWithRedis()('the Redis Streams cluster adapter on a real Redis', () => {
  let proxy: TcpProxy;
  let a: Instance;
  let b: Instance;
  const sockets: Socket[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    if (!redisAnswers()) throw new Error(`CI must provide Redis at ${TEST_REDIS_URL}`);
    process.on('unhandledRejection', onUnhandled);
    const redis = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy(Number(redis.port) || 6379, redis.hostname);
    a = await startInstance('A', TEST_REDIS_URL);
    b = await startInstance('B', `redis://127.0.0.1:${proxy.port}`);
    // Each counts the other (both listen to the namespace's channel), and reads the stream.
    await eventually('A and B see each other', async () => {
      expect(await a.nsp.adapter.serverCount()).toBe(2);
      expect(await b.nsp.adapter.serverCount()).toBe(2);
    });
    const probe = await listen(b);
    await eventually('B reads the stream', () => {
      a.nsp.to('room').emit('delta', -1);
      expect(probe.deltas).toContain(-1);
    });
    probe.socket.disconnect();
  });

  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await stopInstance(a);
    await stopInstance(b);
    await proxy?.close();
    const redis = new Redis(TEST_REDIS_URL);
    await redis.del(STREAM);
    redis.disconnect();
    expect(unhandled).toEqual([]);
  });

  it('delivers a room broadcast on both instances, every packet in emission order', async () => {
    const onA = await listen(a);
    const onB = await listen(b);
    sockets.push(onA.socket, onB.socket);
    const n = 300;
    for (let i = 1; i <= n; i++) a.nsp.to('room').emit('delta', i);
    // Local first: A's own socket has its packets written before any stream round trip.
    await eventually('B got them all', () => expect(onB.deltas).toHaveLength(n));
    const all = Array.from({ length: n }, (_, i) => i + 1);
    expect(onA.deltas).toEqual(all);
    expect(onB.deltas).toEqual(all);
    // A `local` broadcast stays on its instance.
    a.nsp.local.to('room').emit('delta', 0);
    await eventually('A got the local one', () => expect(onA.deltas).toHaveLength(n + 1));
    await new Promise((r) => setTimeout(r, 200));
    expect(onB.deltas).toHaveLength(n);
  });

  it('answers server-side emits with ack across instances, both ways, and fetchSockets sees both', async () => {
    expect(await a.nsp.adapter.serverCount()).toBe(2);
    await expect(a.nsp.serverSideEmitWithAck('whoami', 'q1')).resolves.toEqual(['B:q1']);
    await expect(b.nsp.serverSideEmitWithAck('whoami', 'q2')).resolves.toEqual(['A:q2']);
    const onA = await listen(a);
    const onB = await listen(b);
    sockets.push(onA.socket, onB.socket);
    const ids = (await a.nsp.in('room').fetchSockets()).map((s) => s.id).sort();
    expect(ids).toEqual([onA.socket.id, onB.socket.id].sort());
  });

  it('while Redis is away: local delivery goes on, questions fail at once, no spinning, one log line; afterwards B catches up and is reached again', async () => {
    const onA = await listen(a);
    const onB = await listen(b);
    sockets.push(onA.socket, onB.socket);
    proxy.cut();
    await eventually('B notices', () => expect(b.transport.ready).toBe(false));

    // Questions: RedisUnavailableError at once, not after ioredis' retries or a 5 s timeout.
    const t0 = performance.now();
    await expect(b.nsp.serverSideEmitWithAck('whoami', 'away')).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(b.nsp.fetchSockets()).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(performance.now() - t0).toBeLessThan(50);

    // B's own socket gets B's broadcasts at once, in order, though no XADD can be answered.
    for (let i = 1; i <= 20; i++) b.nsp.to('room').emit('delta', 1000 + i);
    await eventually('B delivered locally', () => expect(onB.deltas).toEqual(Array.from({ length: 20 }, (_, i) => 1001 + i)), 500);

    // What A broadcasts meanwhile goes into the stream; B reads it when Redis is back.
    a.nsp.to('room').emit('delta', 2000);

    // The read loop waits between failed reads: this process stays near idle.
    const cpu0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 1500));
    const cpu = process.cpuUsage(cpu0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(300);
    expect(b.lines.warn.filter((l) => /is unavailable/.test(l))).toHaveLength(1);

    proxy.restore();
    await eventually('B is back', () => expect(b.transport.ready).toBe(true), 15_000);
    await eventually('B caught up on what A sent during the outage', () => expect(onB.deltas).toContain(2000), 10_000);
    await eventually('B answers A again', async () => expect(await a.nsp.serverSideEmitWithAck('whoami', 'back')).toEqual(['B:back']), 15_000);
    await eventually('A answers B again', async () => expect(await b.nsp.serverSideEmitWithAck('whoami', 'back')).toEqual(['A:back']), 15_000);
    b.nsp.to('room').emit('delta', 3000);
    await eventually("A's socket gets B's broadcasts again", () => expect(onA.deltas).toContain(3000), 5000);
    expect(b.lines.log.filter((l) => /is back/.test(l))).toHaveLength(1);
    expect(b.lines.warn).toHaveLength(1);
  });

  it('an instance started while Redis is away joins the others once Redis is back: it answers, and is answered', async () => {
    proxy.cut();
    const c = await startInstance('C', `redis://127.0.0.1:${proxy.port}`);
    try {
      await eventually('C notices', () => expect(c.lines.warn.join()).toMatch(/does not answer/));
      await expect(c.nsp.serverSideEmitWithAck('whoami', 'alone')).rejects.toBeInstanceOf(RedisUnavailableError);
      proxy.restore();
      await eventually('C answers A', async () => expect((await a.nsp.serverSideEmitWithAck('whoami', 'c?')).sort()).toEqual(['B:c?', 'C:c?']), 15_000);
      await eventually('A and B answer C', async () => expect((await c.nsp.serverSideEmitWithAck('whoami', 'hi')).sort()).toEqual(['A:hi', 'B:hi']), 15_000);
    } finally {
      await stopInstance(c);
    }
    // Gone, without waiting for any timeout: questions are answered by the living at once.
    await eventually('Redis has closed C', async () => expect(await a.nsp.adapter.serverCount()).toBe(2), 1000);
    const t0 = performance.now();
    await expect(a.nsp.serverSideEmitWithAck('whoami', 'c gone')).resolves.toEqual(['B:c gone']);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
