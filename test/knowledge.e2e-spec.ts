import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildDocx, buildEncryptedPdf, buildImageOnlyPdf, buildTextPdf } from '../backend/src/knowledge/ingest/test-documents';
import { Message } from '../backend/src/conversations/message.entity';
import type { ReplySourcesEvent } from '../backend/src/chat/widget.events';
import { createTenantWithStaff, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { collectReply, emitAck } from './support/visitor';
import { eventually } from './support/wait-until';

type Browser = Awaited<ReturnType<typeof signIn>>;
type SourceBody = { id: string; status: string; error?: string; chunks: number; title: string; kind: string };

const SLEEP_TEXT = `# Sleep at Green Leaf

## How long adults should sleep
Most adults need seven to nine hours of sleep each night. Teenagers need eight to ten hours.

## Caffeine
Avoid coffee and strong tea after two in the afternoon: caffeine stays in the body for hours.`;

const RETURNS_ZH = `# 退货政策

## 退货期限
自签收之日起三十天内可以申请退货，商品需保持完好。

## 退款时间
退货入库后五个工作日内原路退款。`;

/** Both database paths: PostgreSQL without pgvector (lexical, in CI) and PGlite with it (hybrid). */
describe.each([
  ['the configured database', undefined],
  ['PGlite with pgvector', 'pglite' as const],
])('knowledge on %s', (_name, engine) => {
  const h = chatHarness({ engine, env: { ALLOW_PRIVATE_ENDPOINTS: 'true', JOBS_POLL_SECONDS: '0.5', KNOWLEDGE_MAX_FILE_MB: '1' } });
  let owner: Browser;
  let agent: Browser;
  let stranger: Browser;
  let botId: string;
  let site: Server;
  let siteUrl: string;

  const base = () => `/api/bots/${botId}/knowledge`;
  const ready = (id: string, status = 'ready') =>
    eventually(`source ${id} ${status}`, async () => {
      const { body } = await owner.get(`${base()}/${id}`).expect(200);
      if (body.source.status !== status) throw new Error(`${body.source.status} ${body.source.error ?? ''}`);
      return body as { source: SourceBody; chunks: { text: string; headingPath: string[] }[]; content?: unknown };
    }, 30_000);
  const addText = async (title: string, text: string) => (await owner.post(base()).send({ title, text }).expect(202)).body.source as SourceBody;
  const upload = async (name: string, bytes: Uint8Array | string) =>
    (await owner.post(base()).attach('file', Buffer.from(bytes), name).expect(202)).body.source as SourceBody;

  beforeAll(async () => {
    const staff = await createTenantWithStaff(h.app.db);
    const other = await createTenantWithStaff(h.app.db);
    // The harness's bot belongs to its own tenant: give that tenant's staff accounts.
    await h.app.db.query(`UPDATE users SET tenant_id = $1 WHERE id IN ($2, $3)`, [h.fixture.tenant.id, staff.owner.id, staff.agent.id]);
    owner = await signIn(h.app, staff.owner.email);
    agent = await signIn(h.app, staff.agent.email);
    stranger = await signIn(h.app, other.owner.email);
    botId = h.fixture.bot.id;
    site = createServer((req, res) => {
      const pages: Record<string, string> = {
        '/robots.txt': 'User-agent: *\nDisallow: /private',
        '/': '<html><head><title>Clinic home</title></head><body><main><h1>Clinic home</h1><p>Our dentists open at eight in the morning on weekdays.</p><a href="/prices">Prices</a><a href="/private/x">Staff</a></main></body></html>',
        '/prices': '<html><head><title>Prices</title></head><body><main><h1>Prices</h1><p>A dental cleaning costs 300 yuan; a filling costs 500 yuan.</p></main></body></html>',
        '/private/x': '<html><body><p>secret staff page</p></body></html>',
      };
      if (req.url === '/away') return res.writeHead(302, { location: 'https://elsewhere.example/' }).end();
      const page = pages[req.url ?? ''];
      if (!page) return res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': req.url === '/robots.txt' ? 'text/plain' : 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => (site ? site.close(() => r()) : r())));

  it('says which retrieval mode the database allows', async () => {
    const { body } = await owner.get(base()).expect(200);
    expect(body.mode).toBe(engine === 'pglite' || !process.env.DATABASE_URL ? 'hybrid' : 'lexical');
    expect(body.limits).toMatchObject({ maxFileBytes: 1024 * 1024 });
    expect(body.sources).toEqual([]);
  });

  it('indexes pasted text by structure and finds it for a question, in English and Chinese', async () => {
    const sleep = await addText('Sleep guide', SLEEP_TEXT);
    expect(sleep.status).toBe('queued');
    const indexed = await ready(sleep.id);
    expect(indexed.source.chunks).toBeGreaterThanOrEqual(2);
    expect(indexed.chunks.map((c) => c.headingPath.at(-1))).toEqual(expect.arrayContaining(['Caffeine']));
    expect(indexed.content).toEqual({ text: SLEEP_TEXT });
    const returns = await addText('退货', RETURNS_ZH);
    await ready(returns.id);

    const en = (await owner.post(`${base()}/search`).send({ query: 'how many hours of sleep does an adult need?' }).expect(200)).body;
    expect(en.results[0]).toMatchObject({ sourceId: sleep.id, title: 'Sleep guide' });
    expect(en.results[0].excerpt).toContain('seven to nine hours');
    expect(en.results[0].score).toBeGreaterThan(0);
    const zh = (await owner.post(`${base()}/search`).send({ query: '退款要多久？' }).expect(200)).body;
    expect(zh.results[0]).toMatchObject({ sourceId: returns.id });
    expect(zh.results[0].excerpt).toContain('五个工作日');
    // Agents read and test questions too.
    await agent.post(`${base()}/search`).send({ query: '退货' }).expect(200);
  });

  it('gives the answer its passages: reply:sources before the first delta, stored, and in the session', async () => {
    const { socket, session } = await h.visitor();
    const order: string[] = [];
    let sources: ReplySourcesEvent | undefined;
    socket.on('reply:sources', (e) => {
      order.push('sources');
      sources = e;
    });
    socket.on('reply:delta', () => order.push('delta'));
    const reply = collectReply(socket);
    const ack = await emitAck<{ replyId: string }>(socket, 'message:send', { clientId: 'k-1', text: 'How long should adults sleep each night?' });
    expect(ack.ok).toBe(true);
    const { end } = await reply;
    expect(order[0]).toBe('sources');
    expect(sources!.sources[0]).toMatchObject({ n: 1, title: expect.stringContaining('Sleep guide') });
    expect(end.text).toContain('[1]');
    expect(end.text).toContain('seven to nine hours');
    // The model was given the numbered passages after the role.
    const request = h.simulator.requests.at(-1)!;
    const system = (request.body as { messages: { role: string; content: string }[] }).messages.filter((m) => m.role === 'system');
    expect(system[1].content).toMatch(/^Passages from the documents/);
    expect(system[1].content).toContain('[1] Sleep guide');

    const row = await h.app.db.getRepository(Message).findOneByOrFail({ id: (ack as { replyId: string }).replyId });
    expect(row.sources![0]).toMatchObject({ n: 1, title: expect.stringContaining('Sleep guide'), score: expect.any(Number) });
    const again = await h.visitor({ token: session.visitor });
    const answer = again.session.conversation.messages.find((m) => m.id === row.id)!;
    expect(answer.sources![0]).toMatchObject({ n: 1, excerpt: expect.stringContaining('seven to nine') });
    expect(answer.sources![0]).not.toHaveProperty('score');
    // The transcript shows which passages with which scores.
    const transcript = (await owner.get(`/api/conversations/${row.conversationId}`).expect(200)).body;
    const stored = transcript.messages.find((m: { id: string }) => m.id === row.id);
    expect(stored.sources[0]).toMatchObject({ n: 1, score: expect.any(Number) });
    // And exports carry them: JSON Lines as they are, CSV as "[n] title (score s)".
    const jsonl = (await owner.get('/api/conversations/export?format=jsonl').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => done(null, text));
    })).body as string;
    const line = jsonl.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((m: { messageId: string }) => m.messageId === row.id);
    expect(line.sources[0]).toMatchObject({ n: 1, title: expect.stringContaining('Sleep guide'), score: expect.any(Number) });
    const csv = (await owner.get('/api/conversations/export?format=csv').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => done(null, text));
    })).body as string;
    expect(csv.split('\n')[0]).toMatch(/,Sources\r?$/);
    expect(csv).toMatch(/\[1\] Sleep guide[^\n]*\(score 0?\.?\d/);
  });

  it('answers only from the documents when the owner asks it to', async () => {
    await owner.patch(`/api/bots/${botId}`).send({ settings: { knowledgeStrict: true } }).expect(200);
    try {
      const { socket } = await h.visitor();
      const reply = collectReply(socket);
      await emitAck(socket, 'message:send', { clientId: 'k-strict', text: 'Who won the football world cup in 1998?' });
      const { end } = await reply;
      const request = h.simulator.requests.at(-1)!;
      const system = (request.body as { messages: { role: string; content: string }[] }).messages.filter((m) => m.role === 'system');
      expect(system.map((m) => m.content).join('\n')).toMatch(/say that you do not know/);
      expect(end.text).toMatch(/do not answer this/);
    } finally {
      await owner.patch(`/api/bots/${botId}`).send({ settings: { knowledgeStrict: false } }).expect(200);
    }
  });

  it('indexes Markdown, HTML, PDF and DOCX files', async () => {
    const pdf = await buildTextPdf([['Parking', 'Free parking is behind the clinic building.'], ['Payment', 'We accept cards and cash.']]);
    const docx = await buildDocx([{ heading: 'Vaccines' }, { paragraph: 'Flu vaccines are given every October.' }, { table: [['Vaccine', 'Price'], ['Flu', '80 yuan']] }]);
    const html = '<html><head><title>Team</title></head><body><article><h1>Our team</h1><p>Doctor Lin leads the dental team and has worked here for twelve years.</p></article></body></html>';
    const md = '# Holidays\n\nThe clinic closes on the first three days of the Spring Festival.';
    const sources = [await upload('parking.pdf', pdf), await upload('vaccines.docx', docx), await upload('team.html', html), await upload('holidays.md', md)];
    const texts = await Promise.all(sources.map(async (s) => (await ready(s.id)).chunks.map((c) => c.text).join('\n')));
    expect(texts[0]).toContain('Free parking');
    expect(texts[1]).toContain('Flu vaccines');
    expect(texts[1]).toContain('80 yuan');
    expect(texts[2]).toContain('Doctor Lin');
    expect(texts[3]).toContain('Spring Festival');
    const { body } = await owner.post(`${base()}/search`).send({ query: 'Is there free parking?' }).expect(200);
    expect(body.results[0].sourceId).toBe(sources[0].id);
  });

  it('ends bad files failed with the reason, and keeps nothing of them answering', async () => {
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['empty.txt', '', /empty/i],
      ['scan.pdf', await buildImageOnlyPdf(), /scanned|no text/i],
      ['locked.pdf', buildEncryptedPdf(), /encrypt|password/i],
      ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), /PDF, Word/],
      ['broken.docx', Buffer.from('PK\u0003\u0004 not really a zip'), /read|corrupt|damaged/i],
    ];
    for (const [name, bytes, why] of cases) {
      const source = await upload(name, bytes);
      const failed = await ready(source.id, 'failed');
      expect(failed.source.error).toMatch(why);
      expect(failed.source.chunks).toBe(0);
      expect(failed.chunks).toEqual([]);
    }
  });

  it('refuses a file over the limit with the limit named, before storing anything', async () => {
    const before = (await owner.get(base()).expect(200)).body.sources.length;
    const res = await owner.post(base()).attach('file', Buffer.alloc(1024 * 1024 + 10, 'a'), 'big.txt').expect(413);
    expect(res.body.message).toMatch(/1 MB/);
    expect((await owner.get(base()).expect(200)).body.sources.length).toBe(before);
  });

  it('validates JSON bodies and names the problem', async () => {
    expect((await owner.post(base()).send({ title: 'x' }).expect(400)).body.message).toMatch(/title, text/);
    expect((await owner.post(base()).send({ url: 'ftp://example.com/' }).expect(400)).body.message).toMatch(/url/);
    expect((await owner.post(base()).send({ title: 'FAQ', faq: [] }).expect(400)).body.message).toMatch(/at least one/);
    expect((await owner.post(`${base()}/search`).send({ query: '' }).expect(400)).body.message).toMatch(/query/);
  });

  it('crawls a site within its origin, honouring robots.txt, and fails a URL that redirects away', async () => {
    const crawled = (await owner.post(base()).send({ url: `${siteUrl}/`, crawl: true }).expect(202)).body.source;
    const done = await ready(crawled.id);
    const all = done.chunks.map((c) => c.text).join('\n');
    expect(all).toContain('eight in the morning');
    expect(all).toContain('300 yuan');
    expect(all).not.toContain('secret staff page');
    expect(done.source.title).toBe('Clinic home');

    const away = (await owner.post(base()).send({ url: `${siteUrl}/away` }).expect(202)).body.source;
    expect((await ready(away.id, 'failed')).source.error).toMatch(/elsewhere\.example/);
    const missing = (await owner.post(base()).send({ url: `${siteUrl}/nothing-here` }).expect(202)).body.source;
    expect((await ready(missing.id, 'failed')).source.error).toMatch(/404/);
  });

  it('edits an FAQ: the new answers replace the old once indexed', async () => {
    const faq = (await owner.post(base()).send({ title: 'Opening FAQ', faq: [{ question: 'Do you open on Sundays?', answer: 'No, we are closed on Sundays.' }] }).expect(202)).body.source;
    await ready(faq.id);
    await owner.put(`${base()}/${faq.id}`).send({ title: 'Opening FAQ', faq: [{ question: 'Do you open on Sundays?', answer: 'Yes, from nine to noon on Sundays.' }] }).expect(202);
    const updated = await ready(faq.id);
    expect(updated.content).toEqual({ faq: [{ question: 'Do you open on Sundays?', answer: 'Yes, from nine to noon on Sundays.' }] });
    const texts = updated.chunks.map((c) => c.text).join('\n');
    expect(texts).toContain('nine to noon');
    expect(texts).not.toContain('closed on Sundays');
    // A text source cannot take an FAQ.
    const text = (await owner.get(base()).expect(200)).body.sources.find((s: SourceBody) => s.kind === 'text');
    expect((await owner.put(`${base()}/${text.id}`).send({ title: 'x', faq: [{ question: 'q', answer: 'a' }] }).expect(400)).body.message).toMatch(/text/);
  });

  it('re-indexes and deletes as jobs; a deleted source no longer answers', async () => {
    const source = await addText('Dental hygiene', '# Brushing\n\nBrush twice a day for two minutes with fluoride toothpaste.');
    await ready(source.id);
    expect((await owner.post(`${base()}/${source.id}/reindex`).expect(202)).body.source.status).toBe('queued');
    await ready(source.id);
    const search = async () => (await owner.post(`${base()}/search`).send({ query: 'fluoride toothpaste brushing' }).expect(200)).body.results;
    expect((await search())[0].sourceId).toBe(source.id);
    await owner.delete(`${base()}/${source.id}`).expect(204);
    expect((await search()).map((r: { sourceId: string }) => r.sourceId)).not.toContain(source.id);
    await owner.get(`${base()}/${source.id}`).expect(404);
    await eventually('the deleted source purged', async () => {
      const [row] = await h.app.db.query(`SELECT count(*)::int AS n FROM knowledge_sources WHERE id = $1`, [source.id]);
      expect(row.n).toBe(0);
    });
  });

  it('keeps every knowledge route to the bot tenant: another tenant 404, an agent 403 on writes', async () => {
    const source = (await owner.get(base()).expect(200)).body.sources[0] as SourceBody;
    const routes: [string, string, object?][] = [
      ['get', base()],
      ['post', base(), { title: 't', text: 'x' }],
      ['post', `${base()}/search`, { query: 'sleep' }],
      ['get', `${base()}/${source.id}`],
      ['put', `${base()}/${source.id}`, { title: 't', text: 'x' }],
      ['delete', `${base()}/${source.id}`],
      ['post', `${base()}/${source.id}/reindex`],
    ];
    for (const [method, path, body] of routes) {
      const call = (b: Browser) => (b as unknown as Record<string, (p: string) => { send(x?: object): Promise<{ status: number }> }>)[method](path).send(body);
      expect([method, path, (await call(stranger)).status]).toEqual([method, path, 404]);
      const agentStatus = (await call(agent)).status;
      const reads = method === 'get' || path.endsWith('/search');
      expect([method, path, agentStatus]).toEqual([method, path, reads ? 200 : 403]);
    }
    // The stranger's own bot id with this bot's source id: still not found.
    const theirBot = (await stranger.post('/api/bots').send({ name: 'Theirs' }).expect(201)).body.id;
    await stranger.get(`/api/bots/${theirBot}/knowledge/${source.id}`).expect(404);
  });
});
