import { isIP } from 'node:net';
import { addressClass } from './address-class';

/** What the operator allows for endpoints owners set (ALLOW_PRIVATE_ENDPOINTS). */
export interface OutboundPolicy {
  allowPrivate: boolean;
}

/**
 * Reasons an owner-set endpoint is refused; the same words in a 400 at save time and in the
 * reply's error at connect time. They say what was refused, never what answered there.
 */
export const REFUSED = {
  scheme: 'must use https',
  plainHttpPublic: 'plain http is only allowed to a private address',
  private: 'resolves to a private address',
  privateName: 'names a private host',
  metadata: 'resolves to a metadata address',
} as const;

/** Cloud metadata services by name; their addresses are refused too (address-class.ts). */
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal', 'metadata.azure.internal']);
/** Names that by convention only resolve inside a site: they lead to private addresses. */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

/** `[::1]` → `::1`, `Host.Example.` → `host.example`. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/**
 * Why connecting to `address` for an endpoint with `protocol` is refused, or undefined when it is
 * allowed. Plain http, allowed only with ALLOW_PRIVATE_ENDPOINTS, must also stay on a private
 * network: a key sent in clear must not cross the internet.
 */
export function refusalForAddress(address: string, protocol: string, policy: OutboundPolicy): string | undefined {
  const kind = addressClass(address);
  if (kind === 'metadata') return REFUSED.metadata;
  if (kind === 'private' && !policy.allowPrivate) return REFUSED.private;
  if (protocol === 'http:' && kind === 'public') return REFUSED.plainHttpPublic;
  return undefined;
}

/**
 * Everything that can be judged from the URL alone: scheme, literal addresses, metadata names.
 * Used before every connection; a name's addresses are then judged at connect time.
 */
export function refusalForUrl(url: URL, policy: OutboundPolicy): string | undefined {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivate)) return REFUSED.scheme;
  const host = bareHost(url.hostname);
  if (isIP(host)) return refusalForAddress(host, url.protocol, policy);
  if (METADATA_NAMES.has(host)) return REFUSED.metadata;
  return undefined;
}

/**
 * The save-time check of an endpoint an owner types in. It adds what a name tells without
 * resolving it (`localhost`, `*.internal`, `127.0.0.1.nip.io`, a single label), so an owner
 * hears at once that it will not work; the connect-time check stays the real defence, since a
 * name's addresses can change after it was saved.
 */
export function refusalForOwnerEndpoint(value: string, policy: OutboundPolicy): string | undefined {
  const url = new URL(value);
  const refusal = refusalForUrl(url, policy);
  if (refusal) return refusal;
  const host = bareHost(url.hostname);
  if (isIP(host)) return undefined;
  const local = host === 'localhost' || !host.includes('.') || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
  const embedded = embeddedAddress(host);
  const embeddedKind = embedded ? addressClass(embedded) : 'public';
  if (embeddedKind === 'metadata') return REFUSED.metadata;
  if (policy.allowPrivate) {
    // Plain http to a name is accepted only when the name itself says it is local.
    return url.protocol === 'http:' && !local && embeddedKind === 'public' ? REFUSED.plainHttpPublic : undefined;
  }
  if (local || embeddedKind === 'private') return REFUSED.privateName;
  return undefined;
}

/**
 * The IPv4 address a wildcard-DNS name carries at its start (`127.0.0.1.nip.io`,
 * `10-0-0-5.sslip.io`). Other spellings (`app.10.0.0.5.nip.io`) are left to the connect-time check.
 */
function embeddedAddress(host: string): string | undefined {
  const match = /^(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})(?:[.-]|$)/.exec(host);
  if (!match) return undefined;
  const address = match.slice(1, 5).map(Number).join('.');
  return isIP(address) === 4 ? address : undefined;
}
