import { once } from 'node:events';
import { APIError, AzureOpenAI, BadRequestError, InternalServerError, NotFoundError, PermissionDeniedError, RateLimitError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { DEFAULT_SIMULATOR_OPTIONS } from './simulator.options';
import { demoReply } from './simulator.reply';
import { AzureOpenAISimulator, type StreamEnd } from './simulator.server';
import { groupIntoChunks, splitIntoTokenPieces, tokensOf } from './simulator.tokens';

const messages: ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are a friendly wellness advisor.' },
  { role: 'user', content: 'How much water should I drink per day?' },
];
// The content chunks of the demo reply on the Azure route: `afterPieces` counts these.
const chunked = groupIntoChunks(
  splitIntoTokenPieces(demoReply({ deployment: 'gpt-4o', messages: messages.map((m) => ({ role: m.role, content: String(m.content) })) })),
  DEFAULT_SIMULATOR_OPTIONS.azureTokensPerChunk,
);
const pieces = chunked.map((c) => c.text);

let sim: AzureOpenAISimulator;
let client: AzureOpenAI;

beforeAll(async () => {
  sim = new AzureOpenAISimulator();
  const endpoint = await sim.start();
  client = new AzureOpenAI({ endpoint, apiKey: 'k', apiVersion: '2024-10-21', deployment: 'gpt-4o', maxRetries: 0 });
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.configure({ ttftMs: 5, tokensPerSecond: 0 });
  sim.clearFaults();
});

const create = (signal?: AbortSignal) =>
  client.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } }, { signal });

/** Reads the whole stream; an error thrown mid-way is returned alongside what arrived before it. */
async function consume(signal?: AbortSignal, onContent?: (n: number) => void) {
  const chunks: ChatCompletionChunk[] = [];
  /** When each content chunk reached the client (Date.now()). */
  const arrivals: number[] = [];
  let error: unknown;
  try {
    for await (const chunk of await create(signal)) {
      chunks.push(chunk);
      if (chunk.choices[0]?.delta.content) arrivals.push(Date.now());
      if (chunk.choices[0]?.delta.content) onContent?.(chunks.filter((c) => c.choices[0]?.delta.content).length);
    }
  } catch (e) {
    error = e;
  }
  const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
  const finishChunk = chunks.find((c) => c.choices[0]?.finish_reason);
  return { chunks, arrivals, text, error, finishChunk, finish: finishChunk?.choices[0].finish_reason, usage: chunks.at(-1)?.usage };
}

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
const nextStreamEnd = () => once(sim, 'stream-end').then(([end]) => end as StreamEnd);

describe('faults answered before the stream', () => {
  it('rate_limit → RateLimitError 429 with retry-after headers', async () => {
    sim.injectFault({ kind: 'rate_limit', retryAfterMs: 1500 });
    const error = (await failure(create())) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect(error.code).toBe('429');
    expect(error.message).toContain('API version 2024-10-21 have exceeded token rate limit');
    expect(error.message).toContain('Please retry after 2 seconds');
    expect(error.headers.get('retry-after')).toBe('2');
    expect(error.headers.get('retry-after-ms')).toBe('1500');
    expect(error.headers.get('apim-request-id')).toBeTruthy();
  });

  it('is consumed one per request, `times` in a row', async () => {
    sim.injectFault({ kind: 'rate_limit' }, 2);
    expect(await failure(create())).toBeInstanceOf(RateLimitError);
    expect(await failure(create())).toBeInstanceOf(RateLimitError);
    expect((await consume()).finish).toBe('stop');
    sim.injectFault({ kind: 'rate_limit' });
    sim.clearFaults();
    expect((await consume()).finish).toBe('stop');
  });

  it('server_error → 500 by default, 503 ServiceUnavailable on request', async () => {
    sim.injectFault({ kind: 'server_error' });
    sim.injectFault({ kind: 'server_error', status: 503 });
    const e500 = (await failure(create())) as InternalServerError;
    const e503 = (await failure(create())) as InternalServerError;
    expect(e500).toBeInstanceOf(InternalServerError);
    expect([e500.status, e500.code]).toEqual([500, 'InternalServerError']);
    expect([e503.status, e503.code]).toEqual([503, 'ServiceUnavailable']);
  });

  it('unauthorized, forbidden and deployment_not_found', async () => {
    sim.injectFault({ kind: 'unauthorized' });
    sim.injectFault({ kind: 'forbidden' });
    sim.injectFault({ kind: 'deployment_not_found' });
    expect(await failure(create())).toMatchObject({ status: 401, code: '401' });
    expect(await failure(create())).toBeInstanceOf(PermissionDeniedError);
    const notFound = await failure(create());
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound).toMatchObject({ code: 'DeploymentNotFound' });
  });

  it('prompt_filtered → BadRequestError content_filter with innererror', async () => {
    sim.injectFault({ kind: 'prompt_filtered', category: 'jailbreak' });
    const error = (await failure(create())) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect([error.status, error.code, error.param]).toEqual([400, 'content_filter', 'prompt']);
    const inner = (error.error as { innererror: { code: string; content_filter_result: Record<string, unknown> } }).innererror;
    expect(inner.code).toBe('ResponsibleAIPolicyViolation');
    expect(inner.content_filter_result.jailbreak).toEqual({ filtered: true, detected: true });
    expect(inner.content_filter_result.hate).toEqual({ filtered: false, severity: 'safe' });
  });
});

