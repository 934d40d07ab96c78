import { BotKeyBox } from '../../backend/src/bots/bot-key-box';
import { Bot } from '../../backend/src/bots/bot.entity';
import { createUser, signIn } from '../support/accounts';
import { chatHarness } from '../support/chat-harness';
import { createBot } from '../support/fixtures';
import { turn } from '../support/reply-turn';
import { SIM_DEPLOYMENT, SIM_KEY } from '../support/test-app';
import { startScriptedUpstream, startTrap, UpstreamAnswer } from '../support/upstream-doubles';
import { connectVisitor, VisitorSocket } from '../support/visitor';

/**
 * Issue 11, items 2, 3 and 5: the outbound guard on endpoints owners set (https only, no private,
 * loopback, link-local or metadata address at save time nor at connect time, no redirects), owners
 * never reading an upstream's body, and circuits that one tenant's failures cannot open for another.
 */

type Harness = ReturnType<typeof chatHarness>;
type Browser = Awaited<ReturnType<typeof signIn>>;

// This file connects many visitors and previews from one address; those limits are tested elsewhere.
const NO_LIMITS = {
  RATE_IP_CONNECTIONS_PER_MINUTE: '0',
  RATE_IP_NEW_VISITORS_PER_HOUR: '0',
  RATE_USER_PREVIEWS_PER_MINUTE: '0',
  RATE_BOT_PREVIEWS_PER_MINUTE: '0',
  // One request per turn, so a test counts what reached the upstream turn by turn.
  UPSTREAM_MAX_RETRIES: '0',
};

/** Test-wide helpers bound to one harness: a tenant with a bot and its signed-in owner, a visitor's turn. */
function world(h: Harness) {
  const sockets: VisitorSocket[] = [];
  let clientIds = 0;
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  return {
    async ownerWithBot(): Promise<{ bot: Bot; owner: Browser }> {
      const { tenant, bot } = await createBot(h.app.db);
      return { bot, owner: await signIn(h.app, (await createUser(h.app.db, tenant.id, 'owner')).email) };
    },

    /** One visitor question; the reply's end on the wire and the reply as the owner's console shows it. */
    async ask(bot: Bot, owner: Browser, text = 'How much water should I drink?') {
      const { socket, session } = await connectVisitor(h.app.url, { bot: bot.publicKey, locale: 'en' });
      sockets.push(socket);
      const t = await turn(socket, `out-${++clientIds}`, text);
      const transcript = await owner.get(`/api/conversations/${session.conversation.id}`).expect(200);
      const answer = (transcript.body.messages as Array<{ id: string; errorDetail: string | null; status: string }>).find((m) => m.id === t.replyId)!;
      return { end: t.end, answer, transcriptText: transcript.text };
    },

    /** The owner's preview of the bot, as the console receives it (event-stream text). */
    async preview(bot: Bot, owner: Browser): Promise<{ text: string; end: { status: string; error?: string } }> {
      const res = await owner.post(`/api/bots/${bot.id}/preview`).send({ messages: [{ role: 'user', content: 'Hello' }] }).expect(200);
      const events = res.text
        .split('\n\n')
        .filter((block) => block.startsWith('data: '))
        .map((block) => JSON.parse(block.slice(6)) as { end?: { status: string; error?: string } });
      return { text: res.text, end: events.at(-1)!.end! };
    },

    /** Rows of every table that contain `needle` anywhere. */
    async rowsContaining(needle: string): Promise<string[]> {
      const tables = (await h.app.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)) as Array<{ table_name: string }>;
      const found: string[] = [];
      for (const { table_name } of tables) {
        const rows = (await h.app.db.query(`SELECT t::text AS row FROM "${table_name}" t WHERE t::text LIKE $1`, [`%${needle}%`])) as Array<{ row: string }>;
        found.push(...rows.map((r) => `${table_name}: ${r.row}`));
      }
      return found;
    },
  };
}

