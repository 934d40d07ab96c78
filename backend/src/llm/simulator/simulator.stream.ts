/**
 * Writes one streamed completion: Azure's prompt-filter chunk (Azure route
 * only), role chunk, content chunks after the time to first token and paced
 * at tokensPerSecond (chunks per second), then the ending the plan asks for.
 * Stops all timers as soon as the client goes away.
 */
import type { ServerResponse } from 'node:http';
import { streamError as azureStreamError } from './simulator.errors';
import type { ResponsePlan } from './simulator.faults';
import { streamError as openaiStreamError } from './simulator.openai-errors';
import { pieceIntervalMs } from './simulator.options';
import { preciseNow, stampMarker } from './simulator.stamp';
import {
  type CompletionMeta,
  contentChunk,
  finishChunk,
  promptFilterChunk,
  roleChunk,
  sseEvent,
  usageChunk,
  usageOf,
} from './simulator.sse';

/** Delay between the last piece and the socket reset of a 'drop' fault. */
const DROP_GRACE_MS = 25;

export type StreamOutcome = 'completed' | 'client_closed' | 'dropped';

export interface StreamResult {
  outcome: StreamOutcome;
  /** Content chunks written. */
  piecesSent: number;
}

export interface StreamJob {
  res: ServerResponse;
  plan: ResponsePlan;
  meta: CompletionMeta;
  tokensPerSecond: number;
  /** Set when the stream ends with usage (asked for by `stream_options.include_usage`, and `streamUsage` on). */
  usage?: { promptTokens: number };
  /** Set with the `stampChunks` option: when the request arrived (preciseNow()). */
  stamp?: { receivedAt: number };
}

export function streamCompletion({ res, plan, meta, tokensPerSecond, usage, stamp }: StreamJob): Promise<StreamResult> {
  meta.usageNull = usage !== undefined;
  return new Promise((resolve) => {
    const interval = pieceIntervalMs(tokensPerSecond);
    let sent = 0;
    let tokens = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let stalled = false;
    // Piece `sent` is due at origin + (sent - originPiece) * interval; a stall moves the origin.
    let origin = performance.now() + plan.ttftMs;
    let originPiece = 0;

    const settle = (outcome: StreamOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      res.off('close', onClose);
      resolve({ outcome, piecesSent: sent });
    };
    const onClose = () => settle('client_closed');
    const write = (data: object | '[DONE]') => {
      if (!settled && !res.destroyed) res.write(sseEvent(data));
    };
    const wait = (ms: number) => (timer = setTimeout(tick, Math.max(0, ms)));

    function tick(): void {
      if (settled) return;
      for (;;) {
        if (plan.stall && !stalled && sent === plan.stall.afterPieces) {
          stalled = true;
          if (plan.stall.ms === undefined) return; // silent until the client gives up
          origin = performance.now() + plan.stall.ms;
          originPiece = sent;
        }
        if (sent >= plan.pieces.length) return end();
        const delay = origin + (sent - originPiece) * interval - performance.now();
        // Pieces already due go out in one tick, each as its own chunk (high rates outpace timers).
        if (delay > 0) return void wait(delay);
        const piece = plan.pieces[sent];
        write(contentChunk(meta, stamp ? piece.text + stampMarker(preciseNow(), sent === 0 ? stamp.receivedAt : undefined) : piece.text));
        sent++;
        tokens += piece.tokens;
      }
    }

    function end(): void {
      if (plan.ending === 'drop') {
        settle('dropped');
        // Give the pieces a moment to reach the client: a reset right after the writes can error
        // the client's body stream before it hands them out (an errored ReadableStream drops its queue).
        const drop = setTimeout(() => res.destroy(), DROP_GRACE_MS);
        res.once('close', () => clearTimeout(drop));
        return;
      }
      if (plan.ending === 'error') {
        write(meta.api === 'openai' ? openaiStreamError() : azureStreamError());
      } else {
        if (plan.ending === 'finish') write(finishChunk(meta, plan.finishReason, plan.filtered));
        if (usage) write(usageChunk(meta, usageOf(usage.promptTokens, tokens)));
        write('[DONE]');
      }
      settle('completed');
      res.end();
    }

    res.on('close', onClose);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    if (meta.api === 'azure') write(promptFilterChunk(meta));
    write(roleChunk(meta));
    wait(plan.ttftMs);
  });
}
