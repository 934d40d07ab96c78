import type { Response } from 'express';

/**
 * Answers with `text/event-stream`, one `data:` line per event. When the client goes away the
 * signal aborts, so whatever produces the events (an upstream model stream) stops too.
 */
export async function sendEventStream(res: Response, events: (signal: AbortSignal) => AsyncIterable<unknown>): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  for await (const event of events(controller.signal)) {
    if (controller.signal.aborted) return;
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  }
  res.end();
}
