import { Readable } from 'node:stream';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * The `data` of the server-sent events of a streaming response, in order, until `[DONE]`: one
 * array per read of the body, holding every event that read completed. A backend that falls
 * behind finds several events in one read and passes them on together (as one delta, see
 * azure-llm.client.ts) instead of one write per event to every visitor.
 * One loop over the body with a synchronous parser: the `openai` SDK's own stream goes through
 * four async generators and copies every chunk (docs/performance.md). Throws what reading the
 * body throws (abort, a connection lost mid-stream).
 */
export async function* sseData(body: ReadableStream<Uint8Array> | Readable): AsyncGenerator<string[]> {
  if (body instanceof Readable) {
    yield* nodeSseData(body);
    return;
  }
  let pending: string[] = [];
  let done = false;
  const parser = createParser({
    onEvent(event: EventSourceMessage) {
      if (done) return;
      if (event.data === '[DONE]') done = true;
      else pending.push(event.data);
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    while (!done) {
      const { value, done: ended } = await reader.read();
      if (ended) {
        // The blank line ends an event the server left unterminated (as the SDK does).
        parser.feed(`${decoder.decode()}\n\n`);
        break;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      if (pending.length) {
        const batch = pending;
        pending = [];
        yield batch;
      }
    }
    if (pending.length) yield pending;
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
  let pending: string[] = [];
  let done = false;
  const parser = createParser({
    onEvent(event: EventSourceMessage) {
      if (done) return;
      if (event.data === '[DONE]') done = true;
      else pending.push(event.data);
    },
  });
  body.setEncoding('utf8');
  let finished = false;
  try {
    // Left early at [DONE] without destroying the stream: what follows is drained below.
    for await (const text of body.iterator({ destroyOnReturn: false }) as AsyncIterable<string>) {
      parser.feed(text);
      if (pending.length) {
        const batch = pending;
        pending = [];
        yield batch;
      }
      if (done) break;
    }
    if (!done) parser.feed('\n\n');
    if (pending.length) yield pending;
    finished = true;
  } finally {
    if (finished && !body.destroyed) body.resume();
    else body.destroy();
  }
}
