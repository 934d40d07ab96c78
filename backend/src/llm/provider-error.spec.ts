import { APIConnectionError, APIError, APIUserAbortError, AuthenticationError, BadRequestError, ConflictError, InternalServerError, NotFoundError, RateLimitError } from 'openai';
import { OutboundRefusedError } from '../outbound/outbound-refused.error';
import { describeCauses, filteredCategories, networkCode, retryAfterMs, safeFilterResults, toLlmError } from './provider-error';
import { LlmError } from './llm.client';

const live = new AbortController().signal;
const headers = (h: Record<string, string>) => new Headers(h);

describe('toLlmError', () => {
  it('maps statuses to the chat’s kinds with the status, the provider’s code and a hint, never the body', () => {
    expect(toLlmError(new RateLimitError(429, { code: '429', message: 'slow down' }, 'slow down', headers({ 'retry-after-ms': '1500' })), live)).toMatchObject({
      kind: 'rate_limited',
      detail: "HTTP 429: rate limited by the endpoint; check the deployment's quota",
      extra: { retryAfterMs: 1500, status: 429 },
    });
    expect(toLlmError(new AuthenticationError(401, { code: '401' }, 'Access denied', headers({})), live)).toMatchObject({
      kind: 'misconfigured',
      detail: 'HTTP 401: check the API key',
      extra: { status: 401 },
    });
    expect(toLlmError(new NotFoundError(404, { code: 'DeploymentNotFound', message: 'secret body' }, 'secret body', headers({})), live)).toMatchObject({
      kind: 'misconfigured',
      detail: 'HTTP 404 DeploymentNotFound: check the deployment name',
    });
    expect(toLlmError(new InternalServerError(503, { code: 'ServiceUnavailable', message: 'busy' }, 'busy', headers({})), live)).toMatchObject({
      kind: 'unavailable',
      detail: 'HTTP 503 ServiceUnavailable: the endpoint failed; it may answer again later',
    });
  });

  it('takes any 4xx but 408 and 429 as this request’s problem, not an outage', () => {
    expect(toLlmError(new BadRequestError(400, { code: 'OperationNotSupported' }, 'x', headers({})), live)).toMatchObject({ kind: 'misconfigured', extra: { status: 400 } });
    expect(toLlmError(new ConflictError(409, undefined, 'x', headers({})), live)).toMatchObject({ kind: 'misconfigured' });
    expect(toLlmError(APIError.generate(408, undefined, 'timeout', headers({})), live)).toMatchObject({ kind: 'unavailable', detail: 'HTTP 408: the endpoint timed out; it may answer again later' });
    expect(toLlmError(APIError.generate(302, undefined, 'moved', headers({ location: 'http://10.0.0.1/' })), live)).toMatchObject({
      kind: 'misconfigured',
      detail: 'HTTP 302: the endpoint redirects elsewhere, which is not followed; check the endpoint URL',
    });
  });

  it('keeps an upstream’s body out of the detail, even a code that is not an identifier', () => {
    const body = 'root:x:0:0:root:/root:/bin/bash REDIS_PASSWORD=hunter2';
    const error = toLlmError(APIError.generate(400, { code: body, message: body }, body, headers({})), live);
    expect(error.detail).toBe("HTTP 400: the endpoint rejected the request; check the deployment's model and the bot's settings (max tokens, temperature)");
    expect(describeCauses(APIError.generate(500, undefined, 'internal detail', headers({})))).toContain('internal detail');
  });

  it('reads a prompt filter’s categories, keeping only what looks like filter results', () => {
    const body = { code: 'content_filter', innererror: { content_filter_result: { hate: { filtered: false, severity: 'safe' }, violence: { filtered: true, severity: 'high' } } } };
    const error = toLlmError(new BadRequestError(400, body, 'filtered', headers({})), live);
    expect(error).toMatchObject({ kind: 'filtered', detail: "prompt filtered by Azure's content management policy: violence (high)" });
    expect(error.extra.contentFilter).toEqual(body.innererror.content_filter_result);
    expect(safeFilterResults({ 'secret value': { filtered: true }, violence: { filtered: true, severity: 'the secret', note: 'x' }, jailbreak: { filtered: false, detected: true } })).toEqual({
      violence: { filtered: true },
      jailbreak: { filtered: false, detected: true },
    });
  });

  it('takes an APIError without status (an error event in a 200 stream) for a broken stream, naming its code only', () => {
    expect(toLlmError(new APIError(undefined, { code: 'server_error' }, 'The server had an error', undefined), live)).toMatchObject({
      kind: 'broken_stream',
      detail: 'error event inside the stream (server_error)',
    });
  });

  it('says one thing for every connection failure, and keeps the cause for the operator’s log', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    const error = new APIConnectionError({ cause });
    expect(toLlmError(error, live)).toMatchObject({ kind: 'unavailable', detail: 'could not connect to the endpoint' });
    expect(describeCauses(error)).toBe('Connection error.: fetch failed: connect ECONNREFUSED 127.0.0.1:9');
    expect(networkCode(error)).toBe('ECONNREFUSED');
  });

  it('takes the outbound guard’s refusal for the owner’s misconfiguration, saying why', () => {
    const error = new APIConnectionError({ cause: new OutboundRefusedError('resolves to a private address') });
    expect(toLlmError(error, live)).toMatchObject({ kind: 'misconfigured', detail: 'endpoint refused: resolves to a private address' });
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
