import { LlmError } from '../llm/llm.client';
import type { ErrorCode, MessageStatus } from './widget.events';

export interface ReplyOutcome {
  status: MessageStatus;
  errorCode?: ErrorCode;
  retryAfterMs?: number;
  /** What went wrong, for the log and the owner; never shown to visitors. */
  detail?: string;
}

/** How a model stream that finished normally is stored. */
export function outcomeOfFinish(finishReason: string | null): ReplyOutcome {
  if (finishReason === 'content_filter') return { status: 'filtered', errorCode: 'content_filtered' };
  if (finishReason === null) return { status: 'failed', errorCode: 'upstream_unavailable', detail: 'stream ended without finish_reason' };
  return { status: 'complete' };
}

/** How a model stream that threw is stored. */
export function outcomeOfError(error: LlmError, abortReason?: 'stopped' | 'shutdown'): ReplyOutcome {
  if (abortReason === 'stopped') return { status: 'stopped' };
  if (abortReason === 'shutdown') return { status: 'failed', errorCode: 'internal', detail: 'server shut down before the reply finished' };
  switch (error.kind) {
    case 'filtered':
      return { status: 'filtered', errorCode: 'content_filtered', detail: error.detail };
    case 'rate_limited':
      return { status: 'failed', errorCode: 'upstream_rate_limited', retryAfterMs: error.extra.retryAfterMs, detail: error.detail };
    case 'aborted':
      return { status: 'failed', errorCode: 'internal', detail: error.detail };
    case 'unavailable':
    case 'misconfigured':
    case 'broken_stream':
      return { status: 'failed', errorCode: 'upstream_unavailable', detail: error.detail };
  }
}
