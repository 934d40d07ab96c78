import { filteredCategories } from '../llm/provider-error';
import { LlmError } from '../llm/llm.client';
import type { ErrorCode, MessageStatus } from './widget.events';

export interface ReplyOutcome {
  status: MessageStatus;
  errorCode?: ErrorCode;
  retryAfterMs?: number;
  /** What went wrong, for the log and the owner (stored as `error_detail`); never shown to visitors. */
  detail?: string;
  /** The model stopped at the bot's maxTokens: stored complete, marked as cut short. */
  truncated?: boolean;
  /** Content was filtered: the conversation is flagged for the staff to review. */
  flag?: boolean;
  /** The owner has to fix something (key, endpoint, deployment): logged as an error, not a warning. */
  misconfigured?: boolean;
}

/** How a model stream that finished normally is stored. */
export function outcomeOfFinish(finishReason: string | null, completionFilter?: Record<string, unknown>): ReplyOutcome {
  if (finishReason === 'content_filter') {
    const categories = filteredCategories(completionFilter);
    const detail = `answer filtered mid-stream by Azure's content management policy${categories ? `: ${categories}` : ''}`;
    return { status: 'filtered', errorCode: 'content_filtered', detail, flag: true };
  }
  if (finishReason === null) return { status: 'failed', errorCode: 'upstream_unavailable', detail: 'stream ended without finish_reason' };
  if (finishReason === 'length') return { status: 'complete', truncated: true };
  return { status: 'complete' };
}

/** How a model stream that threw is stored. */
export function outcomeOfError(error: LlmError, abortReason?: 'stopped' | 'shutdown'): ReplyOutcome {
  if (abortReason === 'stopped') return { status: 'stopped' };
  if (abortReason === 'shutdown') return { status: 'failed', errorCode: 'internal', detail: 'server shut down before the reply finished' };
  const detail = error.detail;
  switch (error.kind) {
    case 'filtered':
      return { status: 'filtered', errorCode: 'content_filtered', detail, flag: true };
    case 'rate_limited':
      return { status: 'failed', errorCode: 'upstream_rate_limited', retryAfterMs: error.extra.retryAfterMs, detail };
    case 'aborted':
      return { status: 'failed', errorCode: 'internal', detail };
    case 'misconfigured':
      // Visitors cannot fix a key or a deployment: to them the assistant is just unavailable.
      // The detail already names the endpoint and deployment, the status and what to check.
      return { status: 'failed', errorCode: 'upstream_unavailable', detail: `the model endpoint refused the request: ${detail}`, misconfigured: true };
    case 'timeout':
    case 'circuit_open':
    case 'unavailable':
    case 'broken_stream':
      return { status: 'failed', errorCode: 'upstream_unavailable', detail };
  }
}
