import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline, Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { OutboundRefusedError } from './outbound-refused.error';

/** The `fetch` signature HTTP clients such as `openai` accept as an option. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpFetch {
  fetch: FetchLike;
  /** Closes the idle keep-alive connections. */
  destroy(): void;
}

export interface HttpFetchOptions {
  agents: { 'http:': HttpAgent; 'https:': HttpsAgent };
  /** Why a URL must not be requested at all; undefined to let it through. */
  refuse?: (url: URL) => string | undefined;
}

/**
 * A `fetch` on node:http(s). Redirects are never followed (a 3xx comes back as it is), and a
 * compressed body comes back decompressed. A successful `text/event-stream` answer can also be
 * read as the Node stream it is (`eventStreamBody`): a model's stream is read without the
 * web-stream layers and the WASM HTTP parser of the global fetch (docs/performance.md).
 */
export function createHttpFetch(options: HttpFetchOptions): HttpFetch {
  const fetch: FetchLike = async (input, init) => {
    const { url, method, headers, body, signal } = await requestParts(input, init);
    const refusal = options.refuse?.(url);
    if (refusal) throw new OutboundRefusedError(refusal);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'accept-encoding')) headers['accept-encoding'] = 'gzip, deflate, br';
    if (body) headers['content-length'] = String(body.length);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent = url.protocol === 'https:' ? options.agents['https:'] : options.agents['http:'];
    return new Promise<Response>((resolve, reject) => {
      const req = send(url, { method, headers, agent, ...(signal ? { signal } : {}) }, (res) => {
        try {
          resolve(toResponse(res, method));
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
      options.agents['http:'].destroy();
      options.agents['https:'].destroy();
    },
  };
}

/** For endpoints the operator set (the installation's model): the system's name resolution, no judgement. */
export class TrustedFetch {
  private readonly http = createHttpFetch({ agents: { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) } });

  get fetch(): FetchLike {
    return this.http.fetch;
  }

  destroy(): void {
    this.http.destroy();
  }
}

const eventStreams = new WeakMap<Response, Readable>();

/** The Node stream of an event-stream answer of `createHttpFetch`; undefined for any other Response. */
export function eventStreamBody(response: Response): Readable | undefined {
  return eventStreams.get(response);
}

/** What the request is, without building a `Request` when the caller gave plain parts (the SDK does). */
async function requestParts(input: string | URL | Request, init: RequestInit | undefined) {
  if (!(input instanceof Request) && (init?.body === undefined || init.body === null || typeof init.body === 'string')) {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    const body = typeof init?.body === 'string' ? Buffer.from(init.body) : undefined;
    return { url: new URL(input), method: init?.method ?? 'GET', headers, body, signal: init?.signal ?? undefined };
  }
  const request = new Request(input, init);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  return { url: new URL(request.url), method: request.method, headers: Object.fromEntries(request.headers), body, signal: request.signal };
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
  if (status >= 200 && status < 300 && headers.get('content-type')?.startsWith('text/event-stream')) {
    const response = new Response(lazyWebBody(body), { status, statusText: res.statusMessage, headers });
    eventStreams.set(response, body);
    return response;
  }
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, statusText: res.statusMessage, headers });
}

/**
 * A web stream over the Node one that reads nothing until it is read (high-water mark 0): the
 * caller takes either this or `eventStreamBody`, and the other stays untouched.
 */
function lazyWebBody(body: Readable): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      cancel() {
        body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/** What fetch does for the caller: a compressed body comes back decompressed. */
function decode(res: IncomingMessage, encoding: string | null): Readable {
  const decoder = ({ gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress } as Record<string, () => NodeJS.ReadWriteStream>)[
    encoding?.trim().toLowerCase() ?? ''
  ];
  if (!decoder) return res;
  return pipeline(res, decoder(), () => {}) as unknown as Readable;
}
