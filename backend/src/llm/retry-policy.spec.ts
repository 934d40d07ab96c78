import { LlmError } from './llm.client';
import { backoff, retryDelay, RetryOptions } from './retry-policy';

const options: RetryOptions = { maxRetries: 2, budgetMs: 3_000, baseDelayMs: 250 };
const max = () => 1;
const min = () => 0;

describe('backoff', () => {
  it('doubles from the base up to 4×, jittered between half and all of it', () => {
    expect([0, 1, 2, 3].map((n) => backoff(n, 250, max))).toEqual([250, 500, 1000, 1000]);
    expect([0, 1, 2, 3].map((n) => backoff(n, 250, min))).toEqual([125, 250, 500, 500]);
  });
});

describe('retryDelay', () => {
  it.each([
    ['a 5xx or unreachable host', new LlmError('unavailable', '503')],
    ['a stream broken before its first token', new LlmError('broken_stream', 'dropped')],
  ])('backs off after %s', (_, error) => {
    expect(retryDelay(error, 0, 0, options, max)).toBe(250);
    expect(retryDelay(error, 1, 300, options, max)).toBe(500);
  });

  it('waits what a 429 asks for, plus a small spread', () => {
    const error = new LlmError('rate_limited', '429', { retryAfterMs: 1_500 });
    expect(retryDelay(error, 0, 0, options, min)).toBe(1_500);
    expect(retryDelay(error, 0, 0, options, max)).toBe(1_600);
  });

  it('backs off on a 429 without retry-after', () => {
    expect(retryDelay(new LlmError('rate_limited', '429'), 0, 0, options, max)).toBe(250);
  });

  it('gives up after maxRetries', () => {
    expect(retryDelay(new LlmError('unavailable', '503'), 2, 0, options)).toBeUndefined();
    expect(retryDelay(new LlmError('unavailable', '503'), 0, 0, { ...options, maxRetries: 0 })).toBeUndefined();
  });

  it('gives up at once when the wait would end past the budget', () => {
    expect(retryDelay(new LlmError('rate_limited', '429', { retryAfterMs: 5_000 }), 0, 0, options, min)).toBeUndefined();
    expect(retryDelay(new LlmError('unavailable', '503'), 1, 2_600, options, max)).toBeUndefined();
    expect(retryDelay(new LlmError('unavailable', '503'), 1, 2_500, options, max)).toBe(500);
  });

  it.each(['filtered', 'misconfigured', 'aborted', 'timeout', 'circuit_open'] as const)('never retries %s', (kind) => {
    expect(retryDelay(new LlmError(kind, 'x'), 0, 0, options)).toBeUndefined();
  });
});
