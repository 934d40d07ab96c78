import { Bot } from '../backend/src/bots/bot.entity';
import { Message } from '../backend/src/conversations/message.entity';
import { EntraTokenSource } from '../backend/src/llm/entra-token';
import { LlmClient } from '../backend/src/llm/llm.client';
import { AzureOpenAISimulator } from '../backend/src/llm/simulator';
import { createTenantWithStaff, signIn } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/database';
import { createBot, SITE } from './support/fixtures';
import { SIM_DEPLOYMENT, SIM_KEY, startTestApp, type TestApp } from './support/test-app';
import { collectReply, connectVisitor, emitAck } from './support/visitor';

/**
 * The model providers (PROTOCOL §5) against the simulator on loopback: Azure with a key or with
 * Microsoft Entra ID, OpenAI-compatible servers, a bot's own account, usage counted when the
 * stream carries none, and embeddings through both providers.
 */
describe('model providers', () => {
  let database: TestDatabase;
  let simulator: AzureOpenAISimulator;
  let url: string;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    simulator = new AzureOpenAISimulator({ apiKey: SIM_KEY, ttftMs: 5, tokensPerSecond: 0 });
    url = await simulator.start();
  });

  beforeEach(() => {
    simulator.configure({ apiKey: SIM_KEY, streamUsage: true });
    simulator.clearRequests();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await simulator?.stop();
    await database?.drop();
  });

  const start = async (env: Record<string, string>, azure = false) => {
    const app = await startTestApp({ database, demo: !azure, simulatorUrl: url, env });
    apps.push(app);
    return app;
  };

  /** One visitor turn with a bot; the reply's end and its stored row. */
  const turn = async (app: TestApp, bot: Bot) => {
    const { socket } = await connectVisitor(app.url, { bot: bot.publicKey });
    try {
      const reply = collectReply(socket);
      const ack = await emitAck<{ replyId: string }>(socket, 'message:send', { clientId: `c-${Math.random()}`, text: 'How much water should I drink?' });
      if (!ack.ok) throw new Error(`send failed: ${JSON.stringify(ack)}`);
      const { end } = await reply;
      return { end, row: await app.db.getRepository(Message).findOneByOrFail({ id: ack.replyId }) };
    } finally {
      socket.disconnect();
    }
  };
  const chats = () => simulator.requests.filter((r) => r.path.endsWith('/chat/completions'));

  it('Azure with a key: the deployment path and the api-key header', async () => {
    const app = await start({}, true);
    const { bot } = await createBot(app.db);
    const { end, row } = await turn(app, bot);
    expect(end.status).toBe('complete');
    const [request] = chats();
    expect(request.path).toBe(`/openai/deployments/${SIM_DEPLOYMENT}/chat/completions`);
    expect(request.headers['api-key']).toBe(SIM_KEY);
    expect(row.promptTokens).toBeGreaterThan(0);
  });

  it('Azure with Microsoft Entra ID: a bearer token from the token provider, no api-key', async () => {
    // Without `apiKey` the simulator takes any bearer on Azure routes.
    simulator.configure({ apiKey: undefined });
    const app = await start({ AZURE_OPENAI_ENDPOINT: url, AZURE_OPENAI_DEPLOYMENT: SIM_DEPLOYMENT });
    const tokens: string[] = [];
    app.app.get(EntraTokenSource).use(async () => {
      tokens.push('fake-entra-token');
      return 'fake-entra-token';
    });
    const { bot } = await createBot(app.db);
    expect((await turn(app, bot)).end.status).toBe('complete');
    const [request] = chats();
    expect(request.path).toBe(`/openai/deployments/${SIM_DEPLOYMENT}/chat/completions`);
    expect(request.headers.authorization).toBe('Bearer fake-entra-token');
    expect(request.headers['api-key']).toBeUndefined();
    expect(tokens.length).toBeGreaterThan(0);
  });

  it.each([
    ['OpenAI (LLM_PROVIDER=openai)', (u: string) => `${u}/v1`],
    ['an OpenAI-compatible base URL (another host name, trailing slash)', (u: string) => `${u.replace('127.0.0.1', 'localhost')}/v1/`],
  ])('%s: /v1/chat/completions with the bearer key and OPENAI_MODEL', async (_name, baseUrl) => {
    const app = await start({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: baseUrl(url), OPENAI_API_KEY: SIM_KEY, OPENAI_MODEL: 'qwen-plus' });
    const { bot } = await createBot(app.db);
    const { end, row } = await turn(app, bot);
    expect(end.status).toBe('complete');
    const [request] = chats();
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${SIM_KEY}`);
    expect(request.headers['api-key']).toBeUndefined();
    expect(request.body).toMatchObject({ model: 'qwen-plus', stream: true, stream_options: { include_usage: true } });
    expect(row.promptTokens).toBeGreaterThan(0);

    // A bot naming only a model keeps the installation's provider and account.
    await app.db.getRepository(Bot).update(bot.id, { llmModel: 'deepseek-chat' });
    simulator.clearRequests();
    await turn(app, bot);
    expect(chats()[0].body).toMatchObject({ model: 'deepseek-chat' });
    expect(chats()[0].headers.authorization).toBe(`Bearer ${SIM_KEY}`);
  });

  it('counts the usage with the tokenizer when the stream carries none', async () => {
    simulator.configure({ streamUsage: false });
    const app = await start({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: SIM_KEY });
    const { bot } = await createBot(app.db);
    const { end, row } = await turn(app, bot);
    expect(end.status).toBe('complete');
    expect(JSON.stringify(chats()[0].body)).toContain('include_usage');
    expect(row.promptTokens).toBeGreaterThan(10);
    expect(row.completionTokens).toBeGreaterThan(0);
  });

  describe("a bot's own account", () => {
    const BOT_KEY = 'bot-own-openai-key-123456';

    it('is used with its own key (never the installation’s) when private endpoints are allowed', async () => {
      const app = await start({ ALLOW_PRIVATE_ENDPOINTS: 'true' }, true);
      const staff = await createTenantWithStaff(app.db);
      const owner = await signIn(app, staff.owner.email);
      const created = (await owner.post('/api/bots').send({ name: 'Own account', allowedOrigins: [SITE], systemPrompt: 'Be brief.' }).expect(201)).body;
      simulator.configure({ apiKey: BOT_KEY });
      const res = await owner
        .patch(`/api/bots/${created.id}`)
        .send({ llm: { provider: 'openai', endpoint: `${url}/v1`, model: 'llama3.1:8b', apiKey: BOT_KEY } })
        .expect(200);
      expect(res.body.llm).toEqual({ provider: 'openai', endpoint: `${url}/v1`, model: 'llama3.1:8b', apiKeySet: true });
      expect(JSON.stringify(res.body)).not.toContain(BOT_KEY);

      const bot = await app.db.getRepository(Bot).findOneByOrFail({ id: created.id });
      expect((await turn(app, bot)).end.status).toBe('complete');
      const [request] = chats();
      expect(request.path).toBe('/v1/chat/completions');
      expect(request.headers.authorization).toBe(`Bearer ${BOT_KEY}`);
      expect(request.headers['api-key']).toBeUndefined();
      expect(request.body).toMatchObject({ model: 'llama3.1:8b' });
    });

    it('is refused with 400 naming llm.endpoint without ALLOW_PRIVATE_ENDPOINTS', async () => {
      const app = await start({}, true);
      const staff = await createTenantWithStaff(app.db);
      const owner = await signIn(app, staff.owner.email);
      const created = (await owner.post('/api/bots').send({ name: 'Loopback' }).expect(201)).body;
      for (const endpoint of [`${url}/v1`, `${url.replace('http:', 'https:')}/v1`]) {
        const res = await owner.patch(`/api/bots/${created.id}`).send({ llm: { provider: 'openai', endpoint, apiKey: BOT_KEY } }).expect(400);
        expect(res.body.message).toMatch(/^llm\.endpoint: /);
      }
      expect(await app.db.getRepository(Bot).findOneByOrFail({ id: created.id })).toMatchObject({ llmProvider: null, llmEndpoint: null, llmApiKeyEncrypted: null });
    });
  });

  describe('embeddings', () => {
    const texts = ['How much water should I drink?', '每天喝多少水？'];

    it('through OpenAI-compatible /v1/embeddings with OPENAI_EMBEDDING_MODEL', async () => {
      const app = await start({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: SIM_KEY, OPENAI_EMBEDDING_MODEL: 'bge-m3' });
      const result = await app.app.get(LlmClient).embed({ texts }, new AbortController().signal);
      expect(result.vectors).toHaveLength(2);
      expect(result.vectors[0].length).toBeGreaterThan(0);
      expect(result).toMatchObject({ model: 'bge-m3', promptTokens: expect.any(Number) });
      const [request] = simulator.requests;
      expect(request.path).toBe('/v1/embeddings');
      expect(request.headers.authorization).toBe(`Bearer ${SIM_KEY}`);
    });

    it('through Azure /openai/deployments/{d}/embeddings with AZURE_OPENAI_EMBEDDING_DEPLOYMENT', async () => {
      const app = await start({ AZURE_OPENAI_EMBEDDING_DEPLOYMENT: 'embed-small' }, true);
      const result = await app.app.get(LlmClient).embed({ texts }, new AbortController().signal);
      expect(result.vectors).toHaveLength(2);
      expect(result.model).toBe('embed-small');
      const [request] = simulator.requests;
      expect(request.path).toBe('/openai/deployments/embed-small/embeddings');
      expect(request.headers['api-key']).toBe(SIM_KEY);
    });
  });
});
