import { LlmChunk, LlmError } from './llm.client';
import { LlmTimeouts } from './llm.client';
import { StreamWatchdog } from './stream-watchdog';

/** The source through the watchdog, as the retry layer reads it. */
async function* watchStream(source: AsyncIterable<LlmChunk>, timeouts: LlmTimeouts | undefined, abort: () => void): AsyncGenerator<LlmChunk> {
  const watchdog = new StreamWatchdog(timeouts, abort);
  const iterator = source[Symbol.asyncIterator]();
  for (let next = await watchdog.next(iterator); !next.done; next = await watchdog.next(iterator)) yield next.value;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const delta = (text: string): LlmChunk => ({ type: 'delta', text });

/** A source that waits `gaps[i]` before chunk i, and honours an abort like the Azure client. */
function source(gaps: number[], signal: AbortSignal): AsyncIterable<LlmChunk> {
  return (async function* () {
    for (const [i, gap] of gaps.entries()) {
      await Promise.race([delay(gap), new Promise((_, reject) => signal.addEventListener('abort', () => reject(new LlmError('aborted', 'aborted'))))]);
      yield delta(String(i));
    }
  })();
}

async function run(gaps: number[], timeouts = { firstTokenMs: 40, stallMs: 40 }) {
  const controller = new AbortController();
  const seen: string[] = [];
  let error: unknown;
  try {
    for await (const chunk of watchStream(source(gaps, controller.signal), timeouts, () => controller.abort())) if (chunk.type === 'delta') seen.push(chunk.text);
  } catch (e) {
    error = e;
  }
  return { seen, error: error as LlmError | undefined, aborted: controller.signal.aborted };
}

describe('StreamWatchdog', () => {
  it('passes a stream that keeps talking through untouched', async () => {
    expect(await run([5, 5, 5])).toEqual({ seen: ['0', '1', '2'], error: undefined, aborted: false });
  });

  it('gives up when the first token does not come in time, and aborts the request', async () => {
    const { seen, error, aborted } = await run([200, 5]);
    expect(seen).toEqual([]);
    expect(error).toMatchObject({ kind: 'timeout', detail: 'no first token within 40 ms' });
    expect(aborted).toBe(true);
  });

  it('gives up on a stall mid-stream, keeping what came before', async () => {
    const { seen, error, aborted } = await run([5, 5, 300, 5]);
    expect(seen).toEqual(['0', '1']);
    expect(error).toMatchObject({ kind: 'timeout', detail: 'stream stalled: nothing for 40 ms after 2 chunks' });
    expect(aborted).toBe(true);
  });

  it('allows a slow first token and a faster stall limit separately', async () => {
    expect((await run([80, 5], { firstTokenMs: 150, stallMs: 30 })).seen).toEqual(['0', '1']);
  });

  it('does not count the time the consumer takes', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const chunk of watchStream(source([1, 1, 1], controller.signal), { firstTokenMs: 30, stallMs: 30 }, () => controller.abort())) {
      if (chunk.type === 'delta') seen.push(chunk.text);
      await delay(60);
    }
    expect(seen).toEqual(['0', '1', '2']);
  });

  it('passes errors of the source through as they are', async () => {
    const failing = (async function* () {
      yield delta('a');
      throw new LlmError('broken_stream', 'dropped');
    })();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of watchStream(failing, undefined, () => undefined)) if (chunk.type === 'delta') seen.push(chunk.text);
      })(),
    ).rejects.toMatchObject({ kind: 'broken_stream' });
    expect(seen).toEqual(['a']);
  });
});
