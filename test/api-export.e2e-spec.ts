import { get } from 'node:http';
import request from 'supertest';
import { Conversation } from '../backend/src/conversations/conversation.entity';
import { ConversationRepository } from '../backend/src/conversations/conversation.repository';
import { createUser, PASSWORD, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { seedConversations, talk } from './support/conversations';
import { createBot } from './support/fixtures';
import type { VisitorSocket } from './support/visitor';

type Agent = Awaited<ReturnType<typeof signIn>>;

const TRICKY = 'Hello, "doctor"\nsecond line';
const ZH_ANSWER = '失眠时请保持规律作息，睡前避免咖啡因。';
const XSS = '<img src=x onerror=alert(1)>';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const NOTE = '=HYPERLINK("https://evil.example")\n回访：已解决';

/** The exact bytes of a download. */
const download = (as: Agent, query: Record<string, string>) =>
  as
    .get('/api/conversations/export')
    .query(query)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

/** RFC 4180, strictly: the test's own reader, not the code under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

const csvRecords = (body: Buffer) => {
  const [header, ...rows] = parseCsv(body.subarray(BOM.length).toString('utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};
const jsonLines = (body: Buffer) => {
  const text = body.toString('utf8');
  if (!text) return [];
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n').map((line) => JSON.parse(line));
};

describe('staff API: export conversations', () => {
  const h = chatHarness();
  const sockets: VisitorSocket[] = [];
  let owner: Agent;
  let agent: Agent;
  let stranger: Agent;
  const ids: Record<'tricky' | 'formula' | 'xss', string> = {} as never;
  const say = async (bot: string, text: string) => {
    const talked = await talk(h.app.url, bot, [text]);
    sockets.push(talked.socket);
    return talked.conversationId;
  };

  beforeAll(async () => {
    const db = h.app.db;
    owner = await signIn(h.app, (await createUser(db, h.fixture.tenant.id, 'owner')).email);
    agent = await signIn(h.app, (await createUser(db, h.fixture.tenant.id, 'agent')).email);
    const other = await createBot(db);
    stranger = await signIn(h.app, (await createUser(db, other.tenant.id, 'owner')).email);
    const key = h.fixture.bot.publicKey;
    h.simulator.configure({ reply: () => ZH_ANSWER });
    ids.tricky = await say(key, TRICKY);
    h.simulator.configure({ reply: () => '@SUM(A1) is not a formula here' });
    ids.formula = await say(key, '=1+1');
    h.simulator.configure({ reply: () => 'Only text.' });
    ids.xss = await say(key, XSS);
    await say(other.bot.publicKey, 'secret of the other tenant');
    await owner.patch(`/api/conversations/${ids.tricky}`).send({ tags: ['vip', 'sleep'], note: NOTE, reviewed: true }).expect(200);
  });

  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('CSV: UTF-8 with BOM, a row per message, RFC 4180 quoting, formulas neutralised', async () => {
    const res = await download(owner, { format: 'csv' }).expect(200);
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="conversations-${day}.csv"`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 3).equals(BOM)).toBe(true);
    const text = body.toString('utf8');
    expect(text).toContain('"Hello, ""doctor""\nsecond line"');
    expect(text).toContain(",'=1+1,");
    expect(text).not.toContain('secret of the other tenant');

    const rows = csvRecords(body);
    expect(Object.keys(rows[0])).toEqual([
      'Conversation ID', 'Bot', 'Visitor ID', 'Tags', 'Note', 'Reviewed', 'Message ID', 'Time (UTC)', 'Sender', 'Status', 'Role version', 'Text',
      'Feedback', 'Feedback comment', 'Prompt tokens', 'Completion tokens', 'Sources',
    ]);
    expect(rows.map((r) => [r['Conversation ID'], r.Sender])).toEqual([
      [ids.xss, 'user'],
      [ids.xss, 'assistant'],
      [ids.formula, 'user'],
      [ids.formula, 'assistant'],
      [ids.tricky, 'user'],
      [ids.tricky, 'assistant'],
    ]);
    const tricky = await h.app.db.getRepository(Conversation).findOneByOrFail({ id: ids.tricky });
    // Tags, note and reviewed are the conversation's, repeated on each of its message rows; the note is neutralised too.
    for (const row of rows.slice(4)) expect(row).toMatchObject({ Bot: 'Health advisor', 'Visitor ID': tricky.visitorId, Tags: 'vip; sleep', Note: `'${NOTE}`, Reviewed: 'yes' });
    expect(rows[0]).toMatchObject({ Tags: '', Note: '', Reviewed: 'no' });
    expect(rows[4]).toMatchObject({ Text: TRICKY, Status: 'complete', 'Role version': '' });
    expect(rows[5]).toMatchObject({ Text: ZH_ANSWER, 'Role version': '1', Feedback: '' });
    expect(Number(rows[5]['Prompt tokens'])).toBeGreaterThan(5);
    expect(Number(rows[5]['Completion tokens'])).toBeGreaterThan(0);
    // Without a zone the times are UTC, and say so: the header names the zone, each cell its offset.
    for (const row of rows) expect(row['Time (UTC)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+00:00$/);
    expect(rows[5]['Time (UTC)'] >= rows[4]['Time (UTC)']).toBe(true);
    expect(rows[2].Text).toBe("'=1+1");
    expect(rows[3].Text).toBe("'@SUM(A1) is not a formula here");
    expect(rows[0].Text).toBe(XSS);
  });

  it("CSV: times in the staff member's zone with the offset, headers in the console's language", async () => {
    const utc = jsonLines((await download(owner, { format: 'jsonl' }).expect(200)).body);
    const res = await download(owner, { format: 'csv', tz: 'Asia/Shanghai', lang: 'zh-CN', tag: 'vip' }).expect(200);
    const rows = csvRecords(res.body);
    expect(Object.keys(rows[0])).toEqual(['会话 ID', '机器人', '访客 ID', '标签', '备注', '已审阅', '消息 ID', '时间（Asia/Shanghai）', '发送方', '状态', '角色版本', '内容', '访客评价', '评价说明', '输入 token', '输出 token', '来源']);
    expect(rows.map((r) => r['会话 ID'])).toEqual([ids.tricky, ids.tricky]);
    expect(rows[0]).toMatchObject({ 标签: 'vip; sleep', 备注: `'${NOTE}`, 已审阅: '是', 内容: TRICKY });
    for (const row of rows) {
      // The same instant as the JSON line's ISO UTC time, eight hours on, to the second.
      const iso = utc.find((l) => l.messageId === row['消息 ID']).createdAt as string;
      const shanghai = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
      expect(row['时间（Asia/Shanghai）']).toBe(`${shanghai.slice(0, 10)} ${shanghai.slice(11, 19)} +08:00`);
    }
    // A zone in another spelling is Intl's own; a zone with daylight saving time writes the offset of each instant.
    const ny = csvRecords((await download(agent, { format: 'csv', tz: 'america/new_york', lang: 'en' }).expect(200)).body);
    expect(Object.keys(ny[0])).toContain('Time (America/New_York)');
    for (const row of ny) expect(row['Time (America/New_York)']).toMatch(/ -0[45]:00$/);
  });

  it('JSONL keeps ISO UTC times whatever the zone, and carries note and reviewed', async () => {
    const lines = jsonLines((await download(owner, { format: 'jsonl', tz: 'Asia/Shanghai', lang: 'zh-CN', tag: 'vip' }).expect(200)).body);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ conversationId: ids.tricky, tags: ['vip', 'sleep'], note: NOTE, reviewed: true });
      expect(line.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const other = jsonLines((await download(owner, { format: 'jsonl', q: '=1+1' }).expect(200)).body);
    expect(other[0]).toMatchObject({ note: null, reviewed: false, tags: [] });
  });

  it('JSONL: one JSON object per line, text as data, filters as in the list', async () => {
    const res = await download(agent, { format: 'jsonl' }).expect(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="conversations-\d{8}\.jsonl"$/);
    const lines = jsonLines(res.body);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ conversationId: ids.xss, role: 'user', text: XSS, tags: [], bot: 'Health advisor', roleVersion: null });
    expect(lines[5]).toMatchObject({ conversationId: ids.tricky, role: 'assistant', text: ZH_ANSWER, tags: ['vip', 'sleep'], roleVersion: 1, status: 'complete' });
    expect((res.body as Buffer).toString('utf8')).toContain(JSON.stringify(XSS));

    const zh = jsonLines((await download(agent, { format: 'jsonl', q: '失眠' }).expect(200)).body);
    expect(zh.map((l) => [l.conversationId, l.role])).toEqual([
      [ids.tricky, 'user'],
      [ids.tricky, 'assistant'],
    ]);
    const vip = jsonLines((await download(owner, { format: 'jsonl', tag: 'vip' }).expect(200)).body);
    expect(new Set(vip.map((l) => l.conversationId))).toEqual(new Set([ids.tricky]));
    const none = await download(owner, { format: 'jsonl', status: 'failed' }).expect(200);
    expect((none.body as Buffer).length).toBe(0);
  });

  it('streams a large export page by page: every message once, grouped by conversation, oldest first', async () => {
    const bulk = await createBot(h.app.db);
    // 450 conversations × 6 messages: three conversation pages, two message batches in each full page.
    await seedConversations((sql, params) => h.app.db.query(sql, params), {
      tenantId: bulk.tenant.id,
      botId: bulk.bot.id,
      count: 450,
      messagesPer: 6,
      lastMessageAt: `timestamptz '2026-03-04 05:06:07.5+00' - (i / 2) * interval '1 microsecond'`,
    });
    const bulkOwner = await signIn(h.app, (await createUser(h.app.db, bulk.tenant.id, 'owner')).email);
    for (const format of ['csv', 'jsonl']) {
      const res = await download(bulkOwner, { format }).expect(200);
      const rows: { id: string; conversation: string; time: string }[] =
        format === 'csv'
          ? csvRecords(res.body).map((r) => ({ id: r['Message ID'], conversation: r['Conversation ID'], time: r['Time (UTC)'] }))
          : jsonLines(res.body).map((l) => ({ id: l.messageId, conversation: l.conversationId, time: l.createdAt }));
      expect(rows).toHaveLength(2700);
      expect(new Set(rows.map((r) => r.id)).size).toBe(2700);
      const groups = rows.map((r) => r.conversation).filter((c, i, all) => i === 0 || all[i - 1] !== c);
      expect(groups).toHaveLength(450);
      expect(new Set(groups).size).toBe(450);
      for (let i = 1; i < rows.length; i++) {
        if (rows[i].conversation === rows[i - 1].conversation) expect(rows[i].time > rows[i - 1].time).toBe(true);
      }
    }
  });

  it('stops reading when the client goes away mid-download', async () => {
    const bulk = await createBot(h.app.db);
    await seedConversations((sql, params) => h.app.db.query(sql, params), {
      tenantId: bulk.tenant.id,
      botId: bulk.bot.id,
      count: 3000,
      messagesPer: 10,
      lastMessageAt: `now() - i * interval '1 minute'`,
    });
    const email = (await createUser(h.app.db, bulk.tenant.id, 'owner')).email;
    const cookie = (await request(h.app.app.getHttpServer()).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)).headers['set-cookie'];
    const batches = jest.spyOn(h.app.app.get(ConversationRepository), 'exportMessages');
    const received = await new Promise<number>((resolve, reject) => {
      const req = get(`${h.app.url}/api/conversations/export?format=jsonl`, { headers: { cookie: String(cookie).split(';')[0] } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.length);
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    });
    expect(received).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    // 30,000 messages (about 12 MB) take 30 batches of 1,000; reading stopped once the socket's
    // buffers were full and the client was gone.
    expect(batches.mock.calls.length).toBeGreaterThan(0);
    expect(batches.mock.calls.length).toBeLessThan(15);
    batches.mockRestore();
    // The server is unharmed and answers the next download in full.
    expect(jsonLines((await download(owner, { format: 'jsonl' }).expect(200)).body)).toHaveLength(6);
  });

  it('exports only the caller’s tenant', async () => {
    const lines = jsonLines((await download(stranger, { format: 'jsonl' }).expect(200)).body);
    expect(lines.map((l) => l.text)).toEqual(['secret of the other tenant', 'Only text.']);
    const csv = await download(stranger, { format: 'csv', bot: h.fixture.bot.id }).expect(200);
    expect(csvRecords(csv.body)).toEqual([]);
  });

  it('names the bad parameter in a 400, and needs a session', async () => {
    const bad = async (query: Record<string, string>, field: RegExp) => {
      const res = await owner.get('/api/conversations/export').query(query).expect(400);
      expect(res.body.message).toMatch(field);
    };
    await bad({ format: 'xml' }, /^format:/);
    await bad({ format: 'csv', bot: 'nope' }, /^bot:/);
    await bad({ format: 'csv', limit: '5' }, /limit/);
    await bad({ format: 'csv', to: 'soon' }, /^to:/);
    await bad({ format: 'csv', tz: 'Mars/Olympus_Mons' }, /^tz: .*IANA time zone/);
    await bad({ format: 'csv', tz: '+08:00 ' }, /^tz:/);
    await bad({ format: 'csv', lang: 'fr' }, /^lang:/);
    await request(h.app.app.getHttpServer()).get('/api/conversations/export?format=csv').expect(401);
  });
});
