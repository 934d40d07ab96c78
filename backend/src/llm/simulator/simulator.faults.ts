/**
 * Faults the simulator can be told to inject (`injectFault`). Each queued fault
 * is consumed by the next request. Faults of the first group answer with an
 * error status before any stream starts; the others shape a 200 response.
 */
import { type FilterCategory, type SeverityCategory } from './simulator.content-filter';
import * as errors from './simulator.errors';
import type { Piece } from './simulator.tokens';

export type SimulatorFault =
  // Answered with an error status, before any stream.
  | { kind: 'rate_limit'; retryAfterMs?: number }
  | { kind: 'server_error'; status?: 500 | 502 | 503 }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden' }
  | { kind: 'deployment_not_found' }
  | { kind: 'prompt_filtered'; category?: FilterCategory }
  // Shape the 200 response; `afterPieces` counts content chunks already sent (each holds
  // `azureTokensPerChunk` / `openaiTokensPerChunk` tokens).
  | { kind: 'completion_filtered'; afterPieces: number; category?: SeverityCategory }
  | { kind: 'length'; afterPieces: number }
  /** Pause after N pieces for `ms`, or until the client goes away if `ms` is unset. */
  | { kind: 'stall'; afterPieces: number; ms?: number }
  /** Destroy the socket after N pieces: no finish_reason, no [DONE]. */
  | { kind: 'drop'; afterPieces: number }
  /** End with [DONE] but never send a finish_reason (after N pieces, or the whole reply). */
  | { kind: 'no_finish'; afterPieces?: number }
  /** Send an `{"error":…}` event inside the 200 stream after N pieces, then end. */
  | { kind: 'error_in_stream'; afterPieces: number }
  | { kind: 'slow_first_token'; ms: number };

export type SimulatorFaultKind = SimulatorFault['kind'];

/** The faults an embeddings request can be given: those that fail it up front. */
export type EmbeddingFault = Extract<SimulatorFault, { kind: 'rate_limit' | 'server_error' | 'unauthorized' | 'forbidden' | 'deployment_not_found' }>;

export const DEFAULT_RETRY_AFTER_MS = 1000;

/** The error response for a fault that fails the request up front, else undefined. */
export function faultErrorResponse(fault: SimulatorFault | undefined, apiVersion: string): errors.SimulatorErrorResponse | undefined {
  switch (fault?.kind) {
    case 'rate_limit':
      return errors.rateLimited(apiVersion, fault.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
    case 'server_error':
      return errors.serverError(fault.status);
    case 'unauthorized':
      return errors.unauthorized();
    case 'forbidden':
      return errors.forbidden();
    case 'deployment_not_found':
      return errors.deploymentNotFound();
    case 'prompt_filtered':
      return errors.promptFiltered(fault.category);
    default:
      return undefined;
  }
}

export type FinishReason = 'stop' | 'length' | 'content_filter';

/** How a 200 response unfolds: which pieces go out, and how it ends. */
export interface ResponsePlan {
  ttftMs: number;
  /** The content chunks to send, already cut by stop, max_tokens or a fault. */
  pieces: Piece[];
  /** 'finish' is the normal end; the others are faults. */
  ending: 'finish' | 'drop' | 'error' | 'no_finish';
  finishReason: FinishReason;
  /** The completion category reported as filtered when finishReason is content_filter. */
  filtered?: SeverityCategory;
  stall?: { afterPieces: number; ms?: number };
}

/**
 * Plans the response to a request: `pieces` are the reply's content chunks,
 * already cut by the request's stop and max_tokens (which chose
 * `finishReason`); a fault may cut them further and end the response its way.
 */
export function planResponse(pieces: Piece[], ttftMs: number, finishReason: FinishReason, fault?: SimulatorFault): ResponsePlan {
  const plan: ResponsePlan = { ttftMs, pieces, ending: 'finish', finishReason };
  const cut = (n: number) => (plan.pieces = plan.pieces.slice(0, Math.max(0, n)));
  switch (fault?.kind) {
    case 'completion_filtered':
      cut(fault.afterPieces);
      plan.finishReason = 'content_filter';
      plan.filtered = fault.category ?? 'violence';
      break;
    case 'length':
      cut(fault.afterPieces);
      plan.finishReason = 'length';
      break;
    case 'stall':
      plan.stall = { afterPieces: Math.min(Math.max(0, fault.afterPieces), plan.pieces.length), ms: fault.ms };
      break;
    case 'drop':
      cut(fault.afterPieces);
      plan.ending = 'drop';
      break;
    case 'no_finish':
      if (fault.afterPieces !== undefined) cut(fault.afterPieces);
      plan.ending = 'no_finish';
      break;
    case 'error_in_stream':
      cut(fault.afterPieces);
      plan.ending = 'error';
      break;
    case 'slow_first_token':
      plan.ttftMs = fault.ms;
      break;
  }
  return plan;
}
