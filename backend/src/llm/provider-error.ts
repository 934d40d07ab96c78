import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { findRefusal } from '../outbound/outbound-refused.error';
import { LlmError } from './llm.client';
import { COULD_NOT_CONNECT, describeStatus, providerCode } from './upstream-hint';

/**
 * Maps what the `openai` client throws to the chat's LlmError kinds, for every provider: Azure
 * OpenAI and OpenAI-compatible servers answer errors in the same `{"error":{code,…}}` shape. The
 * `detail` is what an owner may read (stored as the reply's error detail): the status, the
 * provider's code and a hint, or one sentence for any connection failure — never the upstream's
 * body or the network's reasons.
 * `describeCauses` (below) has more, for the operator's log only.
 */
export function toLlmError(error: unknown, signal: AbortSignal): LlmError {
  if (error instanceof LlmError) return error;
  if (signal.aborted || error instanceof APIUserAbortError) return new LlmError('aborted', 'aborted by the caller');
  const refusal = findRefusal(error);
  // The owner's endpoint breaks the outbound rules: their setting to fix, not an outage.
  if (refusal) return new LlmError('misconfigured', refusal.message);
  if (error instanceof APIError && error.status === undefined && !(error instanceof APIConnectionError)) {
    // The SDK throws an APIError without status for an `{"error":…}` event inside a 200 stream.
    return new LlmError('broken_stream', inStreamError(error.code));
  }
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    const code = providerCode(error.code);
    if (status === 429) return new LlmError('rate_limited', describeStatus(status, code), { retryAfterMs: retryAfterMs(error.headers), status });
    if (status === 400 && error.code === 'content_filter') {
      const inner = (error.error as { innererror?: { content_filter_result?: Record<string, unknown> } } | undefined)?.innererror;
      const results = safeFilterResults(inner?.content_filter_result);
      const categories = filteredCategories(results);
      return new LlmError('filtered', `prompt filtered by Azure's content management policy${categories ? `: ${categories}` : ''}`, { status, contentFilter: results });
    }
    // Only a timeout or the server's own failure says the upstream is unwell; any other answer
    // (a 4xx, a redirect) is about this request or this bot's settings and will not get better.
    if (status === 408 || status >= 500) return new LlmError('unavailable', describeStatus(status, code), { status });
    return new LlmError('misconfigured', describeStatus(status, code), { status });
  }
  return new LlmError('unavailable', COULD_NOT_CONNECT);
}

/** "error event inside the stream (server_error)": the event's code, never its message. */
export function inStreamError(code: unknown): string {
  const safe = providerCode(code);
  return `error event inside the stream${safe ? ` (${safe})` : ''}`;
}

/** The first system error code in the cause chain (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`). */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
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

/**
 * "Connection error.: fetch failed: connect ECONNREFUSED 127.0.0.1:9" — every level of `cause`;
 * for an HTTP error the SDK's message, which is the upstream's. For the operator's log of the
 * operator's own endpoint only; an owner's endpoint gets `networkCode` at most.
 */
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

const FILTER_SEVERITIES = new Set(['safe', 'low', 'medium', 'high']);

/**
 * Azure's content-filter results reduced to what they are meant to say: category names that look
 * like names, with their filtered/detected flags and severity. They are stored and shown to the
 * staff, so nothing else an upstream put in that object is kept.
 */
export function safeFilterResults(results: unknown): Record<string, { filtered: boolean; severity?: string; detected?: boolean }> | undefined {
  if (!results || typeof results !== 'object') return undefined;
  const safe: Record<string, { filtered: boolean; severity?: string; detected?: boolean }> = {};
  for (const [name, value] of Object.entries(results).slice(0, 20)) {
    if (!/^[a-z][a-z_]{0,39}$/.test(name) || !value || typeof value !== 'object') continue;
    const { filtered, severity, detected } = value as { filtered?: unknown; severity?: unknown; detected?: unknown };
    safe[name] = {
      filtered: filtered === true,
      ...(typeof severity === 'string' && FILTER_SEVERITIES.has(severity) ? { severity } : {}),
      ...(typeof detected === 'boolean' ? { detected } : {}),
    };
  }
  return Object.keys(safe).length ? safe : undefined;
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
