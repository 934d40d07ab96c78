import { once } from 'node:events';
import { AuthenticationError, AzureOpenAI, BadRequestError, NotFoundError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { DEFAULT_SIMULATOR_OPTIONS } from './simulator.options';
import { demoReply, splitIntoPieces } from './simulator.reply';
import { AzureOpenAISimulator, type StreamEnd } from './simulator.server';
import { countStamps, parseStamp, preciseNow } from './simulator.stamp';
import { countPromptTokens, countTokens, splitIntoChunks } from './simulator.tokens';

const FAST = {
  ttftMs: 5,
  tokensPerSecond: 0,
  apiKey: undefined,
  deployments: undefined,
  demo: undefined,
  reply: undefined,
  stampChunks: undefined,
  streamUsage: true,
  azureTokensPerChunk: DEFAULT_SIMULATOR_OPTIONS.azureTokensPerChunk,
};
const SYSTEM = 'You are a friendly wellness advisor. Keep answers short.';
const english: ChatCompletionMessageParam[] = [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: 'How much water should I drink per day?' },
];

type AzureChunk = ChatCompletionChunk & { prompt_filter_results?: unknown[] };

let sim: AzureOpenAISimulator;
let url: string;

beforeAll(async () => {
  sim = new AzureOpenAISimulator(FAST);
  url = await sim.start();
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.configure(FAST);
  sim.clearRequests();
  sim.clearFaults();
});

const client = (apiKey = 'k') =>
  new AzureOpenAI({ endpoint: url, apiKey, apiVersion: '2024-10-21', deployment: 'gpt-4o', maxRetries: 0 });

async function streamChat(messages: ChatCompletionMessageParam[], extra: { max_tokens?: number; stop?: string | string[]; stream_options?: { include_usage: boolean } } = {}) {
  const stream = await client().chat.completions.create({
    model: 'gpt-4o',
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...extra,
  });
  const chunks: AzureChunk[] = [];
  /** When each content chunk reached the client (Date.now()). */
  const arrivals: number[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    if (chunk.choices[0]?.delta.content) arrivals.push(Date.now());
  }
  const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
  const finish = chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean);
  return { chunks, arrivals, text, finish, usage: chunks.at(-1)?.usage };
}

