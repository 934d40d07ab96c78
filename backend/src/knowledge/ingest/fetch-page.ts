import type { FetchLike } from '../../outbound/http-fetch';
import { IngestError } from './ingest.types';
import { formatBytes } from './text-normalize';

export interface PageRequest {
  fetch: FetchLike;
  maxBytes: number;
  signal?: AbortSignal;
  userAgent: string;
}

export interface FetchedPage {
  /** Where the content came from, after redirects. */
  url: URL;
  contentType: string;
  bytes: Uint8Array;
}

const MAX_REDIRECTS = 5;

/**
 * One URL's body. Redirects are followed within the origin only (at most five); HTTP and network
 * errors are 'fetch_failed', a body over `maxBytes` is 'too_large' (reading stops there).
 */
export async function fetchPage(start: URL, request: PageRequest): Promise<FetchedPage> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await send(url, request);
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel().catch(() => {});
      const target = new URL(response.headers.get('location')!, url);
      target.hash = '';
      if (target.origin !== start.origin) {
        throw new IngestError('redirected_away', `${url.href} redirects to ${target.href}, which is another site; add ${target.href} as the address instead.`);
      }
      if (hop >= MAX_REDIRECTS) throw new IngestError('fetch_failed', `${start.href} redirects more than ${MAX_REDIRECTS} times; add the page's final address instead.`);
      url = target;
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      await response.body?.cancel().catch(() => {});
      const text = response.statusText ? ` ${response.statusText}` : '';
      throw new IngestError('fetch_failed', `${url.href} answered HTTP ${response.status}${text}; check that the address opens in a browser without logging in.`);
    }
    const bytes = await readBounded(response, url, request.maxBytes);
    return { url, contentType: response.headers.get('content-type') ?? '', bytes };
  }
}

async function send(url: URL, request: PageRequest): Promise<Response> {
  request.signal?.throwIfAborted();
  try {
    return await request.fetch(url.href, {
      method: 'GET',
      redirect: 'manual',
      signal: request.signal,
      headers: { 'user-agent': request.userAgent, accept: 'text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5' },
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new IngestError('fetch_failed', `${url.href} could not be fetched (${networkReason(error)}); check the address and that the site is up.`);
  }
}

function networkReason(error: unknown): string {
  let current = error as { code?: string; message?: string; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.code) return current.code === 'ENOTFOUND' ? 'the name does not resolve' : current.code === 'ECONNREFUSED' ? 'the connection was refused' : current.code;
    current = current.cause as typeof current;
  }
  return error instanceof Error ? error.message : String(error);
}

async function readBounded(response: Response, url: URL, maxBytes: number): Promise<Uint8Array> {
  const limit = formatBytes(maxBytes);
  const tooLarge = (size?: string) =>
    new IngestError('too_large', `${url.href} is ${size ? `${size}; the limit is ${limit}` : `larger than the limit of ${limit}`}. Upload a smaller document or pick another page.`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(formatBytes(declared));
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}
