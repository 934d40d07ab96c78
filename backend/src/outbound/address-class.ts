import { BlockList, isIP } from 'node:net';

/**
 * Which kind of address an IP is, from the outbound guard's point of view:
 * - `public`: anywhere on the internet, where an owner's model server may live;
 * - `private`: this machine or its networks (loopback, RFC 1918, CGNAT, link-local, unique-local,
 *   unspecified, reserved): refused unless the operator sets ALLOW_PRIVATE_ENDPOINTS=true;
 * - `metadata`: a cloud's instance-metadata or host service, which hands out the machine's own
 *   credentials: always refused, since no model server lives there.
 */
export type AddressClass = 'public' | 'private' | 'metadata';

const METADATA = new BlockList();
// AWS, GCP, Azure, OpenStack instance metadata; AWS ECS task metadata; AWS's IPv6 metadata;
// Alibaba Cloud; Azure's WireServer (a public-looking address that only the host answers);
// Oracle Cloud.
for (const ip of ['169.254.169.254', '169.254.170.2', '100.100.100.200', '168.63.129.16', '192.0.0.192']) METADATA.addAddress(ip, 'ipv4');
METADATA.addAddress('fd00:ec2::254', 'ipv6');

const PRIVATE = new BlockList();
const V4_RANGES: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 itself reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT, also Alibaba's metadata
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, where most metadata services sit
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
];
for (const [net, prefix] of V4_RANGES) PRIVATE.addSubnet(net, prefix, 'ipv4');
// A BlockList matches an IPv4-mapped IPv6 address (::ffff:127.0.0.1) against the IPv4 ranges
// itself; the IPv6 ranges below must not include ::ffff:0:0/96, or every IPv4 address would match.
const V6_RANGES: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // the deprecated site-local
  ['ff00::', 8], // multicast
];
for (const [net, prefix] of V6_RANGES) PRIVATE.addSubnet(net, prefix, 'ipv6');

/** The class of an IP address (v4 or v6, with or without a zone or brackets); anything else is not an address. */
export function addressClass(ip: string): AddressClass {
  const address = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(address);
  if (family === 0) throw new TypeError(`not an IP address: ${ip}`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (METADATA.check(address, type)) return 'metadata';
  if (PRIVATE.check(address, type)) return 'private';
  if (family === 6) {
    // Prefixes that carry an IPv4 address inside: judged by the address they lead to.
    const embedded = embeddedIpv4(address);
    if (embedded) return addressClass(embedded);
    // Teredo hides its IPv4 address obfuscated; no model server is reached through it.
    if (inPrefix(address, '2001::', 32)) return 'private';
  }
  return 'public';
}

/** The IPv4 address inside a NAT64 (64:ff9b::/96, 64:ff9b:1::/48) or 6to4 (2002::/16) address. */
function embeddedIpv4(ip: string): string | undefined {
  const bytes = ipv6Bytes(ip);
  if (inPrefix(ip, '64:ff9b::', 96) || inPrefix(ip, '64:ff9b:1::', 48)) return bytes.slice(12, 16).join('.');
  if (inPrefix(ip, '2002::', 16)) return bytes.slice(2, 6).join('.');
  return undefined;
}

function inPrefix(ip: string, net: string, prefix: number): boolean {
  const list = new BlockList();
  list.addSubnet(net, prefix, 'ipv6');
  return list.check(ip, 'ipv6');
}

/** The 16 bytes of an IPv6 address (`::` expanded, a trailing dotted IPv4 part included). */
function ipv6Bytes(ip: string): number[] {
  let text = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}
