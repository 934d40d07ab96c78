import request from 'supertest';
import { createUser, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { seedConversations, talk } from './support/conversations';
import { createBot } from './support/fixtures';
import type { VisitorSocket } from './support/visitor';
import type { UsageDay } from '../backend/src/usage/usage.service';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Day = UsageDay;

describe('staff API: usage per day', () => {
  const h = chatHarness();
  const sockets: VisitorSocket[] = [];
  let owner: Agent;
  let agent: Agent;
  let stranger: Agent;
  let otherBotId: string;
  const today = new Date().toISOString().slice(0, 10);

  const usage = async (as: Agent, query: Record<string, string> = {}) => ((await as.get('/api/usage').query(query).expect(200)).body as { days: Day[] }).days;
  const sumsOf = async (botId: string, from: string, to: string) => {
    const [row] = await h.app.db.query(
      `SELECT count(DISTINCT m.conversation_id)::int AS conversations, count(*)::int AS messages,
         coalesce(sum(m.prompt_tokens), 0)::int AS "promptTokens", coalesce(sum(m.completion_tokens), 0)::int AS "completionTokens"
       FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.bot_id = $1 AND m.created_at >= $2 AND m.created_at < $3`,
      [botId, from, to],
    );
    return row;
  };

  beforeAll(async () => {
    const db = h.app.db;
    owner = await signIn(h.app, (await createUser(db, h.fixture.tenant.id, 'owner')).email);
    agent = await signIn(h.app, (await createUser(db, h.fixture.tenant.id, 'agent')).email);
    const other = await createBot(db);
    otherBotId = other.bot.id;
    stranger = await signIn(h.app, (await createUser(db, other.tenant.id, 'owner')).email);
    for (const texts of [['Hello'], ['How much water?', 'And tea?']]) sockets.push((await talk(h.app.url, h.fixture.bot.publicKey, texts)).socket);
    sockets.push((await talk(h.app.url, other.bot.publicKey, ['Hi from elsewhere'])).socket);

    // A second bot of the tenant with history around a UTC midnight, and 40 days ago.
    const [second] = await db.query(
      `INSERT INTO bots (tenant_id, name, public_key) VALUES ($1, 'Night bot', 'pk_usage_second') RETURNING id`,
      [h.fixture.tenant.id],
    );
    await seedConversations((sql, params) => db.query(sql, params), {
      tenantId: h.fixture.tenant.id,
      botId: second.id,
      count: 3,
      messagesPer: 2,
      // i = 1: 2026-01-10 23:59:59 and 2026-01-11 00:00:00 UTC; i = 2, 3: later on the 11th.
      lastMessageAt: `timestamptz '2026-01-11 00:00:00+00' + (i - 1) * interval '1 hour'`,
    });
    await seedConversations((sql, params) => db.query(sql, params), {
      tenantId: h.fixture.tenant.id,
      botId: (await db.query(`INSERT INTO bots (tenant_id, name, public_key) VALUES ($1, 'Old bot', 'pk_usage_old') RETURNING id`, [h.fixture.tenant.id]))[0].id,
      count: 1,
      messagesPer: 2,
      lastMessageAt: `now() - interval '40 days'`,
    });
  });

  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('defaults to the last 30 days and agrees with the stored messages', async () => {
    const days = await usage(agent);
    expect(days).toEqual([{ day: today, botId: h.fixture.bot.id, botName: 'Health advisor', ...(await sumsOf(h.fixture.bot.id, today, '2999-01-01')) }]);
    expect(days[0]).toMatchObject({ conversations: 2, messages: 6 });
    expect(days[0].promptTokens).toBeGreaterThan(10);
    expect(days[0].completionTokens).toBeGreaterThan(3);
  });

  it('groups by UTC day and bot, within [from, to]', async () => {
    const days = await usage(owner, { from: '2026-01-10', to: '2026-01-11' });
    expect(days.map((d) => [d.day, d.botName, d.conversations, d.messages])).toEqual([
      ['2026-01-10', 'Night bot', 1, 1],
      ['2026-01-11', 'Night bot', 3, 5],
    ]);
    expect(days[1].promptTokens).toBe((await sumsOf(days[1].botId, '2026-01-11', '2026-01-12')).promptTokens);
    expect(await usage(owner, { from: '2026-01-11', to: '2026-01-11' })).toHaveLength(1);
    expect(await usage(owner, { from: '2026-01-11T00:30:00Z', to: '2026-01-11T01:30:00+00:00' })).toMatchObject([{ messages: 2, conversations: 1 }]);
    expect(await usage(owner, { from: '2026-01-01', to: '2026-01-31', bot: h.fixture.bot.id })).toEqual([]);
  });

  it('shows only the caller’s tenant', async () => {
    const theirs = await usage(stranger);
    expect(theirs).toEqual([expect.objectContaining({ botId: otherBotId, conversations: 1, messages: 2 })]);
    expect(await usage(stranger, { bot: h.fixture.bot.id })).toEqual([]);
    expect(await usage(owner, { bot: otherBotId })).toEqual([]);
  });

  it('names the bad parameter in a 400, and needs a session', async () => {
    const bad = async (query: Record<string, string>, field: RegExp) => {
      const res = await owner.get('/api/usage').query(query).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(field);
    };
    await bad({ from: 'last week' }, /^from:/);
    await bad({ to: '2026-02-28T25:00:00Z' }, /^to:/);
    await bad({ to: '2026-02-30' }, /^to:/);
    await bad({ from: '2026-02-02', to: '2026-02-01' }, /^to:/);
    await bad({ from: '2024-01-01', to: '2026-01-01' }, /^to:/);
    await bad({ bot: '123' }, /^bot:/);
    await bad({ group: 'week' }, /group/);
    await request(h.app.app.getHttpServer()).get('/api/usage').expect(401);
  });
});
