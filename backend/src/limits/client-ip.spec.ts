import { clientIp } from './client-ip';

describe('clientIp', () => {
  it('uses the peer address and ignores X-Forwarded-For unless told to trust a proxy', () => {
    expect(clientIp('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(clientIp('::ffff:203.0.113.7', undefined, 0)).toBe('203.0.113.7');
  });

  it('takes the entry the trusted proxies appended, not what the client sent', () => {
    // The client sent "1.1.1.1"; the one proxy (10.0.0.2) appended the address it saw.
    expect(clientIp('10.0.0.2', '1.1.1.1, 198.51.100.9', 1)).toBe('198.51.100.9');
    // Two proxies: CDN appended the client, the load balancer appended the CDN.
    expect(clientIp('10.0.0.2', '1.1.1.1, 198.51.100.9, 172.16.0.5', 2)).toBe('198.51.100.9');
    // true: every entry is believed, so the leftmost is the client.
    expect(clientIp('10.0.0.2', '198.51.100.9, 172.16.0.5', Infinity)).toBe('198.51.100.9');
  });

  it('falls back to the furthest entry when there are fewer hops than proxies, and to the peer on garbage', () => {
    expect(clientIp('10.0.0.2', '198.51.100.9', 3)).toBe('198.51.100.9');
    expect(clientIp('10.0.0.2', 'not-an-ip', 1)).toBe('10.0.0.2');
    expect(clientIp('10.0.0.2', ['198.51.100.9', '172.16.0.5'], 1)).toBe('172.16.0.5');
  });

  it('counts IPv6 clients by their /64', () => {
    expect(clientIp('2001:db8:1:2:aaaa::1', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientIp('2001:db8:1:2:bbbb:cccc:dddd:eeee', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientIp('2001:db8::1', undefined, 0)).toBe('2001:db8:0:0::/64');
    expect(clientIp('::1', undefined, 0)).toBe('0:0:0:0::/64');
    expect(clientIp('10.0.0.2', '[2001:DB8:0:0:1::5]', 1)).toBe('2001:db8:0:0::/64');
  });
});