describe('security: owner endpoints, private addresses refused (the default)', () => {
  const h = chatHarness({ env: NO_LIMITS });
  const w = world(h);
  let trap: Awaited<ReturnType<typeof startTrap>>;
  beforeAll(async () => (trap = await startTrap()));
  afterAll(() => trap.close());

  it('PATCH answers 400 naming llm.endpoint for plain http and private, loopback, link-local and metadata hosts', async () => {
    const { bot, owner } = await w.ownerWithBot();
    const refused: Array<[string, RegExp]> = [
      ['http://127.0.0.1.nip.io', /must use https/],
      ['http://my-resource.openai.azure.com', /must use https/],
      ['http://127.0.0.1:9', /must use https/],
      ['https://127.0.0.1.nip.io', /private host/],
      ['https://localhost:8443', /private host/],
      ['https://10.0.0.5', /private address/],
      ['https://[::1]', /private address/],
      ['https://[::ffff:127.0.0.1]', /private address/],
      ['https://169.254.169.254', /metadata address/],
      ['https://metadata.google.internal', /metadata address/],
    ];
    for (const [endpoint, reason] of refused) {
      const res = await owner.patch(`/api/bots/${bot.id}`).send({ llm: { provider: 'azure', endpoint, apiKey: 'owner-key-123456' } }).expect(400);
      expect(res.body.message).toMatch(/^llm\.endpoint: /);
      expect(res.body.message).toMatch(reason);
    }
    expect(await h.app.db.getRepository(Bot).findOneByOrFail({ id: bot.id })).toMatchObject({ llmEndpoint: null, llmApiKeyEncrypted: null });
    const ok = await owner.patch(`/api/bots/${bot.id}`).send({ llm: { provider: 'azure', endpoint: 'https://my-resource.openai.azure.com/' } }).expect(200);
    expect(ok.body.llm.endpoint).toBe('https://my-resource.openai.azure.com');
  });

  it('refuses at connect time a name that resolves to loopback (as if its DNS changed after saving): nothing reaches it', async () => {
    const { bot, owner } = await w.ownerWithBot();
    // Written past the save-time check, as a name that resolved publicly when saved and privately now.
    const endpoint = `https://localhost:${trap.port}`;
    await h.app.db.getRepository(Bot).update(bot.id, { llmProvider: 'azure', llmEndpoint: endpoint, llmApiKeyEncrypted: h.app.app.get(BotKeyBox).seal('owner-key-123456') });
    h.simulator.clearRequests();

    const { end, answer } = await w.ask(bot, owner);
    expect(end).toMatchObject({ status: 'failed', error: { code: 'upstream_unavailable' } });
    expect(answer.errorDetail).toBe(`the model endpoint refused the request: ${endpoint}/${SIM_DEPLOYMENT}: endpoint refused: resolves to a private address`);
    expect((await w.preview(bot, owner)).end).toEqual({ status: 'failed', text: '', error: 'upstream_unavailable' });

    // Plain http is refused before any name is resolved.
    await h.app.db.getRepository(Bot).update(bot.id, { llmProvider: 'azure', llmEndpoint: `http://127.0.0.1:${trap.port}` });
    expect((await w.ask(bot, owner)).answer.errorDetail).toMatch(/: endpoint refused: must use https$/);

    expect(trap.connections()).toBe(0);
    // The installation's key never went anywhere either.
    expect(h.simulator.requests).toHaveLength(0);
  });
});

