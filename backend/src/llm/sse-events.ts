import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * The `data` of each server-sent event of a streaming response, in order, until `[DONE]`.
 * One loop over the body with a synchronous parser: the `openai` SDK's own stream goes through
 * four async generators and copies every chunk, which was a tenth of the backend's CPU per
 * streamed delta (docs/performance.md). Throws what reading the body throws (abort, a
 * connection lost mid-stream).
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const pending: string[] = [];
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
      for (let i = 0; i < pending.length; i++) yield pending[i];
      pending.length = 0;
    }
    for (const data of pending) yield data;
  } finally {
    // Finished early ([DONE], the caller stopped, or an error): close the connection.
    reader.cancel().catch(() => undefined);
  }
}
