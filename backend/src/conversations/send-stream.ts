import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';

/**
 * Writes `chunks` to the response at the pace the client reads them (backpressure), and stops
 * pulling from the generator, ending its queries, when the client goes away.
 */
export async function sendStream(res: Response, chunks: AsyncGenerator<string>): Promise<void> {
  try {
    await pipeline(Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 }), res);
  } catch (error) {
    // The client closed the download: nothing to answer, nothing to log.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw error;
  }
}
