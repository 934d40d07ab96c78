import { addressClass } from './address-class';

describe('addressClass', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.5',
    '172.16.3.4',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.1.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::',
    '::1',
    '[::1]',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.5',
    '::127.0.0.1',
    '64:ff9b::10.0.0.5',
    '2002:c0a8:0101::1', // 6to4 of 192.168.1.1
    '2001:0:4136:e378::1', // Teredo
    'ff02::1',
  ])('%s is private', (ip) => expect(addressClass(ip)).toBe('private'));

  it.each(['169.254.169.254', '::ffff:169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '168.63.129.16', '64:ff9b::a9fe:a9fe'])('%s is a metadata address', (ip) =>
    expect(addressClass(ip)).toBe('metadata'),
  );

  it.each(['20.42.0.1', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:0808:0808::1'])('%s is public', (ip) =>
    expect(addressClass(ip)).toBe('public'),
  );

  it('refuses to classify what is not an address', () => {
    expect(() => addressClass('localhost')).toThrow(TypeError);
  });
});
