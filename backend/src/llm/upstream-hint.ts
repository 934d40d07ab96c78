/**
 * What an owner is told about a failed call to a model endpoint: the HTTP status, the provider's
 * error code and what to check. Never the body: an endpoint's answer can be anything (another
 * service's page, a secret), and the differences between network errors would map a network.
 */

/** Said for every failure to reach an endpoint: refused, reset, TLS or DNS alike. */
export const COULD_NOT_CONNECT = 'could not connect to the endpoint';

/**
 * A provider's error code as it may be shown: an identifier (`DeploymentNotFound`,
 * `content_filter`, `invalid_api_key`), else nothing. A numeric code repeating the status says nothing.
 */
export function providerCode(code: unknown): string | undefined {
  return typeof code === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(code) ? code : undefined;
}

/** `HTTP 404 DeploymentNotFound: check the deployment name`. */
export function describeStatus(status: number, code: string | undefined): string {
  return `HTTP ${status}${code ? ` ${code}` : ''}: ${hintFor(status, code)}`;
}

function hintFor(status: number, code: string | undefined): string {
  const c = code?.toLowerCase() ?? '';
  if (status >= 300 && status < 400) return 'the endpoint redirects elsewhere, which is not followed; check the endpoint URL';
  if (status === 400 && c.includes('context_length')) return 'the prompt is longer than the model accepts; lower the history budget or shorten the role';
  if (status === 400) return "the endpoint rejected the request; check the deployment's model and the bot's settings (max tokens, temperature)";
  if (status === 401) return 'check the API key';
  if (status === 403) return "check the API key's permissions and the resource's network rules";
  if (status === 404 && c.includes('deployment')) return 'check the deployment name';
  if (status === 404 && c.includes('model')) return 'check the model name';
  if (status === 404) return 'check the endpoint URL and the deployment name';
  if (status === 408) return 'the endpoint timed out; it may answer again later';
  if (status === 429) return "rate limited by the endpoint; check the deployment's quota";
  if (status >= 500) return 'the endpoint failed; it may answer again later';
  return 'unexpected answer; check the endpoint URL';
}
