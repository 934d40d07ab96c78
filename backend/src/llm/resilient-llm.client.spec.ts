import { Logger } from '@nestjs/common';
import { LlmEndpoint } from './llm-endpoint';
import { EmbeddingResult, LlmChunk, LlmClient, LlmError, LlmRequest } from './llm.client';
import { breakerKey, ResilienceClock, ResilientLlmClient, UpstreamPolicy, upstreamName } from './resilient-llm.client';

type Attempt = (signal: AbortSignal) => AsyncIterable<LlmChunk>;

// The breaker logs its transitions; keep them out of the test output.
beforeAll(() => Logger.overrideLogger(false));

const reply = (...texts: string[]): Attempt =>
  async function* () {
    for (const text of texts) yield { type: 'delta', text };
    yield { type: 'end', finishReason: 'stop' };
  };
const failing = (error: LlmError, ...before: string[]): Attempt =>
  async function* () {
    for (const text of before) yield { type: 'delta', text };
    throw error;
  };
const silent: Attempt = (signal) =>
  (async function* () {
    await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new LlmError('aborted', 'aborted'))));
    yield { type: 'delta', text: 'never' } as LlmChunk;
  })();

/** The model underneath, answering each request with the next scripted attempt. */
class ScriptedClient extends LlmClient {
  readonly requests: LlmRequest[] = [];
  constructor(private readonly script: Attempt[]) {
    super();
  }
  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk> {
    this.requests.push(request);
    const next = this.script.shift();
    if (!next) throw new Error('unexpected request');
    return next(signal);
  }
  embed(): Promise<EmbeddingResult> {
    throw new Error('unexpected embedding request');
  }
}

class FakeClock implements ResilienceClock {
  at = 0;
  readonly sleeps: number[] = [];
  now = () => this.at;
  random = () => 1;
  sleep = async (ms: number, signal: AbortSignal) => {
    this.sleeps.push(ms);
    if (signal.aborted) throw new LlmError('aborted', 'aborted by the caller');
    this.at += ms;
  };
}

const policy: UpstreamPolicy = { maxRetries: 2, budgetMs: 5_000, baseDelayMs: 250, breakerThreshold: 3, breakerCooldownMs: 10_000 };
const KEY = 'installation-secret-key';
const request: LlmRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const unavailable = () => new LlmError('unavailable', '503 The service is temporarily unable to process your request.', { status: 503 });

function setup(script: Attempt[], overrides: Partial<UpstreamPolicy> = {}) {
  const inner = new ScriptedClient(script);
  const clock = new FakeClock();
  const errors: string[] = [];
  const sut = new ResilientLlmClient(inner, new LlmEndpoint('https://res.openai.azure.com', KEY, false), { ...policy, ...overrides }, clock, (kind) => errors.push(kind));
  return { inner, clock, sut, errors };
}

async function drain(stream: AsyncIterable<LlmChunk>, signal?: AbortController) {
  const texts: string[] = [];
  let end: LlmChunk | undefined;
  let error: LlmError | undefined;
  try {
    for await (const chunk of stream) {
      if (chunk.type === 'delta') texts.push(chunk.text);
      else end = chunk;
      if (texts.length === 1) signal?.abort();
    }
  } catch (e) {
    error = e as LlmError;
  }
  return { text: texts.join(''), end, error };
}

