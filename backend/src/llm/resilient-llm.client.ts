import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { describeCauses } from './provider-error';
import { BreakerState, CircuitBreaker, Permit, Verdict } from './circuit-breaker';
import { LlmEndpoint } from './llm-endpoint';
import { EmbeddingRequest, EmbeddingResult, LlmChunk, LlmClient, LlmConnection, LlmError, LlmRequest } from './llm.client';
import { redact } from './redact';
import { retryDelay, RetryOptions } from './retry-policy';
import { StreamWatchdog } from './stream-watchdog';

export interface UpstreamPolicy extends RetryOptions {
  /** Consecutive upstream failures that open an upstream's circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before it lets one probe through. */
  breakerCooldownMs: number;
}

/** Time as the policy sees it; unit tests pass a fake one. */
export interface ResilienceClock {
  now(): number;
  /** Rejects with an `aborted` LlmError when `signal` aborts first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
}

export const realClock: ResilienceClock = {
  now: () => performance.now(),
  random: Math.random,
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(aborted());
      const onAbort = () => {
        clearTimeout(timer);
        reject(aborted());
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

const aborted = () => new LlmError('aborted', 'aborted by the caller');

/**
 * The model client the app uses: the Azure client wrapped in the upstream policy. Per request:
 * the bot's first-token and stall timeouts; retries with backoff (honouring retry-after) while
 * nothing has been relayed yet, so a visitor never sees text twice; a circuit breaker per
 * set of credentials (endpoint + model + key) that fails fast while it is down, so one bot's
 * misconfiguration cannot fail another tenant's bots. Every error leaving here has its detail
 * scrubbed of keys.
 */
export class ResilientLlmClient extends LlmClient {
  private readonly logger = new Logger('Llm');
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly inner: LlmClient,
    private readonly endpoint: LlmEndpoint,
    private readonly policy: UpstreamPolicy,
    private readonly clock: ResilienceClock = realClock,
    /** Told of every failed call (retried ones included) and every fast-fail of an open circuit; for the metrics. */
    private readonly onError: (kind: LlmError['kind']) => void = () => {},
  ) {
    super();
  }

  /**
   * The stream with retries, breaker and watchdog in one loop (one generator between the provider
   * and the chat per chunk, docs/performance.md). An attempt that fails before any text was
   * relayed may be retried; once text has gone out, its failure is the stream's.
   */
  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmChunk> {
    const breaker = this.breakerOf(request);
    const started = this.clock.now();
    let previous: LlmError | undefined;
    try {
      for (let retries = 0; ; retries++) {
        const permit = this.acquire(breaker, previous, request);
        const controller = new AbortController();
        const onAbort = () => controller.abort();
        signal.addEventListener('abort', onAbort, { once: true });
        if (signal.aborted) controller.abort();
        const watchdog = new StreamWatchdog(request.timeouts, () => controller.abort());
        let relayed = false;
        let verdict: Verdict = 'neutral';
        let reason: string | undefined;
        let failure: LlmError | undefined;
        const chunks = this.inner.stream(request, controller.signal)[Symbol.asyncIterator]();
        try {
          for (let next = await watchdog.next(chunks); !next.done; next = await watchdog.next(chunks)) {
            const chunk = next.value;
            if (chunk.type === 'delta') relayed = true;
            // An end without finish_reason is a broken stream: the upstream's fault.
            else if (chunk.finishReason === null) [verdict, reason] = ['failure', 'stream ended without finish_reason'];
            else verdict = 'success';
            yield chunk;
          }
        } catch (thrown) {
          failure = this.failureOf(thrown, signal);
          [verdict, reason] = [verdictOf(failure), failure.detail];
          if (relayed) throw failure;
        } finally {
          // Ends the source when the consumer stops early or a timeout gave it up; never waits on one that hangs.
          chunks.return?.(undefined)?.catch(() => undefined);
          signal.removeEventListener('abort', onAbort);
          permit.settle(verdict, reason);
        }
        if (!failure) return;
        await this.pauseBeforeRetry(failure, retries, started, signal);
        previous = failure;
      }
    } catch (error) {
      throw this.forOwner(error, request, this.endpoint.model);
    }
  }

  /** Embeddings through the same retries and breakers (one per embedding model). */
  async embed(request: EmbeddingRequest, signal: AbortSignal): Promise<EmbeddingResult> {
    const target = { model: request.model ?? this.endpoint.embeddingModel, connection: request.connection };
    const breaker = this.breakerOf(target);
    const started = this.clock.now();
    let previous: LlmError | undefined;
    try {
      for (let retries = 0; ; retries++) {
        const permit = this.acquire(breaker, previous, target);
        let failure: LlmError;
        try {
          const result = await this.inner.embed(request, signal);
          permit.settle('success');
          return result;
        } catch (thrown) {
          failure = this.failureOf(thrown, signal);
          permit.settle(verdictOf(failure), failure.detail);
        }
        await this.pauseBeforeRetry(failure, retries, started, signal);
        previous = failure;
      }
    } catch (error) {
      throw this.forOwner(error, request, this.endpoint.embeddingModel);
    }
  }

