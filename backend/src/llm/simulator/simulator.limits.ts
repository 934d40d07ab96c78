/**
 * The request's own limits on a reply: `stop` sequences and `max_tokens`, as
 * a model applies them while generating. A stop sequence ends the reply before
 * it (the sequence itself is not sent) with finish_reason "stop"; reaching
 * max_tokens first ends it with "length".
 */
import { type Piece, splitIntoTokenPieces } from './simulator.tokens';

export interface LimitedReply {
  /** The reply's tokens, one piece each (see splitIntoTokenPieces), after the cut. */
  pieces: Piece[];
  finishReason: 'stop' | 'length';
}

export function applyLimits(reply: string, limits: { stop?: readonly string[]; maxTokens?: number }): LimitedReply {
  const stopAt = Math.min(...(limits.stop ?? []).map((s) => reply.indexOf(s)).filter((i) => i >= 0));
  const text = Number.isFinite(stopAt) ? reply.slice(0, stopAt) : reply;
  const pieces = splitIntoTokenPieces(text);
  if (limits.maxTokens === undefined) return { pieces, finishReason: 'stop' };
  let tokens = 0;
  for (const [i, piece] of pieces.entries()) {
    tokens += piece.tokens;
    if (tokens > limits.maxTokens) return { pieces: pieces.slice(0, i), finishReason: 'length' };
  }
  return { pieces, finishReason: 'stop' };
}
