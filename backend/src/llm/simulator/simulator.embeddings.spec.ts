import OpenAI, { AzureOpenAI, BadRequestError, NotFoundError } from 'openai';
import { cosineSimilarity, simulatedEmbedding } from './simulator.embedding';
import { countEmbeddingTokens } from './simulator.embeddings';
import { AzureOpenAISimulator } from './simulator.server';

const RESET = { apiKey: 'key', deployments: undefined, demo: undefined, embeddingDimensions: 256 };
let sim: AzureOpenAISimulator;
let url: string;

beforeAll(async () => {
  sim = new AzureOpenAISimulator(RESET);
  url = await sim.start();
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.configure(RESET);
  sim.clearRequests();
});

const openai = () => new OpenAI({ baseURL: `${url}/v1`, apiKey: 'key', maxRetries: 0 });
const azure = () => new AzureOpenAI({ endpoint: url, apiKey: 'key', apiVersion: '2024-10-21', deployment: 'embed-small', maxRetries: 0 });

const ENGLISH = ['How much water should I drink each day?', 'Drinking enough water every day keeps you healthy.', 'The stock market fell sharply on Tuesday.'];
const CHINESE = ['每天应该喝多少水？', '每天喝水多少比较合适', '股票市场今天大幅下跌'];

describe.each([
  ['OpenAI /v1/embeddings', openai, 'text-embedding-3-small'],
  ['Azure /openai/deployments/{d}/embeddings', azure, 'text-embedding-3-small'],
])('%s with the openai package', (_, client, model) => {
  it.each([
    ['English', ENGLISH],
    ['Chinese', CHINESE],
  ])('scores similar %s texts higher than unrelated ones (default base64 decoding)', async (_lang, texts) => {
    const { data, usage, object } = await client().embeddings.create({ model: 'text-embedding-3-small', input: texts });
    expect(object).toBe('list');
    expect(data.map((d) => [d.object, d.index])).toEqual([['embedding', 0], ['embedding', 1], ['embedding', 2]]);
    const [query, near, far] = data.map((d) => d.embedding);
    expect(query).toHaveLength(256);
    expect(cosineSimilarity(query, near)).toBeGreaterThan(cosineSimilarity(query, far));
    // The client asked for base64 and decoded it: the same numbers as the pure function.
    expect(query).toEqual(simulatedEmbedding(texts[0], 256));
    expect(sim.requests.at(-1)!.body).toMatchObject({ encoding_format: 'base64' });
    const tokens = texts.reduce((n, t) => n + countEmbeddingTokens(t), 0);
    expect(usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  it('answers float on request, and honours dimensions', async () => {
    const response = await client().embeddings.create({ model: 'text-embedding-3-small', input: 'water', encoding_format: 'float', dimensions: 32 });
    expect(response.data[0].embedding).toEqual(simulatedEmbedding('water', 32));
    expect(response.model).toBe(model);
  });

  it('400s token arrays, empty input and bad dimensions, naming the parameter', async () => {
    for (const [body, param] of [
      [{ input: [1, 2, 3] }, 'input'],
      [{ input: [[1, 2], [3]] }, 'input'],
      [{ input: '' }, 'input'],
      [{ input: 'x', dimensions: 0 }, 'dimensions'],
      [{ input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    ] as const) {
      const error = await client()
        .embeddings.create({ model: 'text-embedding-3-small', ...(body as { input: string }) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).param).toBe(param);
    }
  });
});

describe('embeddings routes', () => {
  it('reports the requested model on OpenAI, and embeddingModel on Azure', async () => {
    expect((await openai().embeddings.create({ model: 'text-embedding-3-large', input: 'x' })).model).toBe('text-embedding-3-large');
    sim.configure({ embeddingModel: 'text-embedding-ada-002', embeddingDimensions: 1536 });
    const response = await azure().embeddings.create({ model: 'ignored', input: 'x' });
    expect(response.model).toBe('text-embedding-ada-002');
    expect(response.data[0].embedding).toHaveLength(1536);
    expect(sim.requests.at(-1)).toMatchObject({ path: '/openai/deployments/embed-small/embeddings', query: { 'api-version': '2024-10-21' } });
  });

  it('checks keys, deployments and api-versions as the chat routes do', async () => {
    sim.configure({ deployments: ['other'] });
    const notFound = await azure().embeddings.create({ model: 'x', input: 'x' }).catch((e: unknown) => e);
    expect(notFound).toMatchObject({ status: 404, code: 'DeploymentNotFound' });
    const noModel = await openai().embeddings.create({ model: 'text-embedding-3-small', input: 'x' }).catch((e: unknown) => e);
    expect(noModel).toBeInstanceOf(NotFoundError);
    expect(noModel).toMatchObject({ code: 'model_not_found' });
    sim.configure({ deployments: undefined });
    const wrongKey = await new OpenAI({ baseURL: `${url}/v1`, apiKey: 'nope', maxRetries: 0 }).embeddings.create({ model: 'm', input: 'x' }).catch((e: unknown) => e);
    expect(wrongKey).toMatchObject({ status: 401, code: 'invalid_api_key' });
    const badVersion = await fetch(`${url}/openai/deployments/embed-small/embeddings?api-version=2099-01-01`, {
      method: 'POST',
      headers: { 'api-key': 'key', 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'x' }),
    });
    expect(badVersion.status).toBe(404);
  });
});

describe('embedding faults', () => {
  afterEach(() => sim.clearFaults());

  it.each([
    ['OpenAI', openai],
    ['Azure', azure],
  ])('fails the next %s embeddings request as told, then answers again; chat requests do not take them', async (_, client) => {
    sim.configure({ ttftMs: 0, tokensPerSecond: 0 });
    sim.injectEmbeddingFault({ kind: 'rate_limit', retryAfterMs: 1500 });
    const refused = await client()
      .embeddings.create({ model: 'text-embedding-3-small', input: 'water' })
      .then(
        () => undefined,
        (e: { status?: number; headers?: Headers }) => e,
      );
    expect(refused?.status).toBe(429);
    expect(refused?.headers?.get('retry-after-ms')).toBe('1500');
    await expect(client().embeddings.create({ model: 'text-embedding-3-small', input: 'water' })).resolves.toMatchObject({ object: 'list' });

    sim.injectEmbeddingFault({ kind: 'server_error', status: 503 });
    const chat = await client().chat.completions.create({ model: 'embed-small', messages: [{ role: 'user', content: 'hi' }] }).catch((e: { status?: number }) => e);
    expect((chat as { status?: number }).status).toBeUndefined();
    await expect(client().embeddings.create({ model: 'text-embedding-3-small', input: 'water' })).rejects.toMatchObject({ status: 503 });
  });
});
