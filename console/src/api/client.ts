import { ApiError, errorFromBody } from './errors';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let onUnauthorized: () => void = () => {};

/** Called when a request comes back 401: the session is gone, the app shows the sign-in screen. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Sign-in answers 401 for a wrong password; that is not a lost session. */
  expectUnauthorized?: boolean;
  accept?: string;
}

/** Sends the request with the session cookie; the raw response when it is 2xx, else an ApiError. */
export async function send(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', '');
  }
  if (res.ok) return res;
  const body = await res.json().catch(() => null);
  if (res.status === 401 && !options.expectUnauthorized) onUnauthorized();
  throw errorFromBody(res.status, body);
}

/** JSON in, JSON out; `undefined` for 204. */
export async function api<T>(method: Method, path: string, options?: RequestOptions): Promise<T> {
  const res = await send(method, path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
