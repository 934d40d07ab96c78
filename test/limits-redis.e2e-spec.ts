import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { chatHarness } from './support/chat-harness';
import { createBot } from './support/fixtures';
import { handshake, socketPool, turn } from './support/limits';
import { describeWithRedis, redisAnswers, TEST_REDIS_URL } from './support/redis';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';

// Unique per run, so runs sharing a Redis (a developer's and CI's, parallel files) never mix counts.
const PREFIX = `cc-test-${randomBytes(4).toString('hex')}:`;
const BASE_ENV = { REDIS_KEY_PREFIX: PREFIX, RATE_IP_CONNECTIONS_PER_MINUTE: '0', RATE_IP_NEW_VISITORS_PER_HOUR: '0' };
// Nothing listens here: an app pointed at it starts with Redis already down.
const CLOSED_PORT_URL = 'redis://127.0.0.1:6390';

describeWithRedis()('rate limits with Redis', () => {
  const h = chatHarness({ env: { ...BASE_ENV, REDIS_URL: TEST_REDIS_URL } });
  const pool = socketPool();
  const extraApps: TestApp[] = [];
  let redis: Redis;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;

  const appWith = async (env: Record<string, string>) => {
    const app = await startTestApp({ database: h.database, simulatorUrl: h.simulatorUrl, env: { ...BASE_ENV, ...env } });
    extraApps.push(app);
    return app;
  };
  const redisMessages = (spy: jest.SpyInstance, where: string) => spy.mock.calls.map(([m]) => String(m)).filter((m) => m.startsWith(`Redis at ${where}`));
  const visitorCounts = async () => {
    const keys = await redis.keys(`${PREFIX}visitor-messages:*`);
    return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, Number(await redis.get(k))])));
  };

  beforeAll(async () => {
    if (!redisAnswers()) throw new Error(`CI must provide Redis at ${TEST_REDIS_URL}`);
    redis = new Redis(TEST_REDIS_URL);
  });
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    log = jest.spyOn(Logger.prototype, 'log');
  });
  afterEach(async () => {
    pool.closeAll();
    await Promise.all(extraApps.splice(0).map((a) => a.close()));
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    const keys = await redis?.keys(`${PREFIX}*`);
    if (keys?.length) await redis.del(keys);
    redis?.disconnect();
  });

  it("keeps a visitor's count in Redis, shared by two instances", async () => {
    const other = await appWith({ REDIS_URL: TEST_REDIS_URL });
    const { bot } = await createBot(h.app.db, { settings: { visitorMessagesPerMinute: 3 } });
    const first = await pool.connect(h.app.url, { bot: bot.publicKey });
    expect((await turn(first.socket)).ok).toBe(true);
    expect((await turn(first.socket)).ok).toBe(true);
    expect(Object.values(await visitorCounts())).toContain(2);

    // The same visitor on the other instance has one message left.
    const again = await pool.connect(other.url, { bot: bot.publicKey, visitor: first.session.visitor });
    expect((await turn(again.socket)).ok).toBe(true);
    expect(await turn(again.socket)).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
    expect(await turn(first.socket)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('keeps serving and limiting from memory when Redis is unreachable from the start, with one warning', async () => {
    const app = await appWith({ REDIS_URL: CLOSED_PORT_URL, RATE_IP_CONNECTIONS_PER_MINUTE: '4' });
    const { bot } = await createBot(h.app.db, { settings: { visitorMessagesPerMinute: 2 } });
    const { socket } = await pool.connect(app.url, { bot: bot.publicKey });
    expect((await turn(socket)).ok).toBe(true);
    expect((await turn(socket)).ok).toBe(true);
    expect(await turn(socket)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // The handshake's per-IP limit too (one connection used above).
    for (let i = 0; i < 3; i++) expect(await handshake(app.url, { bot: bot.publicKey })).toMatchObject({ connected: true });
    expect(await handshake(app.url, { bot: bot.publicKey })).toMatchObject({ connected: false, message: 'rate_limited' });

    // ioredis has kept trying to reconnect meanwhile; still one warning.
    await new Promise((r) => setTimeout(r, 1000));
    expect(redisMessages(warn, '127.0.0.1:6390')).toHaveLength(1);
  });

  it('falls back to memory when Redis goes away and uses Redis again, by itself, when it is back', async () => {
    const proxy: TcpProxy = await startTcpProxy(Number(new URL(TEST_REDIS_URL).port) || 6379, new URL(TEST_REDIS_URL).hostname);
    try {
      const where = `127.0.0.1:${proxy.port}`;
      const app = await appWith({ REDIS_URL: `redis://${where}` });
      const { bot } = await createBot(h.app.db, { settings: { visitorMessagesPerMinute: 100 } });
      const { socket } = await pool.connect(app.url, { bot: bot.publicKey });
      expect((await turn(socket)).ok).toBe(true);
      const before = await visitorCounts();
      expect(Object.values(before)).toContain(1);

      proxy.cut();
      for (let i = 0; i < 3; i++) expect((await turn(socket)).ok).toBe(true);
      expect(await visitorCounts()).toEqual(before);
      expect(redisMessages(warn, where)).toHaveLength(1);

      proxy.restore();
      await waitFor(() => redisMessages(log, where).length > 0, 15_000);
      expect((await turn(socket)).ok).toBe(true);
      expect(Object.values(await visitorCounts())).toContain(2);
      expect(redisMessages(warn, where)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
