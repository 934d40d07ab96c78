import { LlmError } from './llm.client';

/** The bounds of the one retry layer (the `openai` client itself never retries). */
export interface RetryOptions {
  /** Retries after the first attempt; 2 means at most 3 requests. */
  maxRetries: number;
  /** No retry may start later than this after the first attempt did. */
  budgetMs: number;
  /** Backoff of the first retry; it doubles per retry up to 4×. */
  baseDelayMs: number;
}

/** Added on top of an upstream's retry-after, so waiting replies do not all return at once. */
const RETRY_AFTER_SPREAD_MS = 100;

/**
 * How long to wait before retrying a failed attempt, or undefined to give up. Only what may
 * succeed on a second try is retried: a 429, a 5xx or an unreachable host, a stream broken before
 * its first token. Never a filter, a misconfiguration, a timeout or a caller's abort.
 */
export function retryDelay(error: LlmError, retriesSoFar: number, elapsedMs: number, options: RetryOptions, random: () => number = Math.random): number | undefined {
  if (retriesSoFar >= options.maxRetries) return undefined;
  let delay: number;
  if (error.kind === 'rate_limited') {
    const after = error.extra.retryAfterMs;
    delay = after === undefined ? backoff(retriesSoFar, options.baseDelayMs, random) : after + Math.round(random() * RETRY_AFTER_SPREAD_MS);
  } else if (error.kind === 'unavailable' || error.kind === 'broken_stream') {
    delay = backoff(retriesSoFar, options.baseDelayMs, random);
  } else {
    return undefined;
  }
  return elapsedMs + delay <= options.budgetMs ? delay : undefined;
}

/** Exponential backoff, capped at 4× base, with "equal jitter": half fixed, half random. */
export function backoff(retry: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** retry, baseMs * 4);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
