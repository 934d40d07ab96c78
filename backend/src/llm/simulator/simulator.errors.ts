/**
 * Azure OpenAI's error responses, with the bodies and headers the service
 * returns (the `openai` client maps the status to its error classes and
 * exposes the body's `error` object as `code`, `param`, `type` and `error`).
 */
import { type FilterCategory, promptFilterResults } from './simulator.content-filter';

export interface SimulatorErrorResponse {
  status: number;
  body: { error: Record<string, unknown> };
  headers?: Record<string, string>;
}

const error = (status: number, code: string, message: string): SimulatorErrorResponse => ({
  status,
  body: { error: { code, message } },
});

/** Unknown route, or a request without `api-version` (Azure answers 404 to both). */
export const resourceNotFound = () => error(404, '404', 'Resource not found');

export const unauthorized = () =>
  error(
    401,
    '401',
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key ' +
      'for an active subscription and use a correct regional API endpoint for your resource.',
  );

export const forbidden = () => error(403, '403', 'Access denied due to Virtual Network/Firewall rules.');

export const deploymentNotFound = () =>
  error(
    404,
    'DeploymentNotFound',
    'The API deployment for this resource does not exist. If you created the deployment within the last ' +
      '5 minutes, please wait a moment and try again.',
  );

/** The token-rate-limit 429; Azure states the wait in whole seconds, in the message and headers. */
export function rateLimited(apiVersion: string, retryAfterMs: number): SimulatorErrorResponse {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const response = error(
    429,
    '429',
    `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${apiVersion} have ` +
      `exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${seconds} seconds. ` +
      'Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.',
  );
  return { ...response, headers: { 'retry-after': String(seconds), 'retry-after-ms': String(retryAfterMs) } };
}

export function serverError(status: 500 | 502 | 503 = 500): SimulatorErrorResponse {
  if (status === 503) {
    return error(503, 'ServiceUnavailable', 'The service is temporarily unable to process your request. Please try again later.');
  }
  return error(
    status,
    'InternalServerError',
    'The server had an error while processing your request. Sorry about that! You can retry your request.',
  );
}

/** The 400 Azure returns when the prompt itself trips the content filter. */
export function promptFiltered(category: FilterCategory = 'violence'): SimulatorErrorResponse {
  return {
    status: 400,
    body: {
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. " +
          'Please modify your prompt and retry. To learn more about our content filtering policies please read ' +
          'our documentation: https://go.microsoft.com/fwlink/?linkid=2198766',
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: promptFilterResults(category) },
      },
    },
  };
}

/**
 * An invalid request, in the OpenAI shape both Azure and OpenAI use for validation errors:
 * `param` names the offending parameter (e.g. `temperature`, `messages[0].role`), `code`
 * the kind of violation (e.g. `decimal_above_max_value`) where the services give one.
 */
export function badRequest(message: string, param: string | null = null, code: string | null = null): SimulatorErrorResponse {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

/** The error event Azure can emit inside an already-started 200 stream. */
export const streamError = () => ({
  error: { code: 'InternalServerError', message: 'The server had an error while processing your request. Sorry about that!' },
});
