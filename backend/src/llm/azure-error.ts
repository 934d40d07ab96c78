import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { LlmError } from './llm.client';

/**
 * Maps what the `openai` client throws to the chat's LlmError kinds. The `detail` keeps the real
 * reason (status, Azure's code and message, the network cause) for the owner.
 */
export function toLlmError(error: unknown, signal: AbortSignal): LlmError {
  if (error instanceof LlmError) return error;
  if (signal.aborted || error instanceof APIUserAbortError) return new LlmError('aborted', 'aborted by the caller');
  if (error instanceof APIError && error.status === undefined && !(error instanceof APIConnectionError)) {
    // The SDK throws an APIError without status for an `{"error":…}` event inside a 200 stream.
    return new LlmError('broken_stream', `error event inside the stream: ${error.message}`);
  }
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    const code = error.code && error.code !== String(status) ? ` ${error.code}` : '';
    if (status === 429) {
      return new LlmError('rate_limited', `${error.message}`, { retryAfterMs: retryAfterMs(error.headers), status });
    }
    if (status === 400 && error.code === 'content_filter') {
      const inner = (error.error as { innererror?: { content_filter_result?: Record<string, unknown> } } | undefined)?.innererror;
      const categories = filteredCategories(inner?.content_filter_result);
      return new LlmError('filtered', `prompt filtered by Azure's content management policy${categories ? `: ${categories}` : ''}`, {
        status,
        contentFilter: inner?.content_filter_result,
      });
    }
    if (status === 401 || status === 403 || status === 404) return new LlmError('misconfigured', `${error.message}${code ? ` (${code.trim()})` : ''}`, { status });
    return new LlmError('unavailable', `${error.message}${code ? ` (${code.trim()})` : ''}`, { status });
  }
  return new LlmError('unavailable', describeCauses(error));
}

/**
 * Azure states the wait in `retry-after-ms`, `retry-after` (seconds) or, per HTTP, `retry-after` as
 * a date. Undefined when none is usable.
 */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(after);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** "Connection error.: fetch failed: connect ECONNREFUSED 127.0.0.1:9" — every level of `cause`. */
export function describeCauses(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { message, code, cause } = current as { message?: unknown; code?: unknown; cause?: unknown };
    let part = typeof message === 'string' ? message : String(current);
    if (typeof code === 'string' && !part.includes(code)) part += ` (${code})`;
    if (part && !parts.includes(part)) parts.push(part);
    current = cause;
  }
  return parts.join(': ') || 'unknown error';
}

/** "violence (medium), hate (high)" from Azure's content-filter results. */
export function filteredCategories(results: Record<string, unknown> | undefined): string {
  if (!results) return '';
  return Object.entries(results)
    .filter(([, r]) => (r as { filtered?: boolean } | null)?.filtered)
    .map(([name, r]) => {
      const severity = (r as { severity?: string }).severity;
      return severity ? `${name} (${severity})` : name;
    })
    .join(', ');
}