describe('faults inside the stream', () => {
  it('completion_filtered → partial text, then finish_reason content_filter with the category', async () => {
    sim.injectFault({ kind: 'completion_filtered', afterPieces: 4, category: 'hate' });
    const { text, finish, finishChunk, usage, error } = await consume();
    expect(error).toBeUndefined();
    expect(text).toBe(pieces.slice(0, 4).join(''));
    expect(finish).toBe('content_filter');
    const results = (finishChunk!.choices[0] as unknown as { content_filter_results: Record<string, unknown> }).content_filter_results;
    expect(results.hate).toEqual({ filtered: true, severity: 'medium' });
    expect(usage?.completion_tokens).toBe(tokensOf(chunked.slice(0, 4)));
  });

  it('length → finish_reason length after N pieces', async () => {
    sim.injectFault({ kind: 'length', afterPieces: 3 });
    const { text, finish } = await consume();
    expect([text, finish]).toEqual([pieces.slice(0, 3).join(''), 'length']);
  });

  it('stall with ms → a gap after N pieces, then the rest', async () => {
    sim.configure({ ttftMs: 0, tokensPerSecond: 0 });
    sim.injectFault({ kind: 'stall', afterPieces: 3, ms: 120 });
    const { arrivals, text, finish } = await consume();
    expect([text, finish]).toEqual([pieces.join(''), 'stop']);
    expect(arrivals[3] - arrivals[2]).toBeGreaterThanOrEqual(100);
  });

  it('stall without ms → silent until the client aborts; the server sees the close', async () => {
    sim.injectFault({ kind: 'stall', afterPieces: 2 });
    const controller = new AbortController();
    const ended = nextStreamEnd();
    const run = consume(controller.signal, (n) => n === 2 && setTimeout(() => controller.abort(), 50));
    const end = await ended;
    expect(end).toMatchObject({ outcome: 'client_closed', piecesSent: 2 });
    expect((await run).text).toBe(pieces.slice(0, 2).join(''));
    expect(sim.openStreams).toBe(0);
  });

  it('drop → the iteration throws, without finish or [DONE]', async () => {
    sim.injectFault({ kind: 'drop', afterPieces: 5 });
    const ended = nextStreamEnd();
    const { text, finish, error } = await consume();
    // undici's TypeError('terminated') comes from Node's realm, not jest's, so no toBeInstanceOf(Error).
    expect(error).toMatchObject({ message: expect.stringMatching(/terminated|closed|socket/i) });
    expect(text).toBe(pieces.slice(0, 5).join(''));
    expect(finish).toBeUndefined();
    expect(await ended).toMatchObject({ outcome: 'dropped', piecesSent: 5 });
  });

  it('no_finish → [DONE] without any finish_reason', async () => {
    sim.injectFault({ kind: 'no_finish' });
    const { text, finish, error } = await consume();
    expect(error).toBeUndefined();
    expect(text).toBe(pieces.join(''));
    expect(finish).toBeUndefined();
  });

  it('error_in_stream → an APIError from the iteration after N pieces', async () => {
    sim.injectFault({ kind: 'error_in_stream', afterPieces: 2 });
    const { text, error } = await consume();
    expect(text).toBe(pieces.slice(0, 2).join(''));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe('InternalServerError');
  });

  it('slow_first_token → delays the first content chunk', async () => {
    sim.injectFault({ kind: 'slow_first_token', ms: 150 });
    const started = Date.now();
    const { arrivals } = await consume();
    expect(arrivals[0] - started).toBeGreaterThanOrEqual(140);
  });
});

describe('client abort', () => {
  it('an AbortController stops the stream and the server stops writing', async () => {
    sim.configure({ ttftMs: 0, tokensPerSecond: 200 });
    const controller = new AbortController();
    const ended = nextStreamEnd();
    const { text, finish } = await consume(controller.signal, (n) => n === 3 && controller.abort());
    const end = await ended;
    expect(end.outcome).toBe('client_closed');
    expect(end.piecesSent).toBeLessThan(pieces.length);
    expect(text).toBe(pieces.slice(0, 3).join(''));
    expect(finish).toBeUndefined();
    expect(sim.openStreams).toBe(0);
  });
});