describe('security: owner endpoints with ALLOW_PRIVATE_ENDPOINTS=true', () => {
  const BREAKER_THRESHOLD = 2;
  const h = chatHarness({
    env: { ...NO_LIMITS, ALLOW_PRIVATE_ENDPOINTS: 'true', LOG_LEVEL: 'warn', UPSTREAM_BREAKER_THRESHOLD: String(BREAKER_THRESHOLD), UPSTREAM_BREAKER_COOLDOWN_MS: '60000' },
  });
  const w = world(h);
  const SECRET = 'redis_version:7.2.4 SECRET-internal-5f2e9b';
  /** What the scripted endpoint answers, by the key a bot sends. */
  const script = new Map<string, UpstreamAnswer>();
  let upstream: Awaited<ReturnType<typeof startScriptedUpstream>>;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  const logs: string[] = [];

  beforeAll(async () => {
    trap = await startTrap();
    upstream = await startScriptedUpstream({ simulatorUrl: h.simulatorUrl, simulatorKey: SIM_KEY, answer: (apiKey) => script.get(apiKey) ?? 'pass' });
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
        logs.push(String(chunk));
        return true;
      }) as typeof stream.write);
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await upstream.close();
    await trap.close();
  });

  /** A tenant's bot on the scripted endpoint with its own key, set through the API as an owner does. */
  async function botOnUpstream(apiKey: string) {
    const { bot, owner } = await w.ownerWithBot();
    await owner.patch(`/api/bots/${bot.id}`).send({ llm: { provider: 'azure', endpoint: upstream.url, apiKey } }).expect(200);
    return { bot, owner };
  }

  it('accepts http to a loopback model server, as a development setup needs, and answers through it', async () => {
    const { bot, owner } = await botOnUpstream('dev-key-000001');
    const { end, answer } = await w.ask(bot, owner);
    expect(end.status).toBe('complete');
    expect(answer.errorDetail).toBeNull();
    expect(upstream.requestsWith('dev-key-000001')).toBe(1);
    // Still refused: plain http to a public host (a key in clear across the internet) and metadata services.
    for (const endpoint of ['http://my-resource.openai.azure.com', 'https://169.254.169.254', 'https://metadata.google.internal']) {
      expect((await owner.patch(`/api/bots/${bot.id}`).send({ llm: { provider: 'azure', endpoint } }).expect(400)).body.message).toMatch(/^llm\.endpoint: /);
    }
  });

  it('shows the owner the status, the provider’s code and what to check, never the endpoint’s body', async () => {
    const json = (status: number, code: string) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code, message: SECRET, innererror: { detail: SECRET } } }) });
    const cases: Array<[string, UpstreamAnswer, string]> = [
      ['leak-400-000001', json(400, 'OperationNotSupported'), "HTTP 400 OperationNotSupported: the endpoint rejected the request; check the deployment's model and the bot's settings (max tokens, temperature)"],
      ['leak-401-000001', json(401, '401'), 'HTTP 401: check the API key'],
      ['leak-404-000001', json(404, 'DeploymentNotFound'), 'HTTP 404 DeploymentNotFound: check the deployment name'],
      ['leak-500-000001', { status: 500, headers: { 'content-type': 'text/html' }, body: `<pre>${SECRET}</pre>` }, 'HTTP 500: the endpoint failed; it may answer again later'],
      ['leak-code-00001', json(400, SECRET), "HTTP 400: the endpoint rejected the request; check the deployment's model and the bot's settings (max tokens, temperature)"],
      [
        'leak-302-000001',
        { status: 302, headers: { location: `http://127.0.0.1:${trap.port}/admin` }, body: SECRET },
        'HTTP 302: the endpoint redirects elsewhere, which is not followed; check the endpoint URL',
      ],
      [
        'leak-sse-000001',
        { status: 200, headers: { 'content-type': 'text/event-stream' }, body: `data: ${JSON.stringify({ choices: [], error: { code: 'server_error', message: SECRET } })}\n\n` },
        'error event inside the stream (server_error)',
      ],
    ];
    for (const [key, answer] of cases) script.set(key, answer);
    for (const [key, , detail] of cases) {
      const { bot, owner } = await botOnUpstream(key);
      const { end, answer, transcriptText } = await w.ask(bot, owner);
      expect(end.status).toBe('failed');
      expect(answer.errorDetail).toContain(detail);
      expect(JSON.stringify(end)).not.toContain('SECRET');
      expect(transcriptText).not.toContain('SECRET');
      const preview = await w.preview(bot, owner);
      expect(preview.end.status).toBe('failed');
      expect(preview.text).not.toContain('SECRET');
      // The owner reads the conversations list and the bot too.
      expect((await owner.get('/api/conversations').expect(200)).text).not.toContain('SECRET');
      expect((await owner.get(`/api/bots/${bot.id}`).expect(200)).text).not.toContain('SECRET');
    }
    expect(await w.rowsContaining('SECRET')).toEqual([]);
    // An owner's endpoint could be any internal service: its answer stays out of the server log too.
    expect(logs.join('')).not.toContain('SECRET');
    // The redirect was not followed.
    expect(trap.connections()).toBe(0);
  });

  it('keeps tenant B answering while tenant A’s bot keeps getting 400s from the same endpoint', async () => {
    script.set('tenant-a-400-key', { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'BadRequest', message: 'max_tokens is too large' } }) });
    const a = await botOnUpstream('tenant-a-400-key');
    const b = await botOnUpstream('tenant-b-good-key');
    for (let i = 0; i < BREAKER_THRESHOLD + 2; i++) {
      // Each is the endpoint's own 400, never a fast failure of an open circuit.
      const detail = (await w.ask(a.bot, a.owner)).answer.errorDetail;
      expect(detail).toContain('400');
      expect(detail).not.toMatch(/circuit/);
    }
    expect(upstream.requestsWith('tenant-a-400-key')).toBe(BREAKER_THRESHOLD + 2);
    const { end, answer } = await w.ask(b.bot, b.owner);
    expect(end.status).toBe('complete');
    expect(answer.errorDetail).toBeNull();
  });

  it('gives two bots with different keys on the same endpoint and deployment a circuit each', async () => {
    script.set('tenant-c-down-key', { status: 503, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'busy' } }) });
    const c = await botOnUpstream('tenant-c-down-key');
    const d = await botOnUpstream('tenant-d-good-key');
    for (let i = 0; i < BREAKER_THRESHOLD; i++) expect((await w.ask(c.bot, c.owner)).answer.errorDetail).toMatch(/^(HTTP )?503 /);
    // C's circuit is open: it fails fast without a request…
    expect((await w.ask(c.bot, c.owner)).answer.errorDetail).toMatch(/^circuit open for http:\/\/127\.0\.0\.1:\d+\/gpt-4o-test after repeated failures/);
    expect(upstream.requestsWith('tenant-c-down-key')).toBe(BREAKER_THRESHOLD);
    // …while D, another key on the same endpoint and deployment, still reaches it and answers.
    const { end } = await w.ask(d.bot, d.owner);
    expect(end.status).toBe('complete');
    expect(upstream.requestsWith('tenant-d-good-key')).toBe(1);
  });
});
