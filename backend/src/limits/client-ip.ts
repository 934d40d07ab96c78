import { isIP } from 'node:net';

/**
 * The address a visitor's connection counts against. `trustProxy` is how many proxies in front
 * of the app append to X-Forwarded-For (Infinity: believe all of it); each proxy appends the
 * address it was reached from, so the client is that many entries from the right, counting the
 * peer. Entries further left are whatever the client chose to send and are never believed.
 */
export function clientIp(peer: string, forwardedFor: string | string[] | undefined, trustProxy: number): string {
  let ip = peer;
  if (trustProxy > 0 && forwardedFor) {
    const hops = [String(forwardedFor).split(','), peer].flat().map((a) => a.trim()).filter(Boolean);
    const candidate = hops[Math.max(0, hops.length - 1 - trustProxy)];
    if (isIP(normalise(candidate))) ip = candidate;
  }
  return rateKeyOf(normalise(ip));
}

/** `::ffff:1.2.3.4` is 1.2.3.4; a zone index (`fe80::1%eth0`) and brackets say nothing about the client. */
function normalise(ip: string): string {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1] : bare;
}

/**
 * IPv4 as is; IPv6 by its /64, since one subscriber usually gets a whole /64 and could otherwise
 * take a fresh address for every connection.
 */
function rateKeyOf(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head, tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':') + '::/64';
}