/** Raw POST to the Azure chat route, for what the client would refuse to send. */
const post = (body: unknown, { apiVersion = '2024-10-21', deployment = 'gpt-4o', headers = { 'api-key': 'k' } as Record<string, string> } = {}) =>
  fetch(`${url}/openai/deployments/${deployment}/chat/completions?api-version=${apiVersion}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const expectedReply = (messages: ChatCompletionMessageParam[]) =>
  demoReply({ deployment: 'gpt-4o', messages: messages.map((m) => ({ role: m.role, content: String(m.content) })) });

describe('AzureOpenAISimulator with the AzureOpenAI client', () => {
  it('streams the demo reply in Azure chunk order with usage', async () => {
    const { chunks, text, finish, usage } = await streamChat(english);
    const reply = expectedReply(english);
    expect(text).toBe(reply);

    expect(chunks[0].choices).toEqual([]);
    expect(chunks[0].prompt_filter_results).toEqual([
      expect.objectContaining({ prompt_index: 0, content_filter_results: expect.objectContaining({ jailbreak: { filtered: false, detected: false } }) }),
    ]);
    expect(chunks[1].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    expect(chunks[1].id).toMatch(/^chatcmpl-/);
    expect(chunks[1].object).toBe('chat.completion.chunk');

    // Azure's content filter releases a few tokens per chunk.
    const content = chunks.filter((c) => c.choices[0]?.delta.content);
    expect(content.map((c) => c.choices[0].delta.content)).toEqual(splitIntoChunks(reply, DEFAULT_SIMULATOR_OPTIONS.azureTokensPerChunk));
    expect(content.length).toBeLessThan(splitIntoPieces(reply).length / 2);
    expect((content[0].choices[0] as unknown as Record<string, unknown>).content_filter_results).toBeDefined();

    expect(finish).toEqual(['stop']);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    const promptTokens = countPromptTokens(english.map((m) => ({ role: m.role, content: String(m.content) })));
    const completionTokens = countTokens(reply);
    expect(usage).toMatchObject({ prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens });
  });

  it('sends "usage": null on every chunk but the last when usage is asked for, and no usage field otherwise', async () => {
    const withUsage = await streamChat(english);
    for (const c of withUsage.chunks.slice(0, -1)) expect(c).toHaveProperty('usage', null);
    expect(withUsage.chunks.at(-1)!.usage).toMatchObject({ completion_tokens: expect.any(Number) });

    const without = await streamChat(english, { stream_options: undefined });
    for (const c of without.chunks) expect(c).not.toHaveProperty('usage');
    expect(without.text).toBe(expectedReply(english));
  });

  it('omits usage from the stream even when asked with streamUsage: false (as servers that ignore stream_options do)', async () => {
    sim.configure({ streamUsage: false });
    const { chunks, text, finish } = await streamChat(english);
    for (const c of chunks) expect(c).not.toHaveProperty('usage');
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('stop');
    expect([text, finish]).toEqual([expectedReply(english), ['stop']]);
    // A non-streamed reply still carries it.
    const data = await client().chat.completions.create({ model: 'gpt-4o', messages: english });
    expect(data.usage?.completion_tokens).toBe(countTokens(expectedReply(english)));
  });

  it('sends only the fields Azure sends: no simulator extras outside bench mode', async () => {
    const res = await post({ messages: english, stream: true, stream_options: { include_usage: true } });
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const allowed = ['choices', 'created', 'id', 'model', 'object', 'system_fingerprint', 'usage', 'prompt_filter_results'];
    for (const event of events.slice(0, -1)) {
      const chunk = JSON.parse(event.replace(/^data: /, '')) as Record<string, unknown>;
      for (const key of Object.keys(chunk)) expect(allowed).toContain(key);
      for (const choice of chunk.choices as Record<string, unknown>[]) {
        expect(Object.keys(choice).sort()).toEqual(['content_filter_results', 'delta', 'finish_reason', 'index', 'logprobs']);
        expect(String((choice.delta as { content?: string }).content ?? '')).not.toContain('⟦');
      }
    }
  });

  it('chunks by azureTokensPerChunk, set at runtime', async () => {
    sim.configure({ azureTokensPerChunk: 1, reply: () => 'one two three four five' });
    expect((await streamChat(english)).chunks.filter((c) => c.choices[0]?.delta.content)).toHaveLength(5);
    sim.configure({ azureTokensPerChunk: 2 });
    const { chunks, usage } = await streamChat(english);
    expect(chunks.map((c) => c.choices[0]?.delta.content).filter(Boolean)).toEqual(['one two', ' three four', ' five']);
    expect(usage?.completion_tokens).toBe(5);
  });

  it('records the request with its deployment path, api-version and api-key', async () => {
    await streamChat(english);
    expect(sim.requests).toHaveLength(1);
    const [req] = sim.requests;
    expect(req).toMatchObject({
      method: 'POST',
      path: '/openai/deployments/gpt-4o/chat/completions',
      query: { 'api-version': '2024-10-21' },
      body: { messages: english, stream: true, stream_options: { include_usage: true } },
    });
    expect(req.headers['api-key']).toBe('k');
    expect(req.at).toBeLessThanOrEqual(Date.now());
  });

  it('replies in Chinese to a Chinese question, naming the role from the system prompt', async () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: '你是一位养生顾问！请用温和的语气回答。' },
      { role: 'user', content: '每天应该喝多少水？' },
    ];
    const { text } = await streamChat(messages);
    expect(text).toContain('模拟器');
    expect(text).toContain('一位养生顾问');
    expect(text).toContain('每天应该喝多少水');
  });

  it('replies in English to an English question', async () => {
    const { text } = await streamChat(english);
    expect(text).toMatch(/^Hello! This is a demo reply from the built-in simulator/);
    expect(text).toContain('a friendly wellness advisor');
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });

  it('cuts the reply at max_tokens tokens and finishes with length', async () => {
    const { text, finish, usage } = await streamChat(english, { max_tokens: 5 });
    expect(text).toBe(splitIntoPieces(expectedReply(english)).slice(0, 5).join(''));
    expect(finish).toEqual(['length']);
    expect(usage?.completion_tokens).toBe(5);
    const data = await client().chat.completions.create({ model: 'gpt-4o', messages: english, max_completion_tokens: 7 });
    expect(data.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: splitIntoPieces(expectedReply(english)).slice(0, 7).join('') } });
    expect(data.usage?.completion_tokens).toBe(7);
  });

  it('cuts the reply before a stop sequence (string or list) and finishes with stop', async () => {
    sim.configure({ reply: () => 'Drink water. END Then sleep. STOP Never sent.' });
    const one = await streamChat(english, { stop: ' END' });
    expect([one.text, one.finish]).toEqual(['Drink water.', ['stop']]);
    expect(one.usage?.completion_tokens).toBe(countTokens('Drink water.'));
    const list = await streamChat(english, { stop: ['STOP', 'sleep'] });
    expect(list.text).toBe('Drink water. END Then ');
    const data = await client().chat.completions.create({ model: 'gpt-4o', messages: english, stop: ['Then'] });
    expect(data.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'Drink water. END ' } });
  });

  it('uses a custom reply function', async () => {
    sim.configure({ reply: ({ deployment, messages }) => `${deployment}: ${messages.length} messages` });
    expect((await streamChat(english)).text).toBe('gpt-4o: 2 messages');
  });

  it('answers non-streaming requests with a chat.completion and Azure headers', async () => {
    const { data, response } = await client().chat.completions.create({ model: 'gpt-4o', messages: english }).withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: expectedReply(english) } });
    expect((data.choices[0] as unknown as Record<string, unknown>).content_filter_results).toBeDefined();
    expect((data as unknown as Record<string, unknown>).prompt_filter_results).toHaveLength(1);
    expect(data.usage?.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens);
    for (const h of ['apim-request-id', 'x-request-id', 'x-ms-region', 'x-ratelimit-remaining-requests', 'x-ratelimit-remaining-tokens']) {
      expect(response.headers.get(h)).toBeTruthy();
    }
  });

  it('paces content after the time to first token, tokensPerSecond counting chunks', async () => {
    sim.configure({ ttftMs: 40, tokensPerSecond: 200 });
    const started = Date.now();
    const { arrivals } = await streamChat(english);
    expect(arrivals[0] - started).toBeGreaterThanOrEqual(35);
    // 5 ms per chunk, whatever the tokens per chunk: the span from first to last chunk reflects the rate.
    expect(arrivals.length).toBe(splitIntoChunks(expectedReply(english), DEFAULT_SIMULATOR_OPTIONS.azureTokensPerChunk).length);
    expect(arrivals.at(-1)! - arrivals[0]).toBeGreaterThanOrEqual((arrivals.length - 1) * 5 - 10);
  });

  it('rejects a wrong key with 401 when apiKey is set', async () => {
    sim.configure({ apiKey: 'secret' });
    const error = await client('wrong').chat.completions.create({ model: 'gpt-4o', messages: english }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).code).toBe('401');
    await expect(client('secret').chat.completions.create({ model: 'gpt-4o', messages: english })).resolves.toBeDefined();
  });

  it('accepts any key or bearer token without apiKey, and 401s a request with neither', async () => {
    const withHeaders = (headers: Record<string, string>) => post({ messages: english }, { headers });
    expect((await withHeaders({})).status).toBe(401);
    expect((await withHeaders({ authorization: 'Bearer token' })).status).toBe(200);
    expect((await withHeaders({ 'api-key': 'anything' })).status).toBe(200);
  });

  it('404s an unknown deployment with DeploymentNotFound, except in demo mode', async () => {
    sim.configure({ deployments: ['gpt-4o-mini'] });
    const error = await client().chat.completions.create({ model: 'gpt-4o', messages: english }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('DeploymentNotFound');
    sim.configure({ demo: true });
    await expect(client().chat.completions.create({ model: 'gpt-4o', messages: english })).resolves.toBeDefined();
  });

  it('404s an unknown api-version with Azure\'s body, accepts GA and preview versions, and any in demo mode', async () => {
    const unknown = await post({ messages: english }, { apiVersion: '2024-10-22' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: '404', message: 'Resource not found' } });
    for (const version of ['2024-02-01', '2024-06-01', '2024-10-21', '2024-12-01-preview', '2025-01-01-preview', '2025-04-01-preview']) {
      expect((await post({ messages: english }, { apiVersion: version })).status).toBe(200);
    }
    sim.configure({ demo: true });
    expect((await post({ messages: english }, { apiVersion: '2024-10-22' })).status).toBe(200);
  });

  it.each([
    ['an unknown role', { messages: [{ role: 'wizard', content: 'hi' }] }, 'messages[0].role', 'invalid_value'],
    ['temperature above 2', { messages: english, temperature: 2.5 }, 'temperature', 'decimal_above_max_value'],
    ['temperature below 0', { messages: english, temperature: -0.1 }, 'temperature', 'decimal_below_min_value'],
    ['stream_options without stream', { messages: english, stream_options: { include_usage: true } }, 'stream_options', null],
    ['max_tokens below 1', { messages: english, max_tokens: 0 }, 'max_tokens', 'integer_below_min_value'],
    ['max_completion_tokens not an integer', { messages: english, max_completion_tokens: 1.5 }, 'max_completion_tokens', 'invalid_type'],
    ['missing messages', { temperature: 1 }, 'messages', 'missing_required_parameter'],
    ['empty messages', { messages: [] }, 'messages', 'empty_array'],
    ['more than 4 stop sequences', { messages: english, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop', 'array_above_max_length'],
  ])('400s %s, naming the parameter', async (_, body, param, code) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param, code } });
  });

  it('400s an unknown top-level parameter, naming it in the message', async () => {
    const res = await post({ messages: english, temprature: 1 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { message: 'Unrecognized request argument supplied: temprature', type: 'invalid_request_error', param: null, code: null },
    });
    // The client's error class carries it too.
    const error = await client().chat.completions.create({ model: 'gpt-4o', messages: english, temperature: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('temperature');
  });

  it('404s a missing api-version and unknown routes like Azure', async () => {
    const noVersion = await fetch(`${url}/openai/deployments/gpt-4o/chat/completions`, { method: 'POST', headers: { 'api-key': 'k' }, body: '{}' });
    expect(noVersion.status).toBe(404);
    expect(await noVersion.json()).toEqual({ error: { code: '404', message: 'Resource not found' } });
    expect(noVersion.headers.get('apim-request-id')).toBeTruthy();
    const unknown = await fetch(`${url}/openai/models?api-version=2024-10-21`, { headers: { 'api-key': 'k' } });
    expect(unknown.status).toBe(404);
  });

  it('400s a body without messages', async () => {
    const error = await client().chat.completions.create({ model: 'gpt-4o', messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
  });

  it('answers 500 when a custom reply function throws', async () => {
    sim.configure({
      reply: () => {
        throw new Error('boom');
      },
    });
    const error = await client().chat.completions.create({ model: 'gpt-4o', messages: english }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, code: 'InternalServerError' });
  });

  it('ends in-flight streams on stop()', async () => {
    const other = new AzureOpenAISimulator({ ttftMs: 0, tokensPerSecond: 20 });
    const endpoint = await other.start();
    const ended = once(other, 'stream-end') as Promise<[StreamEnd]>;
    const c = new AzureOpenAI({ endpoint, apiKey: 'k', apiVersion: '2024-10-21', deployment: 'gpt-4o', maxRetries: 0 });
    const stream = await c.chat.completions.create({ model: 'gpt-4o', messages: english, stream: true });
    const iterate = (async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) await other.stop();
    })();
    await expect(iterate).rejects.toThrow();
    expect((await ended)[0].outcome).toBe('client_closed');
    expect(other.openStreams).toBe(0);
  });

  it('stamps each delta with its send time when stampChunks is on', async () => {
    sim.configure({ stampChunks: true, ttftMs: 20, reply: () => 'one two three four' });
    const before = preciseNow();
    const { chunks } = await streamChat(english);
    const after = preciseNow();
    const deltas = chunks.map((c) => c.choices[0]?.delta.content).filter((t): t is string => !!t);
    const stamps = deltas.map(parseStamp);
    expect(stamps.every((s) => s !== undefined)).toBe(true);
    expect(countStamps(deltas.join(''))).toBe(deltas.length);
    expect(deltas.map((d) => d.replace(/⟦.*⟧$/, '')).join('')).toBe('one two three four');
    // Only the first carries the request's arrival, at least the time to first token before it.
    expect(stamps[0]!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(stamps[0]!.sentAt - stamps[0]!.receivedAt!).toBeGreaterThanOrEqual(19);
    expect(stamps.slice(1).every((s) => s!.receivedAt === undefined)).toBe(true);
    for (const s of stamps) expect(s!.sentAt).toBeLessThanOrEqual(after);
  });
});
