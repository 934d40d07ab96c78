import { APIConnectionError, APIError, APIUserAbortError, AuthenticationError, BadRequestError, InternalServerError, RateLimitError } from 'openai';
import { describeCauses, filteredCategories, retryAfterMs, toLlmError } from './azure-error';
import { LlmError } from './llm.client';

const live = new AbortController().signal;
const headers = (h: Record<string, string>) => new Headers(h);

describe('toLlmError', () => {
  it('maps Azure statuses to the chat’s kinds, keeping the real reason', () => {
    expect(toLlmError(new RateLimitError(429, { code: '429', message: 'slow down' }, 'slow down', headers({ 'retry-after-ms': '1500' })), live)).toMatchObject({
      kind: 'rate_limited',
      extra: { retryAfterMs: 1500, status: 429 },
    });
    expect(toLlmError(new AuthenticationError(401, { code: '401' }, 'Access denied', headers({})), live)).toMatchObject({ kind: 'misconfigured', extra: { status: 401 } });
    expect(toLlmError(new InternalServerError(503, { code: 'ServiceUnavailable', message: 'busy' }, 'busy', headers({})), live)).toMatchObject({
      kind: 'unavailable',
      detail: '503 busy (ServiceUnavailable)',
    });
  });

  it('reads a prompt filter’s categories', () => {
    const body = { code: 'content_filter', innererror: { content_filter_result: { hate: { filtered: false, severity: 'safe' }, violence: { filtered: true, severity: 'high' } } } };
    const error = toLlmError(new BadRequestError(400, body, 'filtered', headers({})), live);
    expect(error).toMatchObject({ kind: 'filtered', detail: "prompt filtered by Azure's content management policy: violence (high)" });
    expect(error.extra.contentFilter).toEqual(body.innererror.content_filter_result);
  });

  it('takes an APIError without status (an error event in a 200 stream) for a broken stream', () => {
    expect(toLlmError(new APIError(undefined, { code: 'x' }, 'The server had an error', undefined), live)).toMatchObject({ kind: 'broken_stream' });
  });

  it('names the network cause of a connection error', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    expect(toLlmError(new APIConnectionError({ cause }), live)).toMatchObject({ kind: 'unavailable', detail: 'Connection error.: fetch failed: connect ECONNREFUSED 127.0.0.1:9' });
  });

  it('calls anything after the caller’s abort an abort', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toLlmError(new Error('whatever'), controller.signal)).toMatchObject({ kind: 'aborted' });
    expect(toLlmError(new APIUserAbortError(), live)).toMatchObject({ kind: 'aborted' });
  });

  it('passes LlmErrors through', () => {
    const error = new LlmError('timeout', 'x');
    expect(toLlmError(error, live)).toBe(error);
  });
});

describe('retryAfterMs', () => {
  it('prefers retry-after-ms, then retry-after in seconds or as a date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '1' }))).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }), Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('describeCauses / filteredCategories', () => {
  it('adds a code the message lacks and skips repeats', () => {
    const error = new Error('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(describeCauses(error)).toBe('terminated: other side closed (UND_ERR_SOCKET)');
  });

  it('lists only the filtered categories', () => {
    expect(filteredCategories({ hate: { filtered: false }, jailbreak: { filtered: true, detected: true } })).toBe('jailbreak');
    expect(filteredCategories(undefined)).toBe('');
  });
});