  /** A permit to call the upstream, or the open circuit's error (the last failure's, when this was a retry). */
  private acquire(breaker: CircuitBreaker, previous: LlmError | undefined, target: { model?: string; connection?: LlmConnection }): Permit {
    const permit = breaker.tryAcquire();
    if (permit) return permit;
    if (previous) throw previous.withDetail(`${previous.detail}; circuit now open`);
    this.onError('circuit_open');
    throw this.circuitOpen(target, breaker);
  }

  /** What a failed call threw, in the chat's terms; counted for the metrics unless aborted. */
  private failureOf(thrown: unknown, signal: AbortSignal): LlmError {
    const failure = signal.aborted ? aborted() : thrown instanceof LlmError ? thrown : new LlmError('unavailable', describeCauses(thrown));
    if (failure.kind !== 'aborted') this.onError(failure.kind);
    return failure;
  }

  /** Waits the retry policy's delay, or throws the failure when it allows no further attempt. */
  private async pauseBeforeRetry(failure: LlmError, retries: number, started: number, signal: AbortSignal): Promise<void> {
    const elapsed = Math.round(this.clock.now() - started);
    const delay = retryDelay(failure, retries, elapsed, this.policy, this.clock.random);
    if (delay === undefined) throw retries > 0 ? failure.withDetail(`${failure.detail} (${retries + 1} attempts in ${elapsed} ms)`) : failure;
    await this.clock.sleep(delay, signal);
  }

  /** An error as it leaves here: which upstream refused, for a misconfiguration; keys scrubbed. */
  private forOwner(error: unknown, request: { model?: string; connection?: LlmConnection }, defaultModel: string): LlmError {
    const llmError = error instanceof LlmError ? error : new LlmError('unavailable', describeCauses(error));
    // Which resource and deployment refused is what the owner needs to fix a misconfiguration.
    const name = upstreamName(request.connection?.endpoint ?? this.endpoint.url, request.model ?? defaultModel);
    const detail = llmError.kind === 'misconfigured' ? `${name}: ${llmError.detail}` : llmError.detail;
    return llmError.withDetail(redact(detail, [request.connection?.apiKey, this.endpoint.apiKey]));
  }

  /** The breaker of one set of credentials, for tests and diagnostics. */
  breakerOf(request: { model?: string; connection?: LlmConnection }): CircuitBreaker {
    const connection = request.connection;
    const key = breakerKey(connection?.endpoint ?? this.endpoint.url, request.model ?? this.endpoint.model, connection?.apiKey ?? this.endpoint.apiKey);
    let breaker = this.breakers.get(key);
    if (!breaker) {
      const name = key.replace(/\n/g, ' ');
      breaker = new CircuitBreaker({
        threshold: this.policy.breakerThreshold,
        cooldownMs: this.policy.breakerCooldownMs,
        now: () => this.clock.now(),
        onChange: (state, b) => this.logTransition(name, state, b),
      });
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  private circuitOpen(request: { model?: string; connection?: LlmConnection }, breaker: CircuitBreaker): LlmError {
    const name = upstreamName(request.connection?.endpoint ?? this.endpoint.url, request.model ?? this.endpoint.model);
    const last = breaker.lastFailure ? ` (last failure: ${breaker.lastFailure})` : '';
    return new LlmError('circuit_open', `circuit open for ${name} after repeated failures${last}; next probe in ${breaker.retryInMs} ms`);
  }

  private logTransition(name: string, state: BreakerState, breaker: CircuitBreaker): void {
    if (state === 'open') {
      this.logger.warn(`circuit opened for ${name}: failing fast for ${this.policy.breakerCooldownMs} ms (last failure: ${redact(breaker.lastFailure ?? 'unknown', [this.endpoint.apiKey])})`);
    } else if (state === 'half_open') {
      this.logger.log(`circuit half-open for ${name}: letting one request probe it`);
    } else {
      this.logger.log(`circuit closed for ${name}: it answers again`);
    }
  }
}

/** Whether a failed call says the upstream is unhealthy (rate limits and misconfiguration do not). */
function verdictOf(error: LlmError): Verdict {
  // An answer about this request (4xx) proves the upstream up; only 408 and 429 speak of its load.
  const status = error.extra.status;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return error.kind === 'filtered' ? 'success' : 'neutral';
  switch (error.kind) {
    case 'unavailable':
    case 'broken_stream':
    case 'timeout':
      return 'failure';
    case 'filtered':
      return 'success';
    case 'rate_limited':
    case 'misconfigured':
    case 'aborted':
    case 'circuit_open':
      return 'neutral';
  }
}

/** `https://host/model`: the upstream as owners and logs name it, without credentials or query. */
export function upstreamName(endpoint: string, model: string): string {
  const origin = URL.canParse(endpoint) ? new URL(endpoint).origin : 'invalid-endpoint';
  return `${origin}/${model}`;
}

/**
 * One circuit per effective credentials: endpoint (with its path, which OpenAI-compatible servers
 * use), model (Azure: deployment) and which key, by a short hash (the key itself is never kept here).
 */
export function breakerKey(endpoint: string, model: string, apiKey: string): string {
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  const base = url ? `${url.origin}${url.pathname.replace(/\/+$/, '')}` : 'invalid-endpoint';
  const keyId = createHash('sha256').update(apiKey).digest('hex').slice(0, 12);
  return `${base}/${model}\nkey:${keyId}`;
}
