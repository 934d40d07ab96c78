import request from 'supertest';
import { BotRole } from '../backend/src/bots/bot-role.entity';
import { Bot } from '../backend/src/bots/bot.entity';
import { Conversation } from '../backend/src/conversations/conversation.entity';
import { Message } from '../backend/src/conversations/message.entity';
import type { AzureOpenAISimulator, StreamEnd } from '../backend/src/llm/simulator';
import { createTenantWithStaff, PASSWORD, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { SITE } from './support/fixtures';
import { SIM_KEY, startSimulator, startTestApp } from './support/test-app';
import { collectReply, connectVisitor, emitAck } from './support/visitor';

type Staff = Awaited<ReturnType<typeof createTenantWithStaff>>;
type Browser = Awaited<ReturnType<typeof signIn>>;

const BOT_KEY = 'bot-own-azure-key-1234567890';

describe('bots API: settings, model key, versioned roles, preview', () => {
  // A bot's own resource is a second simulator on loopback, over http: private endpoints allowed here.
  const h = chatHarness({ env: { ALLOW_PRIVATE_ENDPOINTS: 'true' } });
  let own: { simulator: AzureOpenAISimulator; url: string };
  let a: Staff;
  let b: Staff;
  let ownerA: Browser;
  let agentA: Browser;
  let ownerB: Browser;
  const bodies: string[] = [];

  const repo = () => h.app.db.getRepository(Bot);
  const row = (id: string) => repo().findOneByOrFail({ id });
  /** Every response body of the owner's and agent's browsers, to check the model key never leaks. */
  const record = (browser: Browser): Browser => {
    browser.on('response', (res: { text?: string }) => bodies.push(res.text ?? ''));
    return browser;
  };
  const createBot = async (body: object = {}) => (await ownerA.post('/api/bots').send({ name: 'Shop helper', ...body }).expect(201)).body;

  beforeAll(async () => {
    own = await startSimulator();
    own.simulator.configure({ apiKey: BOT_KEY });
    a = await createTenantWithStaff(h.app.db);
    b = await createTenantWithStaff(h.app.db);
    ownerA = record(await signIn(h.app, a.owner.email));
    agentA = record(await signIn(h.app, a.agent.email));
    ownerB = record(await signIn(h.app, b.owner.email));
  });

  afterAll(async () => {
    await own?.simulator.stop();
  });

  describe('POST /api/bots', () => {
    it('creates a bot with a fresh public key, its settings and role version 1', async () => {
      const view = await createBot({
        allowedOrigins: ['https://Shop.Example:443', 'http://localhost:8080', '*'],
        settings: { greeting: 'Hi!', color: '#AABBCC', locale: 'en' },
        llm: { model: 'gpt-4o-mini' },
        systemPrompt: 'You sell shoes.',
        note: 'first draft',
      });
      expect(view).toMatchObject({
        name: 'Shop helper',
        enabled: true,
        allowedOrigins: ['https://shop.example', 'http://localhost:8080', '*'],
        settings: { greeting: 'Hi!', color: '#aabbcc', locale: 'en', position: 'right', temperature: 0.7, maxTokens: 800 },
        llm: { provider: null, endpoint: null, model: 'gpt-4o-mini', apiKeySet: false },
        activeRoleVersion: 1,
      });
      expect(view.publicKey).toMatch(/^pk_[0-9a-f]{32}$/);
      expect(view.snippet).toBe(`<script src="${h.app.url}/widget.js" data-bot="${view.publicKey}" async></script>`);

      const stored = await row(view.id);
      expect(stored).toMatchObject({ tenantId: a.tenant.id, publicKey: view.publicKey, activeRoleVersion: 1, allowedOrigins: view.allowedOrigins });
      expect(stored.settings).toEqual({ greeting: 'Hi!', color: '#aabbcc', locale: 'en' });
      expect(stored.llmModel).toBe('gpt-4o-mini');
      const roles = await h.app.db.getRepository(BotRole).findBy({ botId: view.id });
      expect(roles).toEqual([expect.objectContaining({ version: 1, systemPrompt: 'You sell shoes.', note: 'first draft', authorId: a.owner.id })]);

      const bare = await createBot();
      expect(bare).toMatchObject({ activeRoleVersion: null, allowedOrigins: [], settings: { locale: 'zh-CN' }, llm: { model: null } });
      expect(bare.publicKey).not.toBe(view.publicKey);
      expect(await h.app.db.getRepository(BotRole).countBy({ botId: bare.id })).toBe(0);
    });

    it('names the bad field', async () => {
      const cases: [object, RegExp][] = [
        [{}, /^name:/],
        [{ name: '  ' }, /^name:/],
        [{ name: 'x', allowedOrigins: ['https://shop.example/'] }, /^allowedOrigins\.0:/],
        [{ name: 'x', allowedOrigins: ['https://shop.example/path'] }, /^allowedOrigins\.0:/],
        [{ name: 'x', allowedOrigins: ['ftp://shop.example'] }, /^allowedOrigins\.0:/],
        [{ name: 'x', settings: { color: 'red' } }, /^settings\.color:/],
        [{ name: 'x', systemPrompt: '' }, /^systemPrompt:/],
        [{ name: 'x', publicKey: 'pk_mine' }, /publicKey/],
      ];
      const before = await repo().count();
      for (const [body, message] of cases) {
        const res = await ownerA.post('/api/bots').send(body).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.message).toMatch(message);
      }
      expect(await repo().count()).toBe(before);
    });

    it('refuses agents', async () => {
      const before = await repo().count();
      const res = await agentA.post('/api/bots').send({ name: 'Agent bot' }).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      expect(await repo().count()).toBe(before);
    });

    it('puts PUBLIC_URL in the snippet when it is set', async () => {
      const behindProxy = await startTestApp({ database: h.database, simulatorUrl: h.simulatorUrl, env: { PUBLIC_URL: 'https://chat.example.com/' } });
      try {
        // With an https PUBLIC_URL the session cookie is Secure, which supertest keeps to itself over
        // http; a browser reaching the TLS proxy sends it, and so does this test.
        const login = await request(behindProxy.app.getHttpServer()).post('/api/auth/login').send({ email: a.owner.email, password: PASSWORD }).expect(200);
        const cookie = String(login.headers['set-cookie']).split(';')[0];
        const view = (await request(behindProxy.app.getHttpServer()).post('/api/bots').set('Cookie', cookie).send({ name: 'Proxied' }).expect(201)).body;
        expect(view.snippet).toBe(`<script src="https://chat.example.com/widget.js" data-bot="${view.publicKey}" async></script>`);
      } finally {
        await behindProxy.close();
      }
    });
  });

  describe('GET /api/bots and /api/bots/:id', () => {
    it('lists and reads only the own tenant’s bots, for owners and agents', async () => {
      const mine = await createBot({ name: 'Listed' });
      const theirs = (await ownerB.post('/api/bots').send({ name: 'Tenant B bot' }).expect(201)).body;

      const asOwner = (await ownerA.get('/api/bots').expect(200)).body.bots;
      const asAgent = (await agentA.get('/api/bots').expect(200)).body.bots;
      expect(asAgent).toEqual(asOwner);
      expect(asOwner.map((bot: { id: string }) => bot.id)).toContain(mine.id);
      expect(asOwner.map((bot: { id: string }) => bot.id)).not.toContain(theirs.id);
      expect((await ownerB.get('/api/bots').expect(200)).body.bots.map((bot: { id: string }) => bot.id)).toEqual([theirs.id]);

      expect((await agentA.get(`/api/bots/${mine.id}`).expect(200)).body).toEqual(mine);
      const hidden = await ownerB.get(`/api/bots/${mine.id}`).expect(404);
      expect(hidden.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      await agentA.get(`/api/bots/${theirs.id}`).expect(404);
      expect((await ownerA.get('/api/bots/not-a-uuid').expect(400)).body.message).toMatch(/^id:/);
    });
  });

  describe('PATCH /api/bots/:id', () => {
    it('changes name, switch, origins and merges partial settings', async () => {
      const bot = await createBot({ settings: { greeting: 'Hello' }, llm: { model: 'gpt-4o-mini' } });
      const res = await ownerA
        .patch(`/api/bots/${bot.id}`)
        .send({
          name: 'Renamed',
          enabled: false,
          allowedOrigins: ['https://a.example', 'https://A.example'],
          settings: { temperature: 0.2, suggestions: ['Opening hours?'], position: 'left' },
          llm: { model: null },
        })
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'Renamed',
        enabled: false,
        allowedOrigins: ['https://a.example'],
        settings: { greeting: 'Hello', temperature: 0.2, suggestions: ['Opening hours?'], position: 'left' },
        llm: { model: null },
      });
      expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThan(new Date(bot.updatedAt).getTime());
      const stored = await row(bot.id);
      expect(stored).toMatchObject({ name: 'Renamed', enabled: false, allowedOrigins: ['https://a.example'], llmModel: null });
      expect(stored.settings).toEqual({ greeting: 'Hello', temperature: 0.2, suggestions: ['Opening hours?'], position: 'left' });

      // Two owners editing different settings at once both land.
      await Promise.all([
        ownerA.patch(`/api/bots/${bot.id}`).send({ settings: { greeting: 'Hey' } }).expect(200),
        ownerA.patch(`/api/bots/${bot.id}`).send({ settings: { maxTokens: 1234 } }).expect(200),
      ]);
      expect((await row(bot.id)).settings).toMatchObject({ greeting: 'Hey', maxTokens: 1234, temperature: 0.2 });
    });

    it('names the bad field and changes nothing', async () => {
      const bot = await createBot();
      const cases: [object, RegExp][] = [
        [{ name: '' }, /^name:/],
        [{ enabled: 'yes' }, /^enabled:/],
        [{ allowedOrigins: ['shop.example'] }, /^allowedOrigins\.0:/],
        [{ settings: { color: '#12345' } }, /^settings\.color:/],
        [{ settings: { temperature: 2.5 } }, /^settings\.temperature:/],
        [{ settings: { maxTokens: 0 } }, /^settings\.maxTokens:/],
        [{ settings: { maxTokens: 16001 } }, /^settings\.maxTokens:/],
        [{ settings: { historyTokenBudget: 99 } }, /^settings\.historyTokenBudget:/],
        [{ settings: { maxMessageLength: 20001 } }, /^settings\.maxMessageLength:/],
        [{ settings: { suggestions: ['1', '2', '3', '4', '5', '6', '7'] } }, /^settings\.suggestions:/],
        [{ settings: { suggestions: ['x'.repeat(101)] } }, /^settings\.suggestions\.0:/],
        [{ settings: { greeting: 'x'.repeat(501) } }, /^settings\.greeting:/],
        [{ settings: { locale: 'fr' } }, /^settings\.locale:/],
        [{ settings: { deployment: 'gpt-4o' } }, /deployment/],
        [{ azure: { endpoint: 'https://my-resource.openai.azure.com' } }, /azure/],
        [{ llm: { model: '../evil' } }, /^llm\.model:/],
        [{ llm: { model: 'llama3.1:8b' } }, /^llm\.model: must be an Azure deployment name/],
        [{ llm: { provider: 'anthropic' } }, /^llm\.provider:/],
        [{ llm: { endpoint: 'https://my-resource.openai.azure.com' } }, /^llm\.provider:/],
        [{ llm: { provider: 'azure', endpoint: 'http://my-resource.openai.azure.com' } }, /^llm\.endpoint:/],
        [{ llm: { provider: 'openai', endpoint: 'not a url' } }, /^llm\.endpoint:/],
        [{ llm: { apiKey: '' } }, /^llm\.apiKey:/],
        [{ publicKey: 'pk_x' }, /publicKey/],
      ];
      for (const [body, message] of cases) {
        expect((await ownerA.patch(`/api/bots/${bot.id}`).send(body).expect(400)).body.message).toMatch(message);
      }
      expect(await row(bot.id)).toMatchObject({ name: bot.name, settings: {}, allowedOrigins: [], llmProvider: null, llmEndpoint: null, llmModel: null, llmApiKeyEncrypted: null });
    });

    it('refuses agents and hides other tenants’ bots', async () => {
      const bot = await createBot();
      const theirs = (await ownerB.post('/api/bots').send({ name: 'B bot' }).expect(201)).body;
      await agentA.patch(`/api/bots/${bot.id}`).send({ name: 'Agent edit' }).expect(403);
      await ownerB.patch(`/api/bots/${bot.id}`).send({ name: 'Hijacked', llm: { provider: 'openai', endpoint: 'https://evil.example', apiKey: 'k' } }).expect(404);
      await ownerA.patch(`/api/bots/${theirs.id}`).send({ enabled: false }).expect(404);
      expect(await row(bot.id)).toMatchObject({ name: bot.name, llmEndpoint: null, llmApiKeyEncrypted: null });
      expect(await row(theirs.id)).toMatchObject({ enabled: true });
    });

    it('keeps the model key encrypted, never returns it, and clears it with null', async () => {
      const bot = await createBot();
      const res = await ownerA
        .patch(`/api/bots/${bot.id}`)
        .send({ llm: { provider: 'azure', endpoint: 'https://my-resource.openai.azure.com/', apiKey: BOT_KEY } })
        .expect(200);
      expect(res.body.llm).toEqual({ provider: 'azure', endpoint: 'https://my-resource.openai.azure.com', model: null, apiKeySet: true });
      const stored = await row(bot.id);
      expect(stored.llmApiKeyEncrypted).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(stored.llmApiKeyEncrypted).not.toContain(BOT_KEY);
      expect(Buffer.from(stored.llmApiKeyEncrypted!.split('.')[3], 'base64url').toString('latin1')).not.toContain(BOT_KEY);

      // Changing the endpoint or the model alone keeps the key.
      await ownerA.patch(`/api/bots/${bot.id}`).send({ llm: { endpoint: 'http://127.0.0.1:9', model: 'gpt-4o-mini' } }).expect(200);
      expect((await row(bot.id)).llmApiKeyEncrypted).toBe(stored.llmApiKeyEncrypted);

      const cleared = await ownerA.patch(`/api/bots/${bot.id}`).send({ llm: { apiKey: null, endpoint: null } }).expect(200);
      expect(cleared.body.llm).toEqual({ provider: 'azure', endpoint: null, model: 'gpt-4o-mini', apiKeySet: false });
      expect(await row(bot.id)).toMatchObject({ llmEndpoint: null, llmApiKeyEncrypted: null });

      const reset = await ownerA.patch(`/api/bots/${bot.id}`).send({ llm: null }).expect(200);
      expect(reset.body.llm).toEqual({ provider: null, endpoint: null, model: null, apiKeySet: false });
    });
  });

  describe('a bot’s own Azure resource', () => {
    it('is used for the bot’s visitors when provider, endpoint and key are set', async () => {
      const bot = await createBot({ allowedOrigins: [SITE], settings: { locale: 'en' } });
      const turn = async (clientId: string) => {
        const { socket } = await connectVisitor(h.app.url, { bot: bot.publicKey });
        try {
          const reply = collectReply(socket);
          const ack = await emitAck(socket, 'message:send', { clientId, text: 'Do you have red shoes?' });
          expect(ack).toMatchObject({ ok: true });
          return (await reply).end;
        } finally {
          socket.disconnect();
        }
      };

      // An endpoint without a key: the installation's resource answers (its key never goes elsewhere).
      await ownerA.patch(`/api/bots/${bot.id}`).send({ llm: { provider: 'azure', endpoint: own.url } }).expect(200);
      h.simulator.clearRequests();
      own.simulator.clearRequests();
      expect((await turn('own-1')).status).toBe('complete');
      expect(own.simulator.requests).toHaveLength(0);
      expect(h.simulator.requests).toHaveLength(1);

      await ownerA.patch(`/api/bots/${bot.id}`).send({ llm: { apiKey: BOT_KEY } }).expect(200);
      h.simulator.clearRequests();
      expect((await turn('own-2')).status).toBe('complete');
      expect(h.simulator.requests).toHaveLength(0);
      expect(own.simulator.requests).toHaveLength(1);
      expect(own.simulator.requests[0].headers['api-key']).toBe(BOT_KEY);
      expect(own.simulator.requests[0].headers['api-key']).not.toBe(SIM_KEY);
    });
  });

  describe('roles', () => {
    it('GET lists versions newest first with author and the active one, to owners and agents only of the tenant', async () => {
      const bot = await createBot({ systemPrompt: 'Version one.' });
      await ownerA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: 'Version two.', note: 'tighter' }).expect(201);
      const { roles } = (await agentA.get(`/api/bots/${bot.id}/roles`).expect(200)).body;
      expect(roles).toEqual([
        { version: 2, systemPrompt: 'Version two.', note: 'tighter', author: { id: a.owner.id, email: a.owner.email }, createdAt: expect.any(String), active: true },
        { version: 1, systemPrompt: 'Version one.', note: null, author: { id: a.owner.id, email: a.owner.email }, createdAt: expect.any(String), active: false },
      ]);
      await ownerB.get(`/api/bots/${bot.id}/roles`).expect(404);
      expect((await ownerA.get('/api/bots/nope/roles').expect(400)).body.message).toMatch(/^id:/);
    });

    it('POST publishes the next version and activates it; concurrent publishes get distinct versions', async () => {
      const bot = await createBot();
      const res = await ownerA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: '  You are polite.  ' }).expect(201);
      expect(res.body).toMatchObject({ version: 1, systemPrompt: 'You are polite.', note: null, author: { id: a.owner.id, email: a.owner.email }, active: true });
      expect((await row(bot.id)).activeRoleVersion).toBe(1);

      const many = await Promise.all([2, 3, 4, 5, 6].map((n) => ownerA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: `Draft ${n}` })));
      expect(many.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(many.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5, 6]);
      const stored = await h.app.db.getRepository(BotRole).find({ where: { botId: bot.id }, order: { version: 'ASC' } });
      expect(stored.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(stored.every((r) => r.authorId === a.owner.id)).toBe(true);
      expect((await row(bot.id)).activeRoleVersion).toBe(6);
    });

    it('POST names the bad field, refuses agents and other tenants, and stores nothing then', async () => {
      const bot = await createBot({ systemPrompt: 'Only version.' });
      expect((await ownerA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: ' ' }).expect(400)).body.message).toMatch(/^systemPrompt:/);
      expect((await ownerA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: 'x'.repeat(20001) }).expect(400)).body.message).toMatch(/^systemPrompt:/);
      expect((await ownerA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: 'ok', note: 'x'.repeat(501) }).expect(400)).body.message).toMatch(/^note:/);
      await agentA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: 'Agent role' }).expect(403);
      await ownerB.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: 'Hijack' }).expect(404);
      expect(await h.app.db.getRepository(BotRole).countBy({ botId: bot.id })).toBe(1);
      expect((await row(bot.id)).activeRoleVersion).toBe(1);
    });

    it('activate rolls back to an older version; unknown versions, agents and other tenants are refused', async () => {
      const bot = await createBot({ systemPrompt: 'One.' });
      await ownerA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: 'Two.' }).expect(201);
      const res = await ownerA.post(`/api/bots/${bot.id}/roles/1/activate`).expect(200);
      expect(res.body).toMatchObject({ version: 1, systemPrompt: 'One.', active: true });
      expect((await row(bot.id)).activeRoleVersion).toBe(1);
      const { roles } = (await ownerA.get(`/api/bots/${bot.id}/roles`).expect(200)).body;
      expect(roles.map((r: { version: number; active: boolean }) => [r.version, r.active])).toEqual([[2, false], [1, true]]);

      await ownerA.post(`/api/bots/${bot.id}/roles/3/activate`).expect(404);
      expect((await ownerA.post(`/api/bots/${bot.id}/roles/latest/activate`).expect(400)).body.message).toMatch(/^version:/);
      await agentA.post(`/api/bots/${bot.id}/roles/2/activate`).expect(403);
      await ownerB.post(`/api/bots/${bot.id}/roles/2/activate`).expect(404);
      expect((await row(bot.id)).activeRoleVersion).toBe(1);
    });

    it('a rolled-back role answers visitors, and the answer records its version', async () => {
      const bot = await createBot({ allowedOrigins: [SITE], systemPrompt: 'You are version one.' });
      await ownerA.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: 'You are version two.' }).expect(201);
      await ownerA.post(`/api/bots/${bot.id}/roles/1/activate`).expect(200);

      const { socket, session } = await connectVisitor(h.app.url, { bot: bot.publicKey });
      try {
        h.simulator.clearRequests();
        const reply = collectReply(socket);
        const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'rb-1', text: 'Who are you?' });
        if (!ack.ok) throw new Error('send failed');
        expect((await reply).end.status).toBe('complete');
        const answer = await h.app.db.getRepository(Message).findOneByOrFail({ id: ack.replyId });
        expect(answer).toMatchObject({ conversationId: session.conversation.id, roleVersion: 1, status: 'complete' });
        const upstream = h.simulator.requests[0].body as { messages: { role: string; content: string }[] };
        expect(upstream.messages[0]).toEqual({ role: 'system', content: 'You are version one.' });
      } finally {
        socket.disconnect();
      }
    });
  });

  describe('POST /api/bots/:id/preview', () => {
    let cookieA: string;
    let cookieAgent: string;
    let cookieB: string;

    const login = async (email: string) => {
      const res = await fetch(`${h.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      return res.headers.getSetCookie()[0].split(';')[0];
    };
    const preview = (cookie: string, botId: string, body: unknown, signal?: AbortSignal) =>
      fetch(`${h.app.url}/api/bots/${botId}/preview`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
    const events = (text: string) =>
      text
        .split('\n\n')
        .filter((block) => block.startsWith('data: '))
        .map((block) => JSON.parse(block.slice(6)));
    const counts = async () => [await h.app.db.getRepository(Message).count(), await h.app.db.getRepository(Conversation).count()];

    beforeAll(async () => {
      cookieA = await login(a.owner.email);
      cookieAgent = await login(a.agent.email);
      cookieB = await login(b.owner.email);
    });

    it('streams a reply to a draft role with the bot’s settings, and stores nothing', async () => {
      const bot = await createBot({ systemPrompt: 'Active role.', settings: { temperature: 0.1, maxTokens: 321 } });
      const before = await counts();
      h.simulator.clearRequests();
      const messages = [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Hi, how can I help?' },
        { role: 'user', content: 'Tell me about shoes' },
      ];
      const res = await preview(cookieA, bot.id, { systemPrompt: 'Draft role.', messages });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const all = events(await res.text());
      const deltas = all.slice(0, -1);
      expect(deltas.length).toBeGreaterThan(3);
      expect(deltas.every((e) => typeof e.delta === 'string')).toBe(true);
      const end = all.at(-1).end;
      expect(end).toEqual({ status: 'complete', text: deltas.map((e) => e.delta).join('') });
      expect(end.text).toContain('simulator');

      const upstream = h.simulator.requests[0].body as { messages: unknown[]; temperature: number; max_tokens: number };
      expect(upstream.messages).toEqual([{ role: 'system', content: 'Draft role.' }, ...messages]);
      expect(upstream).toMatchObject({ temperature: 0.1, max_tokens: 321 });
      expect(await counts()).toEqual(before);

      // Without a draft, the active role.
      h.simulator.clearRequests();
      const active = await preview(cookieA, bot.id, { messages: [{ role: 'user', content: 'Hi' }] });
      expect(events(await active.text()).at(-1).end.status).toBe('complete');
      expect((h.simulator.requests[0].body as { messages: unknown[] }).messages[0]).toEqual({ role: 'system', content: 'Active role.' });
      expect(await counts()).toEqual(before);
    });

    it('names the bad field, refuses agents and other tenants', async () => {
      const bot = await createBot();
      const bad = async (body: unknown, message: RegExp) => {
        const res = await preview(cookieA, bot.id, body);
        expect(res.status).toBe(400);
        expect((await res.json()).message).toMatch(message);
      };
      await bad({ messages: [] }, /^messages:/);
      await bad({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] }, /^messages:/);
      await bad({ messages: [{ role: 'system', content: 'a' }] }, /^messages\.0\.role:/);
      await bad({ messages: [{ role: 'user', content: 'a' }], systemPrompt: '' }, /^systemPrompt:/);
      expect((await preview(cookieAgent, bot.id, { messages: [{ role: 'user', content: 'a' }] })).status).toBe(403);
      expect((await preview(cookieB, bot.id, { messages: [{ role: 'user', content: 'a' }] })).status).toBe(404);
    });

    it('aborts the upstream stream when the client goes away', async () => {
      const bot = await createBot();
      h.simulator.configure({ tokensPerSecond: 20 });
      try {
        const ended = new Promise<StreamEnd>((resolve) => h.simulator.once('stream-end', resolve));
        const controller = new AbortController();
        const res = await preview(cookieA, bot.id, { messages: [{ role: 'user', content: 'Tell me a long story' }] }, controller.signal);
        const reader = res.body!.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        expect(first).toMatch(/^data: \{"delta":/);
        controller.abort();
        const end = await ended;
        expect(end.outcome).toBe('client_closed');
      } finally {
        h.simulator.configure({ tokensPerSecond: 500 });
      }
    });
  });

  it('never returns the model key in any response', () => {
    expect(bodies.length).toBeGreaterThan(20);
    expect(bodies.filter((text) => text.includes(BOT_KEY))).toEqual([]);
  });
});
