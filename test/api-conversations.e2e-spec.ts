import request from 'supertest';
import { Conversation } from '../backend/src/conversations/conversation.entity';
import { Message } from '../backend/src/conversations/message.entity';
import { createUser, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { seedConversations, talk } from './support/conversations';
import { BotFixture, createBot } from './support/fixtures';
import { nextEvent, VisitorSocket } from './support/visitor';

type Agent = Awaited<ReturnType<typeof signIn>>;

const ZH_QUESTION = '我最近总是失眠，怎么办？';
const ZH_ANSWER = '失眠时请保持规律作息，睡前避免咖啡因。';
const XSS = '<img src=x onerror=alert(1)>';

describe('staff API: list, read and annotate conversations', () => {
  const h = chatHarness();
  const sockets: VisitorSocket[] = [];
  let owner: Agent;
  let agent: Agent;
  let stranger: Agent;
  let other: BotFixture;
  const ids: Record<'zh' | 'xss' | 'stopped' | 'rated' | 'water' | 'otherTenant', string> = {} as never;

  const say = async (bot: string, texts: string[], opts: Parameters<typeof talk>[3] = {}) => {
    const talked = await talk(h.app.url, bot, texts, opts);
    sockets.push(talked.socket);
    return talked;
  };

  beforeAll(async () => {
    const db = h.app.db;
    owner = await signIn(h.app, (await createUser(db, h.fixture.tenant.id, 'owner')).email);
    agent = await signIn(h.app, (await createUser(db, h.fixture.tenant.id, 'agent')).email);
    other = await createBot(db);
    stranger = await signIn(h.app, (await createUser(db, other.tenant.id, 'owner')).email);
    const key = h.fixture.bot.publicKey;

    h.simulator.configure({ reply: () => ZH_ANSWER });
    ids.zh = (await say(key, [ZH_QUESTION])).conversationId;
    ids.otherTenant = (await say(other.bot.publicKey, [ZH_QUESTION])).conversationId;
    h.simulator.configure({ reply: () => 'Plain text, no markup here.' });
    ids.xss = (await say(key, [XSS])).conversationId;

    // Stopped: the stream stalls after two pieces until the visitor stops it.
    h.simulator.configure({ ttftMs: 150 });
    h.simulator.injectFault({ kind: 'stall', afterPieces: 2 });
    const stopped = await say(key, ['Tell me a long story about sleep'], {
      beforeEnd: async (socket, replyId) => {
        await nextEvent(socket, 'reply:delta');
        socket.emit('reply:stop', { replyId }, () => undefined);
      },
    });
    expect(stopped.turns[0].end.status).toBe('stopped');
    ids.stopped = stopped.conversationId;
    h.simulator.configure({ ttftMs: 10 });

    const rated = await say(key, ['Is running good for me?', 'And swimming?']);
    await new Promise<void>((resolve) => rated.socket.emit('feedback', { messageId: rated.turns[1].replyId, rating: 'up' }, () => resolve()));
    ids.rated = rated.conversationId;
    ids.water = (await say(key, ['How much WATER should I drink? 100% of it_x'])).conversationId;

    // A visitor who never wrote: a conversation row without messages, not listed.
    await h.visitor();
  });

  afterAll(() => sockets.forEach((s) => s.disconnect()));

  const list = async (as: Agent, query: Record<string, string | number> = {}) => {
    const res = await as.get('/api/conversations').query(query).expect(200);
    return res.body as { conversations: { id: string; [k: string]: unknown }[]; nextCursor: string | null };
  };
  const listedIds = async (query: Record<string, string | number>, as = owner) => (await list(as, query)).conversations.map((c) => c.id);

  it('lists the tenant’s conversations with messages, newest activity first, with summaries', async () => {
    const body = await list(owner);
    expect(body.nextCursor).toBeNull();
    expect(body.conversations.map((c) => c.id)).toEqual([ids.water, ids.rated, ids.stopped, ids.xss, ids.zh]);
    const rated = body.conversations.find((c) => c.id === ids.rated)!;
    const row = await h.app.db.getRepository(Conversation).findOneByOrFail({ id: ids.rated });
    expect(rated).toEqual({
      id: ids.rated,
      bot: { id: h.fixture.bot.id, name: 'Health advisor' },
      visitorId: row.visitorId,
      createdAt: row.createdAt.toISOString(),
      lastMessageAt: row.lastMessageAt!.toISOString(),
      messageCount: 4,
      preview: 'Is running good for me?',
      statuses: [],
      rating: { up: 1, down: 0 },
      tags: [],
      reviewed: false,
      flagged: false,
      // An anonymous visitor (identity.e2e-spec.ts has the verified ones).
      identity: null,
    });
    // The counters the chat turn keeps agree with the messages.
    expect(await h.app.db.getRepository(Message).countBy({ conversationId: ids.rated })).toBe(4);
    const lastMessage = await h.app.db.getRepository(Message).findOneOrFail({ where: { conversationId: ids.rated }, order: { createdAt: 'DESC' } });
    expect(row.lastMessageAt!.getTime()).toBeGreaterThanOrEqual(lastMessage.createdAt.getTime());
    expect(body.conversations.find((c) => c.id === ids.stopped)).toMatchObject({ statuses: ['stopped'], messageCount: 2 });
    expect((await list(agent)).conversations).toHaveLength(5);
  });

  it('searches message text, Chinese included, with % and _ taken literally', async () => {
    expect(await listedIds({ q: '失眠' })).toEqual([ids.zh]); // two characters: in both question and answer
    expect(await listedIds({ q: '咖啡因' })).toEqual([ids.zh]); // only in the answer
    expect(await listedIds({ q: '怎么办' })).toEqual([ids.zh]); // the visitor's words
    expect(await listedIds({ q: 'water' })).toEqual([ids.water]); // case-insensitive
    expect(await listedIds({ q: '100%' })).toEqual([ids.water]);
    expect(await listedIds({ q: '%' })).toEqual([ids.water]);
    expect(await listedIds({ q: 'it_x' })).toEqual([ids.water]);
    expect(await listedIds({ q: 'W_TER' })).toEqual([]); // `_` is not a wildcard
    expect(await listedIds({ q: 'onerror=alert' })).toEqual([ids.xss]);
    expect(await listedIds({ q: '失眠' }, stranger)).toEqual([ids.otherTenant]);
  });

  it('filters by answer status, rating, bot and dates', async () => {
    expect(await listedIds({ status: 'stopped' })).toEqual([ids.stopped]);
    expect(await listedIds({ status: 'failed' })).toEqual([]);
    expect(await listedIds({ rating: 'up' })).toEqual([ids.rated]);
    expect(await listedIds({ rating: 'down' })).toEqual([]);
    expect(await listedIds({ bot: h.fixture.bot.id })).toHaveLength(5);
    expect(await listedIds({ bot: other.bot.id })).toEqual([]); // another tenant's bot: nothing, not an error
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await listedIds({ from: today, to: today })).toHaveLength(5);
    expect(await listedIds({ from: tomorrow })).toEqual([]);
    expect(await listedIds({ to: new Date(Date.now() - 3_600_000).toISOString() })).toEqual([]);
  });

  it('annotates: tags trimmed and deduplicated, reviewed, note; then filters by them', async () => {
    const res = await agent
      .patch(`/api/conversations/${ids.zh}`)
      .send({ tags: [' sleep ', 'vip', 'sleep', '失眠'], reviewed: true, note: 'Follow up <b>next week</b>' })
      .expect(200);
    expect(res.body.conversation).toMatchObject({ id: ids.zh, tags: ['sleep', 'vip', '失眠'], reviewed: true, note: 'Follow up <b>next week</b>', messageCount: 2 });
    expect(await listedIds({ tag: 'vip' })).toEqual([ids.zh]);
    expect(await listedIds({ tag: '失眠' })).toEqual([ids.zh]);
    expect(await listedIds({ reviewed: 'true' })).toEqual([ids.zh]);
    expect(await listedIds({ reviewed: 'false' })).not.toContain(ids.zh);

    const cleared = await owner.patch(`/api/conversations/${ids.zh}`).send({ note: null, tags: [] }).expect(200);
    expect(cleared.body.conversation).toMatchObject({ tags: [], reviewed: true, note: null });
  });

  it('pages with an opaque cursor: three pages, no duplicates, nothing missed', async () => {
    const all = await listedIds({ limit: 100 });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body = await list(owner, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...body.conversations.map((c) => c.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(all.length);
  });

  it('pages exactly through rows whose activity differs by microseconds only', async () => {
    const bulk = await createBot(h.app.db);
    // 150 conversations within 75 µs, two by two at the very same instant: only (time, id) orders them.
    await seedConversations((sql, params) => h.app.db.query(sql, params), {
      tenantId: bulk.tenant.id,
      botId: bulk.bot.id,
      count: 150,
      messagesPer: 2,
      lastMessageAt: `timestamptz '2026-01-02 03:04:05.5+00' - (i / 2) * interval '1 microsecond'`,
    });
    const bulkOwner = await signIn(h.app, (await createUser(h.app.db, bulk.tenant.id, 'owner')).email);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body = await list(bulkOwner, { limit: 40, ...(cursor ? { cursor } : {}) });
      seen.push(...body.conversations.map((c) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);
  });

  it('shows one conversation with its transcript, oldest first, text as data', async () => {
    const res = await agent.get(`/api/conversations/${ids.xss}`).expect(200).expect('Content-Type', /application\/json/);
    expect(res.body.conversation).toMatchObject({ id: ids.xss, note: null, preview: XSS, messageCount: 2 });
    const [question, answer] = res.body.messages;
    expect(res.body.messages).toHaveLength(2);
    expect(question).toMatchObject({ role: 'user', text: XSS, status: 'complete', roleVersion: null, feedback: null });
    expect(answer).toMatchObject({ role: 'assistant', text: 'Plain text, no markup here.', status: 'complete', roleVersion: 1, finishReason: 'stop', errorCode: null });
    expect(answer.promptTokens).toBeGreaterThan(5);
    expect(answer.completionTokens).toBeGreaterThan(0);
    expect(answer.latencyMs).toBeGreaterThanOrEqual(answer.firstTokenMs);
    expect(Date.parse(answer.createdAt)).toBeGreaterThanOrEqual(Date.parse(question.createdAt));
    expect(Object.keys(answer).sort()).toEqual(
      ['completionTokens', 'createdAt', 'errorCode', 'errorDetail', 'feedback', 'feedbackComment', 'finishReason', 'firstTokenMs', 'id', 'latencyMs', 'promptTokens', 'role', 'roleVersion', 'status', 'text', 'truncated'].sort(),
    );
    expect(res.text).toContain(JSON.stringify(XSS));

    const zh = await owner.get(`/api/conversations/${ids.zh}`).expect(200);
    expect(zh.body.messages.map((m: { text: string }) => m.text)).toEqual([ZH_QUESTION, ZH_ANSWER]);
  });

  it('answers 404 for another tenant’s conversation, to reads and to annotations alike', async () => {
    await owner.get(`/api/conversations/${ids.otherTenant}`).expect(404);
    await agent.get('/api/conversations/00000000-0000-4000-8000-000000000000').expect(404);
    const res = await stranger.patch(`/api/conversations/${ids.rated}`).send({ reviewed: true, tags: ['mine'] }).expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Conversation not found' });
    const row = await h.app.db.getRepository(Conversation).findOneByOrFail({ id: ids.rated });
    expect([row.reviewed, row.tags]).toEqual([false, []]);
    expect(await listedIds({}, stranger)).toEqual([ids.otherTenant]);
  });

  it('names the bad parameter in a 400', async () => {
    const bad = async (path: string, query: Record<string, unknown>, field: RegExp) => {
      const res = await owner.get(path).query(query).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(field);
    };
    await bad('/api/conversations', { limit: 0 }, /^limit:/);
    await bad('/api/conversations', { limit: 101 }, /^limit:/);
    await bad('/api/conversations', { limit: 'ten' }, /^limit:/);
    await bad('/api/conversations', { bot: 'nope' }, /^bot:/);
    await bad('/api/conversations', { q: '  ' }, /^q:/);
    await bad('/api/conversations', { status: 'complete' }, /^status:/);
    await bad('/api/conversations', { rating: 'meh' }, /^rating:/);
    await bad('/api/conversations', { reviewed: 'yes' }, /^reviewed:/);
    await bad('/api/conversations', { from: 'yesterday' }, /^from:/);
    await bad('/api/conversations', { from: '2026-02-02', to: '2026-02-01' }, /^to:/);
    await bad('/api/conversations', { cursor: 'garbage' }, /^cursor:/);
    await bad('/api/conversations', { tag: ['a', 'b'] }, /^tag:/);
    await bad('/api/conversations', { page: 2 }, /page/);
    await bad('/api/conversations/not-a-uuid', {}, /^id:/);

    const patch = async (body: unknown, field: RegExp) => {
      const res = await owner.patch(`/api/conversations/${ids.rated}`).send(body as object).expect(400);
      expect(res.body.message).toMatch(field);
    };
    await patch({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /^tags:/);
    await patch({ tags: ['x'.repeat(41)] }, /^tags\.0:/);
    await patch({ tags: ['  '] }, /^tags\.0:/);
    await patch({ reviewed: 'yes' }, /^reviewed:/);
    await patch({ note: 'x'.repeat(5001) }, /^note:/);
    await patch({ flagged: false }, /flagged/);
    await patch({}, /at least one/);
  });

  it('needs a session', async () => {
    const http = request(h.app.app.getHttpServer());
    await http.get('/api/conversations').expect(401);
    await http.get(`/api/conversations/${ids.zh}`).expect(401);
    await http.patch(`/api/conversations/${ids.zh}`).send({ reviewed: true }).expect(401);
  });
});
