import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { ReplyDeltaEvent } from '../backend/src/chat/widget.events';
import type { AzureOpenAISimulator } from '../backend/src/llm/simulator';
import { freePort, RunningServer, startProduct } from './browser/support';
import { createTestDatabase, TestDatabase } from './support/database';
import { BotFixture, createBot } from './support/fixtures';
import { describeWithRedis, redisAnswers, TEST_REDIS_URL } from './support/redis';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { SIM_DEPLOYMENT, SIM_KEY, startSimulator, startTestApp, TestApp } from './support/test-app';
import { collectReply, connectVisitor, emitAck, nextEvent, VisitorSocket } from './support/visitor';
import { eventually } from './support/wait-until';

// Unique per run: runs sharing one Redis never hear each other.
const PREFIX = `cc-outage-${randomBytes(4).toString('hex')}:`;
const LONG = '春天多喝温水，早睡早起。'.repeat(12);
const SHORT = 'Drink water.';
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime: fields 14 and 15
}

/** The share of one core the process uses over `ms`. */
async function cpuShare(pid: number, ms: number): Promise<number> {
  const before = cpuSeconds(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  return (cpuSeconds(pid) - before) / ((performance.now() - t0) / 1000);
}

/** The product's log lines about the socket.io adapter, at one level. */
function adapterLines(product: RunningServer, level: 'log' | 'warn'): string[] {
  return product
    .output()
    .split('\n')
    .filter((l) => l.includes(`"level":"${level}"`) && l.includes('socket.io adapter'));
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * The built product in its own process, its REDIS_URL pointing at a proxy in front of the real
 * Redis, next to a second instance (in this process) on the real Redis. Cutting the proxy is Redis
 * going away for that instance only: it must keep streaming to its own visitors at full pace,
 * stay idle when there is nothing to do, stop promptly, and share visitors again once Redis is back.
 */
describeWithRedis()('the socket.io adapter while Redis is away', () => {
  let database: TestDatabase;
  let simulator: AzureOpenAISimulator;
  let simulatorUrl: string;
  let proxy: TcpProxy;
  let b: TestApp;
  let fixture: BotFixture;
  let product: RunningServer | undefined;
  const sockets: VisitorSocket[] = [];

  beforeAll(async () => {
    if (!redisAnswers()) throw new Error(`CI must provide Redis at ${TEST_REDIS_URL}`);
    database = await createTestDatabase();
    ({ simulator, url: simulatorUrl } = await startSimulator());
    const redis = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy(Number(redis.port) || 6379, redis.hostname);
    b = await startTestApp({ database, simulatorUrl, env: { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: PREFIX, RATE_IP_CONNECTIONS_PER_MINUTE: '0', RATE_IP_NEW_VISITORS_PER_HOUR: '0' } });
    fixture = await createBot(b.db);
  });

  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  afterAll(async () => {
    await product?.kill('SIGKILL');
    await b?.close();
    await proxy?.close();
    await simulator?.stop();
    await database?.drop();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(keys);
    redis.disconnect();
  });

  /** Instance A: the built product, Redis through the proxy. */
  const startA = async () =>
    startProduct(await freePort(), {
      DATABASE_URL: database.url, ...database.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-outage-')), APP_SECRET: 'e2e-secret-'.padEnd(40, 'x'), // as startTestApp's: B reads A's visitor tokens
      AZURE_OPENAI_ENDPOINT: simulatorUrl, AZURE_OPENAI_API_KEY: SIM_KEY, AZURE_OPENAI_DEPLOYMENT: SIM_DEPLOYMENT,
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_KEY_PREFIX: PREFIX, SHUTDOWN_GRACE_MS: '500',
      LOG_LEVEL: 'log', LOG_FORMAT: 'json', RATE_IP_CONNECTIONS_PER_MINUTE: '0', RATE_IP_NEW_VISITORS_PER_HOUR: '0',
    });

  const visit = async (url: string, token?: string) => {
    // Bounded: a handshake to an instance that died midway would wait for ever.
    const v = await within(connectVisitor(url, { bot: fixture.bot.publicKey, visitor: token }), 10_000, `session from ${url}`);
    sockets.push(v.socket);
    return v;
  };

  /** A visitor on `from` sends; the same visitor's tab on `to` sees the whole reply. */
  async function crossInstanceReply(from: string, to: string, timeoutMs = 3000): Promise<void> {
    simulator.configure({ tokensPerSecond: 200, reply: () => SHORT });
    const sender = await visit(from);
    const watcher = await visit(to, sender.session.visitor);
    try {
      const seen = collectReply(watcher.socket, undefined, timeoutMs);
      const ack = await emitAck(sender.socket, 'message:send', { clientId: `x-${randomBytes(3).toString('hex')}`, text: 'Thirsty?' });
      if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
      expect((await seen).end).toMatchObject({ status: 'complete', text: SHORT });
    } finally {
      sender.socket.disconnect();
      watcher.socket.disconnect();
    }
  }

  /** A reply streams on `from`; the same visitor connecting to `to` finds its text so far (asked across instances). */
  async function crossInstanceSnapshot(from: string, to: string): Promise<void> {
    simulator.configure({ tokensPerSecond: 40, reply: () => LONG });
    const sender = await visit(from);
    try {
      const ack = await emitAck<{ replyId: string }>(sender.socket, 'message:send', { clientId: `s-${randomBytes(3).toString('hex')}`, text: 'Spring?' });
      if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
      for (let i = 0; i < 4; i++) await nextEvent(sender.socket, 'reply:delta');
      const other = await visit(to, sender.session.visitor);
      other.socket.disconnect();
      const live = other.session.conversation.messages.find((m) => m.id === ack.replyId);
      expect(live?.status).toBe('streaming');
      expect(live!.text.length).toBeGreaterThan(0);
      await emitAck(sender.socket, 'reply:stop', { replyId: ack.replyId });
    } finally {
      sender.socket.disconnect();
    }
  }

  it('streams to its own visitors at full pace while Redis is away, idles, and shares visitors again when Redis is back', async () => {
    product = await startA();
    const a = product;
    await eventually('A and B share visitors', () => crossInstanceReply(a.url, b.url), 15_000, 250);
    await crossInstanceSnapshot(a.url, b.url);

    proxy.cut();
    // (a) A visitor on A gets the whole reply, delta after delta as the model sends them: no delta
    // waits for Redis (40 pieces/s: one every 25 ms; a Redis round trip in an outage is seconds).
    simulator.configure({ tokensPerSecond: 40, reply: () => LONG });
    const visitor = await visit(a.url);
    const arrivals: number[] = [];
    visitor.socket.on('reply:delta', () => arrivals.push(performance.now()));
    const reply = collectReply(visitor.socket, undefined, 30_000);
    const sent = await emitAck(visitor.socket, 'message:send', { clientId: 'outage-1', text: 'Spring?' });
    expect(sent).toMatchObject({ ok: true });
    const { deltas, end } = await reply;
    expect(end).toMatchObject({ status: 'complete', text: LONG });
    expect(deltas.map((d: ReplyDeltaEvent) => d.seq)).toEqual(deltas.map((_, i) => deltas[0].seq + i));
    expect(deltas.map((d) => d.text).join('')).toBe(LONG);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
    console.log(`[redis-outage] ${deltas.length} deltas during the outage, largest gap ${Math.max(...gaps).toFixed(0)} ms`);
    expect(Math.max(...gaps)).toBeLessThan(500);

    // A visitor coming back to A while B generates: A cannot ask B for the text so far; it still
    // answers with what the database has, and does not fall over.
    simulator.configure({ tokensPerSecond: 40, reply: () => LONG });
    const onB = await visit(b.url);
    const onBAck = await emitAck<{ replyId: string }>(onB.socket, 'message:send', { clientId: 'outage-2', text: 'Spring?' });
    expect(onBAck).toMatchObject({ ok: true });
    await nextEvent(onB.socket, 'reply:delta');
    const t0 = performance.now();
    const backOnA = await visit(a.url, onB.session.visitor);
    console.log(`[redis-outage] session on A for a reply streaming on B, Redis away: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(backOnA.session.conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    if (onBAck.ok) await emitAck(onB.socket, 'reply:stop', { replyId: onBAck.replyId });
    expect((await fetch(a.url + '/health')).ok).toBe(true);

    // (b) Nothing to do and no Redis: the instance idles.
    await new Promise((r) => setTimeout(r, 1000));
    const share = await cpuShare(a.pid, 5000);
    console.log(`[redis-outage] CPU with Redis away and nothing to do: ${(share * 100).toFixed(1)}% of a core`);
    expect(share).toBeLessThan(0.2);
    // The lost connection is reported once, not once per packet.
    expect(adapterLines(a, 'warn').filter((l) => /is unavailable/.test(l))).toHaveLength(1);

    // (c) Redis is back: broadcasts and questions cross instances again, both ways.
    proxy.restore();
    await eventually('A reaches B again', () => crossInstanceReply(a.url, b.url), 20_000, 250);
    await eventually('B reaches A again', () => crossInstanceReply(b.url, a.url), 10_000, 250);
    await crossInstanceSnapshot(a.url, b.url);
    await crossInstanceSnapshot(b.url, a.url);
    expect(adapterLines(a, 'log').filter((l) => /is back/.test(l))).toHaveLength(1);
    expect(adapterLines(a, 'warn')).toHaveLength(1);
  });

  it('on SIGTERM with Redis away exits within seconds, without spinning', async () => {
    product ??= await startA();
    const a = product;
    const visitor = await visit(a.url);
    simulator.configure({ tokensPerSecond: 40, reply: () => LONG });
    proxy.cut();
    const sent = await emitAck(visitor.socket, 'message:send', { clientId: 'term-1', text: 'Spring?' });
    expect(sent).toMatchObject({ ok: true });
    await nextEvent(visitor.socket, 'reply:delta');

    const t0 = performance.now();
    const cpu0 = cpuSeconds(a.pid);
    let cpu = cpu0;
    const sampler = setInterval(() => {
      try {
        cpu = cpuSeconds(a.pid);
      } catch {
        /* gone */
      }
    }, 50);
    const exited = await within(a.stop(), 5000, 'exit after SIGTERM').finally(() => clearInterval(sampler));
    const took = performance.now() - t0;
    console.log(`[redis-outage] SIGTERM with Redis away: exited (${exited}) after ${took.toFixed(0)} ms, ${(cpu - cpu0).toFixed(2)} s CPU`);
    expect(exited).toBe('SIGTERM');
    expect(cpu - cpu0).toBeLessThan(Math.max(1, (took / 1000) * 0.6));
    product = undefined;
    proxy.restore();
  });

  it('an instance started while Redis is away joins the others once Redis is back', async () => {
    proxy.cut();
    product = await startA();
    const a = product;
    expect(adapterLines(a, 'warn').join('\n')).toMatch(/does not answer .*joins the others when Redis answers/);
    // Alone meanwhile: its visitors are served.
    simulator.configure({ tokensPerSecond: 200, reply: () => SHORT });
    const visitor = await visit(a.url);
    const reply = collectReply(visitor.socket, undefined, 10_000);
    expect(await emitAck(visitor.socket, 'message:send', { clientId: 'cold-1', text: 'Thirsty?' })).toMatchObject({ ok: true });
    expect((await reply).end).toMatchObject({ status: 'complete', text: SHORT });
    const share = await cpuShare(a.pid, 3000);
    console.log(`[redis-outage] CPU of an instance started without Redis: ${(share * 100).toFixed(1)}% of a core`);
    expect(share).toBeLessThan(0.2);

    proxy.restore();
    await eventually('A reaches B', () => crossInstanceReply(a.url, b.url), 20_000, 250);
    await eventually('B reaches A', () => crossInstanceReply(b.url, a.url), 10_000, 250);
    await crossInstanceSnapshot(a.url, b.url);
    await crossInstanceSnapshot(b.url, a.url);
  });
});