describe('ResilientLlmClient: retries', () => {
  it('retries a 5xx with backoff and then streams the answer', async () => {
    const { sut, inner, clock, errors } = setup([failing(unavailable()), failing(unavailable()), reply('Hel', 'lo')]);
    const { text, end, error } = await drain(sut.stream(request, new AbortController().signal));
    expect(error).toBeUndefined();
    expect(text).toBe('Hello');
    expect(end).toMatchObject({ finishReason: 'stop' });
    expect(inner.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([250, 500]);
    // Each failed call is reported (the metrics count upstream errors, retried ones included).
    expect(errors).toEqual(['unavailable', 'unavailable']);
  });

  it('reports a call refused by an open circuit, and not a caller’s abort', async () => {
    const { sut, errors } = setup([failing(unavailable()), failing(unavailable()), failing(unavailable())], { maxRetries: 0, breakerThreshold: 3 });
    for (let i = 0; i < 3; i++) await drain(sut.stream(request, new AbortController().signal));
    await drain(sut.stream(request, new AbortController().signal));
    expect(errors).toEqual(['unavailable', 'unavailable', 'unavailable', 'circuit_open']);

    const other = setup([silent]);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 10);
    const { error } = await drain(other.sut.stream(request, stop.signal));
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(other.errors).toEqual([]);
  });

  it('gives up after maxRetries, saying how many attempts it made', async () => {
    const { sut, inner } = setup([failing(unavailable()), failing(unavailable()), failing(unavailable())]);
    const { error } = await drain(sut.stream(request, new AbortController().signal));
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(error!.detail).toMatch(/^503 The service .* \(3 attempts in 750 ms\)$/);
    expect(inner.requests).toHaveLength(3);
  });

  it('waits what a 429 asks for before retrying', async () => {
    const { sut, clock } = setup([failing(new LlmError('rate_limited', '429', { retryAfterMs: 1_200 })), reply('ok')]);
    expect((await drain(sut.stream(request, new AbortController().signal))).text).toBe('ok');
    expect(clock.sleeps).toEqual([1_300]);
  });

  it('fails at once with the retry-after when the wait would pass the budget', async () => {
    const { sut, inner, clock } = setup([failing(new LlmError('rate_limited', '429', { retryAfterMs: 8_000 }))]);
    const { error } = await drain(sut.stream(request, new AbortController().signal));
    expect(error).toMatchObject({ kind: 'rate_limited', extra: { retryAfterMs: 8_000 } });
    expect(inner.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('never retries once text has been relayed', async () => {
    const { sut, inner } = setup([failing(new LlmError('broken_stream', 'connection lost mid-stream'), 'Hel'), reply('never')]);
    const { text, error } = await drain(sut.stream(request, new AbortController().signal));
    expect(text).toBe('Hel');
    expect(error).toMatchObject({ kind: 'broken_stream' });
    expect(inner.requests).toHaveLength(1);
  });

  it('retries a stream broken before its first token', async () => {
    const { sut, inner } = setup([failing(new LlmError('broken_stream', 'error event inside the stream')), reply('ok')]);
    expect((await drain(sut.stream(request, new AbortController().signal))).text).toBe('ok');
    expect(inner.requests).toHaveLength(2);
  });

  it.each([
    ['a filtered prompt', new LlmError('filtered', 'prompt filtered')],
    ['a misconfiguration', new LlmError('misconfigured', '401 Access denied', { status: 401 })],
  ])('does not retry %s', async (_, thrown) => {
    const { sut, inner } = setup([failing(thrown), reply('never')]);
    expect((await drain(sut.stream(request, new AbortController().signal))).error).toMatchObject({ kind: thrown.kind });
    expect(inner.requests).toHaveLength(1);
  });

  it('gives up a silent upstream after the first-token timeout, without retrying', async () => {
    const { sut, inner } = setup([silent, reply('never')]);
    const { error } = await drain(sut.stream({ ...request, timeouts: { firstTokenMs: 20, stallMs: 20 } }, new AbortController().signal));
    expect(error).toMatchObject({ kind: 'timeout', detail: 'no first token within 20 ms' });
    expect(inner.requests).toHaveLength(1);
  });

  it('stops waiting to retry when the caller aborts', async () => {
    const { sut, inner } = setup([failing(unavailable()), reply('never')]);
    const controller = new AbortController();
    controller.abort();
    expect((await drain(sut.stream(request, controller.signal))).error).toMatchObject({ kind: 'aborted' });
    expect(inner.requests).toHaveLength(1);
  });

  it('scrubs keys out of every error it throws', async () => {
    const botKey = 'bot-own-secret-key';
    const { sut } = setup([failing(new LlmError('misconfigured', `401 for ${KEY} and ${botKey}, api-key: abcdef123456`))]);
    const { error } = await drain(sut.stream({ ...request, connection: { provider: 'azure', endpoint: 'https://res.openai.azure.com', apiKey: botKey } }, new AbortController().signal));
    expect(error!.detail).toBe('https://res.openai.azure.com/gpt-4o: 401 for [redacted] and [redacted], api-key: [redacted]');
    expect(error!.message).not.toContain(KEY);
  });
});

describe('ResilientLlmClient: circuit breaker', () => {
  const noRetry = { maxRetries: 0 };

  it('opens after consecutive upstream failures, fails fast without a request, and closes after a good probe', async () => {
    const { sut, inner, clock } = setup([failing(unavailable()), failing(unavailable()), failing(unavailable()), reply('back'), reply('again')], noRetry);
    for (let i = 0; i < 3; i++) await drain(sut.stream(request, new AbortController().signal));
    expect(sut.breakerOf(request).state).toBe('open');

    const fast = await drain(sut.stream(request, new AbortController().signal));
    expect(fast.error).toMatchObject({ kind: 'circuit_open' });
    expect(fast.error!.detail).toContain('circuit open for https://res.openai.azure.com/gpt-4o');
    expect(fast.error!.detail).toContain('last failure: 503');
    expect(inner.requests).toHaveLength(3);

    clock.at += 10_000;
    expect((await drain(sut.stream(request, new AbortController().signal))).text).toBe('back');
    expect(sut.breakerOf(request).state).toBe('closed');
    expect((await drain(sut.stream(request, new AbortController().signal))).text).toBe('again');
  });

  it('keeps one breaker per endpoint and model', async () => {
    const { sut } = setup([failing(unavailable()), failing(unavailable()), failing(unavailable()), reply('other')], noRetry);
    for (let i = 0; i < 3; i++) await drain(sut.stream(request, new AbortController().signal));
    const other = { ...request, model: 'gpt-4o-mini' };
    expect((await drain(sut.stream(other, new AbortController().signal))).text).toBe('other');
  });

  it('keeps one breaker per key: another bot with its own key on the same endpoint and deployment is not failed', async () => {
    const { sut } = setup([failing(unavailable()), failing(unavailable()), failing(unavailable()), reply('theirs'), reply('installation')], noRetry);
    const mine = { ...request, connection: { provider: 'azure' as const, endpoint: 'https://shared.openai.azure.com', apiKey: 'tenant-a-key' } };
    for (let i = 0; i < 3; i++) await drain(sut.stream(mine, new AbortController().signal));
    expect(sut.breakerOf(mine).state).toBe('open');
    const theirs = { ...mine, connection: { ...mine.connection, apiKey: 'tenant-b-key' } };
    expect((await drain(sut.stream(theirs, new AbortController().signal))).text).toBe('theirs');
    expect(sut.breakerOf(theirs).state).toBe('closed');
    // The installation's own credentials are a circuit of their own too.
    expect((await drain(sut.stream(request, new AbortController().signal))).text).toBe('installation');
  });

  it.each([400, 401, 403, 404, 409, 413, 422])('does not count a %i as the upstream failing, whatever its kind', async (status) => {
    const client = (kind: LlmError['kind']) => failing(new LlmError(kind, `HTTP ${status}`, { status }));
    const { sut } = setup([client('unavailable'), client('misconfigured'), client('broken_stream'), client('unavailable'), reply('still up')], noRetry);
    for (let i = 0; i < 4; i++) await drain(sut.stream(request, new AbortController().signal));
    expect(sut.breakerOf(request).state).toBe('closed');
    expect((await drain(sut.stream(request, new AbortController().signal))).text).toBe('still up');
  });

  it('counts a 408 as the upstream failing', async () => {
    const timedOut = () => failing(new LlmError('unavailable', 'HTTP 408', { status: 408 }));
    const { sut } = setup([timedOut(), timedOut(), timedOut()], noRetry);
    for (let i = 0; i < 3; i++) await drain(sut.stream(request, new AbortController().signal));
    expect(sut.breakerOf(request).state).toBe('open');
  });

  it('counts timeouts, broken streams and ends without finish_reason as failures', async () => {
    const noFinish: Attempt = async function* () {
      yield { type: 'delta', text: 'a' };
      yield { type: 'end', finishReason: null };
    };
    const { sut } = setup([silent, failing(new LlmError('broken_stream', 'dropped'), 'x'), noFinish], noRetry);
    for (let i = 0; i < 3; i++) await drain(sut.stream({ ...request, timeouts: { firstTokenMs: 10, stallMs: 10 } }, new AbortController().signal));
    expect(sut.breakerOf(request).state).toBe('open');
  });

  it('is neither opened nor reset by rate limits, misconfiguration or a visitor stopping', async () => {
    const stoppable: Attempt = (signal) =>
      (async function* () {
        yield { type: 'delta', text: 'a' } as LlmChunk;
        if (signal.aborted) throw new LlmError('aborted', 'aborted');
      })();
    const { sut } = setup(
      [failing(unavailable()), failing(unavailable()), failing(new LlmError('rate_limited', '429')), failing(new LlmError('misconfigured', '404 DeploymentNotFound')), stoppable, failing(unavailable())],
      noRetry,
    );
    for (let i = 0; i < 4; i++) await drain(sut.stream(request, new AbortController().signal));
    const stop = new AbortController();
    expect((await drain(sut.stream(request, stop.signal), stop)).error).toMatchObject({ kind: 'aborted' });
    expect(sut.breakerOf(request).state).toBe('closed');
    await drain(sut.stream(request, new AbortController().signal));
    expect(sut.breakerOf(request).state).toBe('open');
  });

  it('takes a filtered prompt as proof that the upstream answers', async () => {
    const { sut } = setup([failing(unavailable()), failing(unavailable()), failing(new LlmError('filtered', 'prompt filtered')), failing(unavailable())], noRetry);
    for (let i = 0; i < 4; i++) await drain(sut.stream(request, new AbortController().signal));
    expect(sut.breakerOf(request).state).toBe('closed');
  });

  it('stops retrying when its own failures open the circuit mid-way, with the real reason', async () => {
    const { sut, inner } = setup([failing(unavailable()), failing(unavailable()), reply('never')], { breakerThreshold: 2 });
    const { error } = await drain(sut.stream(request, new AbortController().signal));
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(error!.detail).toMatch(/^503 .*; circuit now open$/);
    expect(inner.requests).toHaveLength(2);
  });
});

describe('upstreamName / breakerKey', () => {
  it('is the origin and deployment, never credentials or a query', () => {
    expect(upstreamName('https://user:pw@res.openai.azure.com/?sig=1', 'gpt-4o')).toBe('https://res.openai.azure.com/gpt-4o');
  });

  it('tells keys apart by a hash, never the key itself', () => {
    const a = breakerKey('https://res.openai.azure.com/', 'gpt-4o', 'key-of-tenant-a');
    expect(a).toMatch(/^https:\/\/res\.openai\.azure\.com\/gpt-4o\nkey:[0-9a-f]{12}$/);
    expect(a).not.toContain('key-of-tenant-a');
    expect(breakerKey('https://res.openai.azure.com', 'gpt-4o', 'key-of-tenant-a')).toBe(a);
    expect(breakerKey('https://res.openai.azure.com', 'gpt-4o', 'key-of-tenant-b')).not.toBe(a);
    expect(breakerKey('https://res.openai.azure.com/v2', 'gpt-4o', 'key-of-tenant-a')).not.toBe(a);
  });
});
