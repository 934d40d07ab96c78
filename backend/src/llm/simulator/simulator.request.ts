/**
 * What the simulator keeps of each request, and its key checks.
 */
import type { IncomingMessage } from 'node:http';
import type { SimulatorOptions } from './simulator.options';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters, e.g. `api-version`. */
  query: Record<string, string>;
  /** Lower-cased names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Parsed JSON body; the raw text if it was not JSON; undefined if empty. */
  body: unknown;
  /** Date.now() when the request had been read. */
  at: number;
}

export function recordRequest(req: IncomingMessage, url: URL, rawBody: string): RecordedRequest {
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
    body: parseJson(rawBody),
    at: Date.now(),
  };
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The `Authorization: Bearer <token>` token, or ''. */
export const bearerToken = (headers: Record<string, string>): string => /^Bearer\s+(\S+)/i.exec(headers.authorization ?? '')?.[1] ?? '';

/** Azure route: with `apiKey` set the api-key header must match; otherwise any non-empty key or bearer token passes. */
export function isAuthorized(headers: Record<string, string>, { apiKey }: Pick<SimulatorOptions, 'apiKey'>): boolean {
  const key = headers['api-key'] ?? '';
  if (apiKey !== undefined) return key === apiKey;
  return key !== '' || bearerToken(headers) !== '';
}

/** OpenAI route: the bearer token must match `apiKey` if set, else be non-empty. */
export function isBearerAuthorized(headers: Record<string, string>, { apiKey }: Pick<SimulatorOptions, 'apiKey'>): boolean {
  const token = bearerToken(headers);
  return apiKey !== undefined ? token === apiKey : token !== '';
}
