/**
 * OpenAI's own error responses (api.openai.com), for the /v1 routes. Every
 * body is `{"error":{"message","type","param","code"}}`; the `openai` client
 * maps the status to its error classes as it does for Azure.
 */
import type { SimulatorErrorResponse } from './simulator.errors';
import { DEFAULT_RETRY_AFTER_MS, type SimulatorFault } from './simulator.faults';

const error = (status: number, message: string, type: string, code: string | null, param: string | null = null): SimulatorErrorResponse => ({
  status,
  body: { error: { message, type, param, code } },
});

/** What OpenAI shows of a key: its start and end, never the whole of it. */
const maskKey = (key: string) => (key.length > 8 ? `${key.slice(0, 3)}*${'*'.repeat(Math.min(20, key.length - 7))}${key.slice(-4)}` : '*'.repeat(key.length));

export function invalidApiKey(key: string): SimulatorErrorResponse {
  return error(
    401,
    key
      ? `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`
      : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
          '(i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.',
    'invalid_request_error',
    'invalid_api_key',
  );
}

export const modelNotFound = (model: string) =>
  error(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');

export const unknownUrl = (method: string, path: string) =>
  error(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null);

export const missingModel = () =>
  error(400, 'you must provide a model parameter', 'invalid_request_error', null);

export function rateLimited(model: string, retryAfterMs: number): SimulatorErrorResponse {
  const seconds = Math.max(0.001, retryAfterMs / 1000);
  const response = error(
    429,
    `Rate limit reached for ${model} in organization org-simulator on tokens per min (TPM): Limit 30000, Used 30000, ` +
      `Requested 100. Please try again in ${+seconds.toFixed(3)}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    'tokens',
    'rate_limit_exceeded',
  );
  return { ...response, headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))), 'retry-after-ms': String(retryAfterMs) } };
}

export function serverError(status: 500 | 502 | 503 = 500): SimulatorErrorResponse {
  if (status === 503) return error(503, 'The engine is currently overloaded, please try again later.', 'server_error', null);
  return error(
    status,
    'The server had an error while processing your request. Sorry about that! You can retry your request, or contact us ' +
      'through our help center at help.openai.com if the error persists.',
    'server_error',
    null,
  );
}

/** The error event OpenAI can emit inside an already-started 200 stream. */
export const streamError = () => ({
  error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null },
});

/** The OpenAI-route answer to a fault that fails the request up front, else undefined. */
export function openaiFaultErrorResponse(fault: SimulatorFault | undefined, model: string, key: string): SimulatorErrorResponse | undefined {
  switch (fault?.kind) {
    case 'rate_limit':
      return rateLimited(model, fault.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
    case 'server_error':
      return serverError(fault.status);
    case 'unauthorized':
      return invalidApiKey(key);
    case 'forbidden':
      return error(403, 'Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory');
    case 'deployment_not_found':
      return modelNotFound(model);
    case 'prompt_filtered':
      // OpenAI has no prompt filter annotations; its moderation refuses with a plain 400.
      return error(400, 'Your request was rejected as a result of our safety system.', 'invalid_request_error', 'content_policy_violation', 'messages');
    default:
      return undefined;
  }
}
