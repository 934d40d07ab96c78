import type { LookupAddress } from 'node:dns';
import { lookup as systemLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { OutboundRefusedError } from './outbound-refused.error';

/** Every address a name resolves to; tests inject their own answers. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => systemLookup(hostname, { all: true });

/**
 * A `lookup` for `net.connect` that resolves the name once and hands the socket only addresses
 * `judge` accepts, so the address checked is the address connected to: a DNS answer cannot change
 * between the check and the connection. A name with any refused address is refused as a whole
 * (with several answers the socket may try any of them).
 */
export function guardedLookup(resolve: Resolver, judge: (address: string) => string | undefined): LookupFunction {
  return (hostname, options, callback) => {
    const pick = async (): Promise<LookupAddress[]> => {
      const addresses = await resolve(hostname);
      for (const { address } of addresses) {
        const refusal = judge(address);
        if (refusal) throw new OutboundRefusedError(refusal);
      }
      const family = familyOf(options.family);
      const wanted = family ? addresses.filter((a) => a.family === family) : addresses;
      if (!wanted.length) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      return wanted;
    };
    // The callback runs outside the promise, so an exception in it cannot call it a second time.
    pick().then(
      (addresses) => process.nextTick(() => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family))),
      (error: NodeJS.ErrnoException) => process.nextTick(() => callback(error, '', 0)),
    );
  };
}

function familyOf(family: number | string | undefined): 4 | 6 | undefined {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return undefined;
}
