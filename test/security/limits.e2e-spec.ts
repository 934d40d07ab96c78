import request from 'supertest';
import { Bot } from '../../backend/src/bots/bot.entity';
import { budgetPeriods } from '../../backend/src/limits/budget-period';
import { createTenantWithStaff, createUser, PASSWORD } from '../support/accounts';
import { chatHarness } from '../support/chat-harness';
import { createBot } from '../support/fixtures';
import { socketPool, turn } from '../support/limits';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 11, limits: preview rate and budget, installation limits as ceilings, password-change and
 * sign-in throttling, and the session cookie's Secure flag. TRUST_PROXY=1 lets each test come from
 * an address of its own (X-Forwarded-For), so the per-address counts of one test never meet another's.
 */
describe('security: limits on previews, bot settings, passwords and sign-in', () => {
  const h = chatHarness({
    env: {
      TRUST_PROXY: '1',
      RATE_USER_PREVIEWS_PER_MINUTE: '3',
      RATE_BOT_PREVIEWS_PER_MINUTE: '4',
      RATE_IP_CONNECTIONS_PER_MINUTE: '0',
      RATE_IP_NEW_VISITORS_PER_HOUR: '0',
    },
  });
  const pool = socketPool();
  const extraApps: TestApp[] = [];
  afterEach(async () => {
    pool.closeAll();
    await Promise.all(extraApps.splice(0).map((a) => a.close()));
  });

  let nextAddress = 10;
  const newAddress = () => `198.51.100.${nextAddress++}`;
  const http = (app: TestApp = h.app) => request(app.app.getHttpServer());

  /** A signed-in browser whose every request comes from `ip`. */
  async function browserOf(email: string, ip = newAddress(), app: TestApp = h.app) {
    const agent = request.agent(app.app.getHttpServer());
    await agent.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password: PASSWORD }).expect(200);
    const from = (req: request.Test) => req.set('X-Forwarded-For', ip);
    return {
      post: (path: string, body: object) => from(agent.post(path)).send(body),
      patch: (path: string, body: object) => from(agent.patch(path)).send(body),
    };
  }

  /** A tenant whose owner is signed in, with one bot of its own. */
  async function ownerWithBot(settings: Partial<Bot['settings']> = {}) {
    const { tenant, owner } = await createTenantWithStaff(h.app.db);
    const { bot } = await createBot(h.app.db, { settings });
    await h.app.db.getRepository(Bot).update({ id: bot.id }, { tenantId: tenant.id });
    return { tenant, owner, bot, browser: await browserOf(owner.email) };
  }

  const previewBody = { messages: [{ role: 'user', content: 'How much water should I drink?' }] };
  const tokensCounted = async (botId: string): Promise<number> => {
    const [row] = await h.app.db.query(`SELECT coalesce(sum(tokens), 0)::int AS tokens FROM bot_token_usage WHERE bot_id = $1`, [botId]);
    return row.tokens;
  };

  describe('preview', () => {
    it('is limited per user and per bot: 429 with Retry-After, and the model is not asked', async () => {
      const { tenant, bot, browser } = await ownerWithBot();
      for (let i = 0; i < 3; i++) {
        const ok = await browser.post(`/api/bots/${bot.id}/preview`, previewBody).expect(200);
        expect(ok.text).toMatch(/"status":"complete"/);
      }
      const asked = h.simulator.requestCount;

      const refused = await browser.post(`/api/bots/${bot.id}/preview`, previewBody).expect(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited', message: expect.stringMatching(/^Too many previews: at most 3 a minute per user; try again in \d+ s$/) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(h.simulator.requestCount).toBe(asked);

      // A second owner of the tenant has their own count, but the bot's is shared: one more, then 429.
      const coOwner = await createUser(h.app.db, tenant.id, 'owner');
      const other = await browserOf(coOwner.email);
      await other.post(`/api/bots/${bot.id}/preview`, previewBody).expect(200);
      const perBot = await other.post(`/api/bots/${bot.id}/preview`, previewBody).expect(429);
      expect(perBot.body.message).toMatch(/^Too many previews of this bot: at most 4 a minute/);
      expect(perBot.headers['retry-after']).toBeDefined();
    });

    it("counts its tokens on the bot's budget: once spent, previews and visitors are refused", async () => {
      const { bot, browser } = await ownerWithBot();
      // Lowering the bot's daily budget below the installation's is allowed.
      await browser.patch(`/api/bots/${bot.id}`, { settings: { dailyTokenBudget: 20 } }).expect(200);

      await browser.post(`/api/bots/${bot.id}/preview`, previewBody).expect(200);
      const counted = await tokensCounted(bot.id);
      expect(counted).toBeGreaterThanOrEqual(20);

      const refused = await browser.post(`/api/bots/${bot.id}/preview`, previewBody).expect(429);
      expect(refused.body).toMatchObject({ code: 'budget_exceeded', message: expect.stringMatching(/daily token budget is spent/) });
      const expected = budgetPeriods(new Date()).msUntilNextDay / 1000;
      expect(Math.abs(Number(refused.headers['retry-after']) - expected)).toBeLessThan(10);
      expect(await tokensCounted(bot.id)).toBe(counted);

      // The visitors' budget is the same one.
      const { socket } = await pool.connect(h.app.url, { bot: bot.publicKey });
      expect(await turn(socket)).toMatchObject({ ok: false, error: { code: 'budget_exceeded' } });
    });
  });

  describe("installation limits are ceilings on a bot's", () => {
    it('refuses 0 (none) or a value above the installation\'s with 400 naming the field; a lower one applies', async () => {
      const { bot, browser } = await ownerWithBot();
      const refused = async (settings: object, field: string) => {
        const res = await browser.patch(`/api/bots/${bot.id}`, { settings }).expect(400);
        expect(res.body.message).toMatch(new RegExp(`^settings\\.${field}: must be between 1 and \\d+, the installation's limit`));
      };
      await refused({ visitorMessagesPerMinute: 13 }, 'visitorMessagesPerMinute');
      await refused({ botMessagesPerMinute: 0 }, 'botMessagesPerMinute');
      await refused({ conversationTokenBudget: 50_001 }, 'conversationTokenBudget');
      await refused({ dailyTokenBudget: 0 }, 'dailyTokenBudget');
      await refused({ monthlyTokenBudget: 40_000_001 }, 'monthlyTokenBudget');
      const created = await browser.post('/api/bots', { name: 'Unlimited', settings: { monthlyTokenBudget: 0 } }).expect(400);
      expect(created.body.message).toMatch(/^settings\.monthlyTokenBudget:/);
      expect((await h.app.db.getRepository(Bot).findOneByOrFail({ id: bot.id })).settings).not.toHaveProperty('visitorMessagesPerMinute');

      const lowered = await browser.patch(`/api/bots/${bot.id}`, { settings: { visitorMessagesPerMinute: 2, dailyTokenBudget: 2_000_000 } }).expect(200);
      expect(lowered.body.settings).toMatchObject({ visitorMessagesPerMinute: 2, dailyTokenBudget: 2_000_000 });
      const { socket } = await pool.connect(h.app.url, { bot: bot.publicKey });
      for (let i = 0; i < 2; i++) expect((await turn(socket)).ok).toBe(true);
      expect(await turn(socket)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    });

    it('takes any value, 0 included, where the installation itself sets no limit', async () => {
      const app = await startTestApp({ database: h.database, simulatorUrl: h.simulatorUrl, env: { TRUST_PROXY: '1', RATE_VISITOR_MESSAGES_PER_MINUTE: '0', BUDGET_BOT_DAILY_TOKENS: '0' } });
      extraApps.push(app);
      const { bot, owner } = await ownerWithBot();
      const browser = await browserOf(owner.email, newAddress(), app);
      const res = await browser.patch(`/api/bots/${bot.id}`, { settings: { visitorMessagesPerMinute: 5000, dailyTokenBudget: 0 } }).expect(200);
      expect(res.body.settings).toMatchObject({ visitorMessagesPerMinute: 5000, dailyTokenBudget: 0 });
      // The installation's other limits still hold.
      await browser.patch(`/api/bots/${bot.id}`, { settings: { monthlyTokenBudget: 0 } }).expect(400);
    });
  });

  describe('password change', () => {
    it("is limited to 5 tries per 15 minutes per user and per address; then even the right password is refused", async () => {
      const { owner, tenant } = await createTenantWithStaff(h.app.db);
      const ip = newAddress();
      const browser = await browserOf(owner.email, ip);
      const change = (current: string) => browser.post('/api/auth/password', { current, next: 'a-brand-new-password' });
      for (let i = 0; i < 5; i++) expect((await change(`guess-${i}`)).status).toBe(400);

      const refused = await change('guess-5').expect(429);
      expect(refused.body).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Too many password change attempts; try again in 15 min$/) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
      await change(PASSWORD).expect(429);

      // Per user: the same account from another address is refused too…
      const elsewhere = await browserOf(owner.email, newAddress());
      await elsewhere.post('/api/auth/password', { current: PASSWORD, next: 'a-brand-new-password' }).expect(429);
      // …and per address: another user from the guessing address.
      const colleague = await createUser(h.app.db, tenant.id, 'agent');
      const fromThere = await browserOf(colleague.email, ip);
      await fromThere.post('/api/auth/password', { current: PASSWORD, next: 'a-brand-new-password' }).expect(429);

      // Nothing was changed: the old password still signs in.
      await browserOf(owner.email);
    });
  });

  describe('sign-in', () => {
    it('refuses one password sprayed over many accounts from one address after 30 attempts, the right one included', async () => {
      const { owner } = await createTenantWithStaff(h.app.db);
      const ip = newAddress();
      const attempt = (email: string, password: string) => http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
      for (let i = 0; i < 30; i++) expect((await attempt(`user-${i}@example.com`, 'Spring2025!')).status).toBe(401);

      const refused = await attempt('user-30@example.com', 'Spring2025!').expect(429);
      expect(refused.body).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Too many sign-in attempts from this address; try again in \d+ s$/) });
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      await attempt(owner.email, PASSWORD).expect(429);

      // Another address is not held back by this one.
      await http().post('/api/auth/login').set('X-Forwarded-For', newAddress()).send({ email: owner.email, password: PASSWORD }).expect(200);
    });
  });

  describe('session cookie', () => {
    const attributes = (res: request.Response) => String(res.headers['set-cookie']).split(';').map((a) => a.trim().toLowerCase());

    it('is Secure whenever PUBLIC_URL is https, even when the request reaching the app is http; its clearing too', async () => {
      const app = await startTestApp({ database: h.database, simulatorUrl: h.simulatorUrl, env: { PUBLIC_URL: 'https://chat.example' } });
      extraApps.push(app);
      const { owner } = await createTenantWithStaff(app.db);
      const login = await http(app).post('/api/auth/login').send({ email: owner.email, password: PASSWORD }).expect(200);
      expect(attributes(login)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict']));
      const logout = await http(app).post('/api/auth/logout').expect(204);
      expect(attributes(logout)).toContain('secure');
    });

    it('is not Secure on a plain-http installation (no https PUBLIC_URL), where browsers would drop it', async () => {
      const { owner } = await createTenantWithStaff(h.app.db);
      const login = await http().post('/api/auth/login').set('X-Forwarded-For', newAddress()).send({ email: owner.email, password: PASSWORD }).expect(200);
      expect(attributes(login)).not.toContain('secure');
    });
  });
});
