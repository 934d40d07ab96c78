import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { OutboundPolicy, refusalForAddress, refusalForUrl } from './endpoint-policy';
import { guardedLookup, Resolver, systemResolver } from './guarded-lookup';
import { createHttpFetch, type FetchLike, type HttpFetch } from './http-fetch';

export type { FetchLike };

export interface GuardedFetchOptions extends OutboundPolicy {
  /** Name resolution; the system resolver unless a test injects answers. */
  resolve?: Resolver;
}

export type GuardedFetch = HttpFetch;

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

  return createHttpFetch({ agents, refuse: (url) => refusalForUrl(url, policy) });
}
