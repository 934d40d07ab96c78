import { budgetPeriods } from '../backend/src/limits/budget-period';
import { Message } from '../backend/src/conversations/message.entity';
import { Visitor } from '../backend/src/chat/visitor.entity';
import { Bot } from '../backend/src/bots/bot.entity';
import { createTenantWithStaff, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { createBot } from './support/fixtures';
import { handshake, messagesIn, socketPool, turn } from './support/limits';
import { startTestApp, TestApp } from './support/test-app';
import { emitAck } from './support/visitor';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('rate limits and token budgets (in memory)', () => {
  // Every test connects from 127.0.0.1, so the per-IP limits are off here and tested on apps of their own.
  const h = chatHarness({ env: { RATE_IP_CONNECTIONS_PER_MINUTE: '0', RATE_IP_NEW_VISITORS_PER_HOUR: '0' } });
  const pool = socketPool();
  const extraApps: TestApp[] = [];
  afterEach(async () => {
    pool.closeAll();
    await Promise.all(extraApps.splice(0).map((a) => a.close()));
  });
  const appWith = async (env: Record<string, string>) => {
    const app = await startTestApp({ database: h.database, simulatorUrl: h.simulatorUrl, env });
    extraApps.push(app);
    return app;
  };

  /** An answer of `botId`'s with this token usage, as the reply runner would have stored it at `at`. */
  const seedUsage = async (conversationId: string, tokens: number, at = new Date()) => {
    await h.app.db.getRepository(Message).insert({
      conversationId,
      role: 'assistant',
      text: 'seeded',
      status: 'complete',
      promptTokens: tokens - 100,
      completionTokens: 100,
      createdAt: at,
      completedAt: at,
    });
  };

  it('takes 12 messages a minute from a visitor by default; the 13th is rate_limited, in their language, and stores nothing', async () => {
    const { bot } = await createBot(h.app.db);
    const { socket, session } = await pool.connect(h.app.url, { bot: bot.publicKey, locale: 'zh-CN' });
    for (let i = 1; i <= 12; i++) expect((await turn(socket, `question ${i}`)).ok).toBe(true);

    const refused = await turn(socket, 'question 13');
    expect(refused).toEqual({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/太频繁/), retryAfterMs: expect.any(Number) } });
    if (refused.ok) return;
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(refused.error.retryAfterMs).toBeLessThanOrEqual(MINUTE);
    expect(await messagesIn(h.app.db, session.conversation.id)).toBe(24);

    // Another visitor of the same bot is not held back by this one.
    const other = await pool.connect(h.app.url, { bot: bot.publicKey });
    expect((await turn(other.socket)).ok).toBe(true);
  });

  it("holds all of a bot's visitors together to the bot's messages per minute", async () => {
    const { bot } = await createBot(h.app.db, { settings: { botMessagesPerMinute: 3 } });
    for (let i = 0; i < 3; i++) {
      const { socket } = await pool.connect(h.app.url, { bot: bot.publicKey });
      expect((await turn(socket)).ok).toBe(true);
    }
    const fourth = await pool.connect(h.app.url, { bot: bot.publicKey });
    const refused = await turn(fourth.socket);
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/too quickly/) } });
    expect(refused.ok || refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(await messagesIn(h.app.db, fourth.session.conversation.id)).toBe(0);

    // Another bot of the installation keeps its own count.
    const { bot: otherBot } = await createBot(h.app.db);
    const { socket } = await pool.connect(h.app.url, { bot: otherBot.publicKey });
    expect((await turn(socket)).ok).toBe(true);
  });

  it('counts a reply:retry like a message, and a refused retry stores nothing', async () => {
    const { bot } = await createBot(h.app.db, { settings: { visitorMessagesPerMinute: 1 } });
    const { socket, session } = await pool.connect(h.app.url, { bot: bot.publicKey });
    h.simulator.injectFault({ kind: 'drop', afterPieces: 2 });
    const sent = await turn(socket);
    if (!sent.ok) throw new Error('send refused');
    const refused = await emitAck(socket, 'reply:retry', { replyId: sent.replyId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
    expect(await messagesIn(h.app.db, session.conversation.id)).toBe(2);
  });

  it('refuses a handshake past the connections per IP per minute, with retryAfterMs', async () => {
    const app = await appWith({ RATE_IP_CONNECTIONS_PER_MINUTE: '3', RATE_IP_NEW_VISITORS_PER_HOUR: '0' });
    for (let i = 0; i < 3; i++) expect(await handshake(app.url, { bot: h.fixture.bot.publicKey })).toMatchObject({ connected: true });
    const visitors = await app.db.getRepository(Visitor).count();

    const refused = await handshake(app.url, { bot: h.fixture.bot.publicKey });
    expect(refused).toEqual({ connected: false, message: 'rate_limited', data: { retryAfterMs: expect.any(Number) } });
    if (refused.connected) return;
    expect(refused.data!.retryAfterMs).toBeGreaterThan(0);
    expect(refused.data!.retryAfterMs).toBeLessThanOrEqual(MINUTE);
    // Counted before anything else: even an unknown bot's handshake is refused for it, and nothing was made.
    expect(await handshake(app.url, { bot: 'pk_unknown' })).toMatchObject({ connected: false, message: 'rate_limited' });
    expect(await app.db.getRepository(Visitor).count()).toBe(visitors);
  });

  it('refuses a handshake that would make one new visitor too many per IP per hour; a returning visitor is not new', async () => {
    const app = await appWith({ RATE_IP_CONNECTIONS_PER_MINUTE: '0', RATE_IP_NEW_VISITORS_PER_HOUR: '2' });
    const bot = h.fixture.bot.publicKey;
    const first = await handshake(app.url, { bot });
    expect(await handshake(app.url, { bot })).toMatchObject({ connected: true });
    if (!first.connected) throw new Error('first visitor refused');
    const visitors = await app.db.getRepository(Visitor).count();

    const third = await handshake(app.url, { bot });
    expect(third).toEqual({ connected: false, message: 'rate_limited', data: { retryAfterMs: expect.any(Number) } });
    if (third.connected) return;
    expect(third.data!.retryAfterMs).toBeGreaterThan(HOUR - MINUTE);
    expect(third.data!.retryAfterMs).toBeLessThanOrEqual(HOUR);
    expect(await app.db.getRepository(Visitor).count()).toBe(visitors);

    // The first visitor's token brings them back to their conversation, as often as they like.
    for (let i = 0; i < 3; i++) {
      expect(await handshake(app.url, { bot, visitor: first.visitor })).toMatchObject({ connected: true, conversationId: first.conversationId });
    }
  });

  it("refuses a message once the conversation's token budget is spent, and a new conversation starts afresh", async () => {
    const { bot } = await createBot(h.app.db, { settings: { conversationTokenBudget: 1000 } });
    const { socket, session } = await pool.connect(h.app.url, { bot: bot.publicKey });
    expect((await turn(socket)).ok).toBe(true);
    await seedUsage(session.conversation.id, 1000);

    const refused = await turn(socket);
    // A conversation's budget never resets, so no retryAfterMs.
    expect(refused).toEqual({ ok: false, error: { code: 'budget_exceeded', message: expect.stringMatching(/limit/) } });
    expect(await messagesIn(h.app.db, session.conversation.id)).toBe(3);

    const fresh = await emitAck<{ conversation: { id: string } }>(socket, 'conversation:new', {});
    expect((await turn(socket)).ok).toBe(true);
    expect(fresh.ok && (await messagesIn(h.app.db, fresh.conversation.id))).toBe(2);
  });

  it("refuses a bot's messages once its daily budget is spent, until midnight UTC", async () => {
    const { bot } = await createBot(h.app.db, { settings: { dailyTokenBudget: 5000, monthlyTokenBudget: 0 } });
    const seeded = await pool.connect(h.app.url, { bot: bot.publicKey });
    await seedUsage(seeded.session.conversation.id, 5000);

    const { socket, session } = await pool.connect(h.app.url, { bot: bot.publicKey, locale: 'zh-CN' });
    const refused = await turn(socket);
    expect(refused).toMatchObject({ ok: false, error: { code: 'budget_exceeded', message: expect.stringMatching(/额度/) } });
    const expected = budgetPeriods(new Date()).msUntilNextDay;
    expect(refused.ok || Math.abs(refused.error.retryAfterMs! - expected)).toBeLessThan(10_000);
    expect(await messagesIn(h.app.db, session.conversation.id)).toBe(0);
  });

  it("counts only today's answers against the daily budget", async () => {
    const { bot } = await createBot(h.app.db, { settings: { dailyTokenBudget: 5000 } });
    // Yesterday's in another conversation: this one's own budget (the installation's 50,000) is not the point.
    const yesterday = await pool.connect(h.app.url, { bot: bot.publicKey });
    await seedUsage(yesterday.session.conversation.id, 50_000, new Date(Date.now() - 26 * HOUR));
    const seeded = await pool.connect(h.app.url, { bot: bot.publicKey });
    await seedUsage(seeded.session.conversation.id, 4000);
    expect((await turn(seeded.socket)).ok).toBe(true);
  });

  it("refuses a bot's messages once its monthly budget is spent, until the 1st (UTC)", async () => {
    const { bot } = await createBot(h.app.db, { settings: { dailyTokenBudget: 0, monthlyTokenBudget: 5000 } });
    const seeded = await pool.connect(h.app.url, { bot: bot.publicKey });
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 0, 1));
    await seedUsage(seeded.session.conversation.id, 3000, monthStart);
    await seedUsage(seeded.session.conversation.id, 2000);

    const refused = await turn(seeded.socket);
    expect(refused).toMatchObject({ ok: false, error: { code: 'budget_exceeded' } });
    const expected = budgetPeriods(new Date()).msUntilNextMonth;
    expect(refused.ok || Math.abs(refused.error.retryAfterMs! - expected)).toBeLessThan(10_000);
  });

  it("keeps the bot's day counter equal to what its answers stored", async () => {
    const { bot } = await createBot(h.app.db);
    const { socket } = await pool.connect(h.app.url, { bot: bot.publicKey });
    for (let i = 0; i < 2; i++) expect((await turn(socket)).ok).toBe(true);
    const [{ stored }] = await h.app.db.query(
      `SELECT sum(m.prompt_tokens + m.completion_tokens)::int AS stored FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.bot_id = $1`,
      [bot.id],
    );
    const [{ counted }] = await h.app.db.query(`SELECT sum(tokens)::int AS counted FROM bot_token_usage WHERE bot_id = $1`, [bot.id]);
    expect(stored).toBeGreaterThan(0);
    expect(counted).toBe(stored);
  });

  it("applies the limits an owner sets with PATCH /api/bots/:id, and null goes back to the installation's", async () => {
    const { tenant, owner } = await createTenantWithStaff(h.app.db);
    const { bot } = await createBot(h.app.db);
    await h.app.db.getRepository(Bot).update({ id: bot.id }, { tenantId: tenant.id });
    const browser = await signIn(h.app, owner.email);
    await browser.patch(`/api/bots/${bot.id}`).send({ settings: { visitorMessagesPerMinute: 100_000 } }).expect(400);
    await browser.patch(`/api/bots/${bot.id}`).send({ settings: { dailyTokenBudget: -1 } }).expect(400);
    const patched = await browser.patch(`/api/bots/${bot.id}`).send({ settings: { visitorMessagesPerMinute: 1, monthlyTokenBudget: 5_000_000 } }).expect(200);
    expect(patched.body.settings).toMatchObject({ visitorMessagesPerMinute: 1, monthlyTokenBudget: 5_000_000 });

    const { socket } = await pool.connect(h.app.url, { bot: bot.publicKey });
    expect((await turn(socket)).ok).toBe(true);
    expect(await turn(socket)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

    await browser.patch(`/api/bots/${bot.id}`).send({ settings: { visitorMessagesPerMinute: null } }).expect(200);
    expect((await turn(socket)).ok).toBe(true);
  });

  it('drops a frame over maxHttpBufferSize by closing that socket, stores nothing, and keeps serving', async () => {
    const { socket, session } = await pool.connect(h.app.url, { bot: h.fixture.bot.publicKey });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('message:send', { clientId: 'huge', text: 'x'.repeat(200_000) }, () => undefined);
    expect(await closed).toBe('transport close');
    expect(await messagesIn(h.app.db, session.conversation.id)).toBe(0);

    const next = await pool.connect(h.app.url, { bot: h.fixture.bot.publicKey });
    expect((await turn(next.socket)).ok).toBe(true);
  });
});
