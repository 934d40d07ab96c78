/**
 * A `text/event-stream` reader for streams that come from a POST (EventSource can only GET).
 * `push` takes text as it arrives, cut anywhere; each complete event's `data` goes to `onData`.
 */
export function createSseParser(onData: (data: string) => void) {
  let buffer = '';
  let data: string[] = [];
  let pendingCr = false;

  function line(text: string): void {
    if (text === '') {
      if (data.length) onData(data.join('\n'));
      data = [];
      return;
    }
    if (text.startsWith(':')) return; // a comment (keep-alive)
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
  }

  return {
    push(chunk: string): void {
      if (!chunk) return;
      // A \r\n cut between two chunks is one line end, not two.
      if (pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
      pendingCr = chunk.endsWith('\r');
      buffer += chunk;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop()!;
      for (const text of lines) line(text);
    },
    /** The stream ended: an event not closed by a blank line still counts. */
    end(): void {
      if (buffer) line(buffer);
      buffer = '';
      line('');
    },
  };
}

/** Reads a fetch response's body as server-sent events, each `data` parsed as JSON. */
export async function readJsonEvents(res: Response, onEvent: (event: unknown) => void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser((data) => {
    try {
      onEvent(JSON.parse(data));
    } catch {
      // not JSON: nothing this console knows how to show
    }
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.decode(value, { stream: true }));
  }
  parser.push(decoder.decode());
  parser.end();
}
