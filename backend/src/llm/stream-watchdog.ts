import { LlmChunk, LlmError, LlmTimeouts } from './llm.client';

/**
 * Gives up a model stream that stays silent too long: `firstTokenMs` for the first chunk,
 * `stallMs` between later ones. On a timeout it calls `abort` (which must end the request
 * underneath) and `next` rejects with a `timeout` LlmError; what was yielded before stays yielded.
 * Only time spent waiting on the source counts, never time the consumer takes: the clock runs
 * inside `next` only. Used inline by the retry layer's loop (no generator of its own per chunk).
 */
export class StreamWatchdog {
  private received = 0;

  constructor(
    private readonly timeouts: LlmTimeouts | undefined,
    private readonly abort: () => void,
  ) {}

  next(source: AsyncIterator<LlmChunk>): Promise<IteratorResult<LlmChunk>> {
    const limit = this.received === 0 ? this.timeouts?.firstTokenMs : this.timeouts?.stallMs;
    const pending = source.next();
    if (!limit) return this.count(pending);
    return this.count(
      new Promise<IteratorResult<LlmChunk>>((resolve, reject) => {
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          this.abort();
          reject(new LlmError('timeout', this.received === 0 ? `no first token within ${limit} ms` : `stream stalled: nothing for ${limit} ms after ${this.received} chunks`));
        }, limit);
        // After a timeout the source still settles (aborted); that late result is dropped.
        pending.then(
          (value) => {
            clearTimeout(timer);
            if (!timedOut) resolve(value);
          },
          (error: unknown) => {
            clearTimeout(timer);
            if (!timedOut) reject(error);
          },
        );
      }),
    );
  }

  private async count(pending: Promise<IteratorResult<LlmChunk>>): Promise<IteratorResult<LlmChunk>> {
    const next = await pending;
    if (!next.done) this.received++;
    return next;
  }
}
