import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline, Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { OutboundPolicy, refusalForAddress, refusalForUrl } from './endpoint-policy';
import { guardedLookup, Resolver, systemResolver } from './guarded-lookup';
import { OutboundRefusedError } from './outbound-refused.error';

/** The `fetch` signature HTTP clients such as `openai` accept as an option. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface GuardedFetchOptions extends OutboundPolicy {
  /** Name resolution; the system resolver unless a test injects answers. */
  resolve?: Resolver;
}

export interface GuardedFetch {
  fetch: FetchLike;
  /** Closes the idle keep-alive connections. */
  destroy(): void;
}

/**
 * A `fetch` for endpoints owners set. Built on node:http(s) rather than the global fetch, whose
 * connection layer (undici's Agent and its `connect.lookup`) Node does not expose without the
 * `undici` package:
 * - the URL is judged first (scheme, literal addresses, metadata names);
 * - names are resolved by the agents' guarded `lookup`, so the address judged is the one the
 *   socket connects to, on every new connection (keep-alive reuses only sockets judged so);
 * - redirects are never followed: a 3xx comes back as it is, so no hop can lead elsewhere.
 */
export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const policy: OutboundPolicy = { allowPrivate: options.allowPrivate };
  const resolve = options.resolve ?? systemResolver;
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, lookup: guardedLookup(resolve, (address) => refusalForAddress(address, 'http:', policy)) }),
    'https:': new HttpsAgent({ keepAlive: true, lookup: guardedLookup(resolve, (address) => refusalForAddress(address, 'https:', policy)) }),
  };

  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const refusal = refusalForUrl(url, policy);
    if (refusal) throw new OutboundRefusedError(refusal);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    if (!request.headers.has('accept-encoding')) headers['accept-encoding'] = 'gzip, deflate, br';
    if (body) headers['content-length'] = String(body.length);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    return new Promise<Response>((resolve, reject) => {
      const req = send(url, { method: request.method, headers, agent, signal: request.signal }, (res) => {
        try {
          resolve(toResponse(res, request.method));
        } catch (error) {
          res.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      req.on('error', (error) => reject(sameRealm(error)));
      req.end(body);
    });
  };

  return {
    fetch,
    destroy: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/**
 * node:http's errors as this module's realm knows them. Where they differ (a vm context, as under
 * jest), HTTP clients that check `instanceof Error` (openai's castToError) would rebuild the error
 * and lose its `code`; the copy keeps name (AbortError), code and the original as cause.
 */
function sameRealm(error: Error): Error {
  if (error instanceof Error) return error;
  const { message, name, code } = error as NodeJS.ErrnoException;
  return Object.assign(new Error(message, { cause: error }), { name, code });
}

const NO_BODY = new Set([204, 205, 304]);

function toResponse(res: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    try {
      headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
    } catch {
      // A header Headers cannot hold is dropped, as fetch would refuse the whole response.
    }
  }
  const raw = res.statusCode ?? 502;
  const status = raw >= 200 && raw <= 599 ? raw : 502;
  if (method === 'HEAD' || NO_BODY.has(status)) {
    res.resume();
    return new Response(null, { status, statusText: res.statusMessage, headers });
  }
  const body = decode(res, headers.get('content-encoding'));
  if (body !== res) {
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, statusText: res.statusMessage, headers });
}

/** What fetch does for the caller: a compressed body comes back decompressed. */
function decode(res: IncomingMessage, encoding: string | null): Readable {
  const decoder = ({ gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress } as Record<string, () => NodeJS.ReadWriteStream>)[
    encoding?.trim().toLowerCase() ?? ''
  ];
  if (!decoder) return res;
  return pipeline(res, decoder(), () => {}) as unknown as Readable;
}
