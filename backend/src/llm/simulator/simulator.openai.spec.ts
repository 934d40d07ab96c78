import OpenAI, { AuthenticationError, BadRequestError, NotFoundError, RateLimitError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { demoReply } from './simulator.reply';
import { AzureOpenAISimulator } from './simulator.server';
import { countTokens, splitIntoPieces } from './simulator.tokens';

const RESET = { ttftMs: 1, tokensPerSecond: 0, apiKey: undefined, deployments: undefined, demo: undefined, reply: undefined, streamUsage: true };
const messages: ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are a friendly wellness advisor.' },
  { role: 'user', content: 'How much water should I drink per day?' },
];
const reply = demoReply({ deployment: 'gpt-4o-mini', messages: messages.map((m) => ({ role: m.role, content: String(m.content) })) });

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
  sim.clearFaults();
});

const client = (apiKey = 'sk-test') => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });

/** The raw SSE events of a streamed request to /v1/chat/completions. */
async function rawStream(body: Record<string, unknown>) {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream: true, ...body }),
  });
  const events = (await res.text()).split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
  const done = events.at(-1) === '[DONE]';
  return { res, done, chunks: events.slice(0, done ? -1 : undefined).map((e) => JSON.parse(e) as Record<string, unknown>) };
}

describe('POST /v1/chat/completions with the OpenAI client', () => {
  it('streams one token per chunk in OpenAI\'s format, with usage last', async () => {
    const stream = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const content = chunks.map((c) => c.choices[0]?.delta.content).filter(Boolean);
    expect(content).toEqual(splitIntoPieces(reply));
    expect(chunks[0].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean)).toEqual(['stop']);
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage).toMatchObject({ completion_tokens: countTokens(reply) });
    // OpenAI reports the model asked for.
    expect(chunks[0].model).toBe('gpt-4o-mini');
    expect(sim.requests[0]).toMatchObject({ path: '/v1/chat/completions', body: { model: 'gpt-4o-mini' } });
  });

  it('sends exactly OpenAI\'s chunk fields: no Azure filter results, no extras, usage null until the usage chunk', async () => {
    const { res, done, chunks } = await rawStream({ stream_options: { include_usage: true } });
    expect(done).toBe(true);
    expect(res.headers.get('apim-request-id')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    for (const chunk of chunks) {
      expect(Object.keys(chunk)).toEqual(['id', 'object', 'created', 'model', 'service_tier', 'system_fingerprint', 'choices', 'usage']);
      for (const choice of chunk.choices as Record<string, unknown>[]) expect(Object.keys(choice)).toEqual(['index', 'delta', 'logprobs', 'finish_reason']);
    }
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number) } });

    const plain = await rawStream({});
    for (const chunk of plain.chunks) expect(chunk).not.toHaveProperty('usage');
  });

  it('chunks by openaiTokensPerChunk', async () => {
    sim.configure({ openaiTokensPerChunk: 4, reply: () => 'one two three four five six' });
    const { chunks } = await rawStream({});
    const content = chunks.map((c) => (c.choices as { delta: { content?: string } }[])[0]?.delta.content).filter(Boolean);
    expect(content).toEqual(['one two three four', ' five six']);
    sim.configure({ openaiTokensPerChunk: 1 });
  });

  it('answers non-streaming requests with a chat.completion in OpenAI\'s shape, honouring max_tokens', async () => {
    const data = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 4 });
    expect(Object.keys(data)).toEqual(['id', 'object', 'created', 'model', 'choices', 'usage', 'service_tier', 'system_fingerprint']);
    expect(data.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: splitIntoPieces(reply).slice(0, 4).join(''), refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: 'length',
    });
    expect(data.usage?.completion_tokens).toBe(4);
  });

  it('401s a wrong or missing bearer with OpenAI\'s invalid_api_key body when apiKey is set', async () => {
    sim.configure({ apiKey: 'sk-right' });
    const error = await client('sk-wrong-key-123456').chat.completions.create({ model: 'gpt-4o-mini', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error', param: null });
    expect((error as AuthenticationError).message).not.toContain('sk-wrong-key-123456');

    const missing = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o-mini', messages }) });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    // Azure's api-key header is no bearer: refused too.
    const azureKey = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'api-key': 'sk-right' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages }) });
    expect(azureKey.status).toBe(401);
    await expect(client('sk-right').chat.completions.create({ model: 'gpt-4o-mini', messages })).resolves.toBeDefined();
  });

  it('404s an unknown model with model_not_found when models are listed, except in demo mode', async () => {
    sim.configure({ deployments: ['gpt-4o-mini'] });
    const error = await client().chat.completions.create({ model: 'gpt-5-imaginary', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'model_not_found', type: 'invalid_request_error' });
    expect((error as NotFoundError).message).toContain('gpt-5-imaginary');
    await expect(client().chat.completions.create({ model: 'gpt-4o-mini', messages })).resolves.toBeDefined();
    sim.configure({ demo: true });
    await expect(client().chat.completions.create({ model: 'gpt-5-imaginary', messages })).resolves.toBeDefined();
  });

  it('400s invalid requests as on the Azure route', async () => {
    const error = await client().chat.completions.create({ model: 'gpt-4o-mini', messages, temperature: 2.1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'temperature', code: 'decimal_above_max_value' });
    const noModel = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: JSON.stringify({ messages }) });
    expect(noModel.status).toBe(400);
  });

  it('answers faults in OpenAI\'s shapes', async () => {
    sim.injectFault({ kind: 'rate_limit', retryAfterMs: 1500 });
    const limited = await client().chat.completions.create({ model: 'gpt-4o-mini', messages }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toMatchObject({ code: 'rate_limit_exceeded', type: 'tokens' });
    expect((limited as RateLimitError).headers.get('retry-after-ms')).toBe('1500');

    sim.injectFault({ kind: 'error_in_stream', afterPieces: 2 });
    const { chunks, done } = await rawStream({});
    expect(done).toBe(false);
    expect(chunks.at(-1)).toEqual({ error: expect.objectContaining({ type: 'server_error', code: null }) });
  });

  it('404s unknown /v1 paths in OpenAI\'s shape', async () => {
    const res = await fetch(`${url}/v1/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/completions)', type: 'invalid_request_error', param: null, code: null } });
  });
});
