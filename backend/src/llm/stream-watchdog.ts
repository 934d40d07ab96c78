import { LlmChunk, LlmError, LlmTimeouts } from './llm.client';

/**
 * Passes a model stream through, giving it up when it stays silent too long: `firstTokenMs` for
 * the first chunk, `stallMs` between later ones. On a timeout it calls `abort` (which must end
 * the request underneath) and throws a `timeout` LlmError; what was yielded before stays yielded.
 * Only time spent waiting on the source counts, never time the consumer takes.
 */
export async function* watchStream(source: AsyncIterable<LlmChunk>, timeouts: LlmTimeouts | undefined, abort: () => void): AsyncGenerator<LlmChunk> {
  const iterator = source[Symbol.asyncIterator]();
  let received = 0;
  try {
    for (;;) {
      const limit = received === 0 ? timeouts?.firstTokenMs : timeouts?.stallMs;
      const reason = () => (received === 0 ? `no first token within ${limit} ms` : `stream stalled: nothing for ${limit} ms after ${received} chunks`);
      const next = await within(iterator.next(), limit, () => {
        abort();
        return new LlmError('timeout', reason());
      });
      if (next.done) return;
      received++;
      yield next.value;
    }
  } finally {
    // Ends the source when the consumer stops early; never waits on a source that hangs.
    iterator.return?.()?.catch(() => undefined);
  }
}

function within<T>(promise: Promise<T>, ms: number | undefined, onTimeout: () => Error): Promise<T> {
  if (!ms) return promise;
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(onTimeout());
    }, ms);
    // After a timeout the source still settles (aborted); that late result is dropped.
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (!timedOut) resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!timedOut) reject(error);
      },
    );
  });
}
