import { sseData } from './sse-events';

/** A body delivering `text` as bytes cut at the given offsets. */
function body(text: string, cuts: number[] = []): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const points = [0, ...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i + 1 >= points.length) return controller.close();
      controller.enqueue(bytes.slice(points[i], points[i + 1]));
      i++;
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of sseData(stream)) out.push(...batch);
  return out;
}

describe('sseData', () => {
  const events = 'data: {"a":"你好"}\n\ndata: {"b":2}\n\n: keep-alive comment\n\ndata: [DONE]\n\ndata: {"after":"done"}\n\n';

  it('yields each event in order and stops at [DONE]', async () => {
    expect(await all(body(events))).toEqual(['{"a":"你好"}', '{"b":2}']);
  });

  it('gives the same events however the bytes are cut, inside a UTF-8 character too', async () => {
    const length = new TextEncoder().encode(events).length;
    for (let cut = 1; cut < length; cut++) {
      expect(await all(body(events, [cut, cut + 3]))).toEqual(['{"a":"你好"}', '{"b":2}']);
    }
  });

  it('gives the events one read completed together, and none twice', async () => {
    const batches: string[][] = [];
    for await (const batch of sseData(body('data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4', [3, 20]))) batches.push(batch);
    // Reads: "dat" (nothing complete), "a: 1…data: 2\n\nd" (1 and 2), the rest (3, then 4 at the end).
    expect(batches).toEqual([['1', '2'], ['3'], ['4']]);
  });

  it('reads CRLF line ends, multi-line data and a last event without its blank line', async () => {
    expect(await all(body('data: one\r\ndata: two\r\n\r\ndata: last'))).toEqual(['one\ntwo', 'last']);
  });

  it('throws what reading the body throws, after the events before it', async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new TextEncoder().encode('data: first\n\n'));
        } else controller.error(new TypeError('terminated'));
      },
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const batch of sseData(broken)) seen.push(...batch);
      })(),
    ).rejects.toThrow('terminated');
    expect(seen).toEqual(['first']);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: x\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const batch of sseData(endless)) {
      expect(batch).toEqual(['x']);
      break;
    }
    expect(cancelled).toBe(true);
  });
});
