import { once } from 'node:events';
import { AuthenticationError, AzureOpenAI, BadRequestError, NotFoundError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { demoReply, splitIntoPieces } from './simulator.reply';
import { AzureOpenAISimulator, type StreamEnd } from './simulator.server';
import { countStamps, parseStamp, preciseNow } from './simulator.stamp';
import { countPromptTokens } from './simulator.tokens';

const FAST = { ttftMs: 5, tokensPerSecond: 0, apiKey: undefined, deployments: undefined, reply: undefined, stampChunks: undefined };
const SYSTEM = 'You are a friendly wellness advisor. Keep answers short.';
const english: ChatCompletionMessageParam[] = [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: 'How much water should I drink per day?' },
];

type AzureChunk = ChatCompletionChunk & { prompt_filter_results?: unknown[]; sim_sent_at?: number };

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

async function streamChat(messages: ChatCompletionMessageParam[], extra: { max_tokens?: number } = {}) {
  const stream = await client().chat.completions.create({
    model: 'gpt-4o',
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...extra,
  });
  const chunks: AzureChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
  const finish = chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean);
  return { chunks, text, finish, usage: chunks.at(-1)?.usage };
}

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

    const content = chunks.filter((c) => c.choices[0]?.delta.content);
    expect(content).toHaveLength(splitIntoPieces(reply).length);
    for (const c of content) expect(typeof c.sim_sent_at).toBe('number');

    expect(finish).toEqual(['stop']);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    const promptTokens = countPromptTokens(english.map((m) => ({ role: m.role, content: String(m.content) })));
    expect(usage).toMatchObject({ prompt_tokens: promptTokens, completion_tokens: content.length, total_tokens: promptTokens + content.length });
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

  it('cuts the reply at max_tokens and finishes with length', async () => {
    const { text, finish, usage } = await streamChat(english, { max_tokens: 5 });
    expect(text).toBe(splitIntoPieces(expectedReply(english)).slice(0, 5).join(''));
    expect(finish).toEqual(['length']);
    expect(usage?.completion_tokens).toBe(5);
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

  it('paces content after the time to first token', async () => {
    sim.configure({ ttftMs: 40, tokensPerSecond: 500 });
    const started = Date.now();
    const { chunks } = await streamChat(english);
    const sentAt = chunks.map((c) => c.sim_sent_at).filter((t): t is number => t !== undefined);
    expect(sentAt[0] - started).toBeGreaterThanOrEqual(35);
    // 2 ms per piece: the span from first to last piece reflects the rate.
    expect(sentAt.at(-1)! - sentAt[0]).toBeGreaterThanOrEqual((sentAt.length - 1) * 2 - 10);
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
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ messages: english }),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer token' })).status).toBe(200);
    expect((await post({ 'api-key': 'anything' })).status).toBe(200);
  });

  it('404s an unknown deployment with DeploymentNotFound', async () => {
    sim.configure({ deployments: ['gpt-4o-mini'] });
    const error = await client().chat.completions.create({ model: 'gpt-4o', messages: english }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('DeploymentNotFound');
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
