import { Readable } from 'node:stream';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * The `data` of the server-sent events of a streaming response, in order, until `[DONE]`: one
 * array per read of the body, holding every event that read completed. A backend that falls
 * behind finds several events in one read and passes them on together (as one delta, see
 * openai-shaped.client.ts) instead of one write per event to every visitor.
 * One loop over the body with a synchronous parser: the `openai` SDK's own stream goes through
 * four async generators and copies every chunk (docs/performance.md). Throws what reading the
 * body throws (abort, a connection lost mid-stream).
 */
export async function* sseData(body: ReadableStream<Uint8Array> | Readable): AsyncGenerator<string[]> {
  if (body instanceof Readable) {
    yield* nodeSseData(body);
    return;
  }
  const events = new EventBatches();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    while (!events.done) {
      const { value, done: ended } = await reader.read();
      // At the end, the blank line ends an event the server left unterminated (as the SDK does).
      const batch = events.feed(ended ? `${decoder.decode()}\n\n` : decoder.decode(value, { stream: true }));
      if (batch) yield batch;
      if (ended) break;
    }
  } finally {
    // Finished early ([DONE], the caller stopped, or an error): close the connection.
    reader.cancel().catch(() => undefined);
  }
}

/**
 * The same from a Node stream (outbound/http-fetch.ts keeps event streams as they come off the
 * socket). After `[DONE]` the rest of the answer is drained, so its connection goes back to the
 * keep-alive pool; after an error or an early stop it is closed.
 */
async function* nodeSseData(body: Readable): AsyncGenerator<string[]> {
  const events = new EventBatches();
  body.setEncoding('utf8');
  let finished = false;
  try {
    // Left early at [DONE] without destroying the stream: what follows is drained below.
    for await (const text of body.iterator({ destroyOnReturn: false }) as AsyncIterable<string>) {
      const batch = events.feed(text);
      if (batch) yield batch;
      if (events.done) break;
    }
    if (!events.done) {
      const last = events.feed('\n\n');
      if (last) yield last;
    }
    finished = true;
  } finally {
    if (finished && !body.destroyed) body.resume();
    else body.destroy();
  }
}

/** The events' data, parsed as text comes in, handed out per read; nothing after `[DONE]`. */
class EventBatches {
  done = false;
  private pending: string[] = [];
  private readonly parser = createParser({
    onEvent: (event: EventSourceMessage) => {
      if (this.done) return;
      if (event.data === '[DONE]') this.done = true;
      else this.pending.push(event.data);
    },
  });

  /** The data of the events this text completed; undefined when none. */
  feed(text: string): string[] | undefined {
    this.parser.feed(text);
    if (!this.pending.length) return undefined;
    const batch = this.pending;
    this.pending = [];
    return batch;
  }
}
