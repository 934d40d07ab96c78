import { SecretBox } from './secret-box';

const SECRET = 'a-test-app-secret-of-at-least-32-chars';

describe('SecretBox', () => {
  const sut = new SecretBox(SECRET, 'bot-azure-key');

  it('round-trips, with a fresh IV each time and no plaintext in the sealed form', () => {
    const a = sut.seal('sk-azure-0123456789');
    const b = sut.seal('sk-azure-0123456789');
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('azure');
    expect(sut.open(a)).toBe('sk-azure-0123456789');
    expect(sut.open(sut.seal('密钥 ✓'))).toBe('密钥 ✓');
  });

  it('refuses a tampered value', () => {
    const [v, iv, tag, ct] = sut.seal('sk-azure-0123456789').split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    expect(() => sut.open([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => sut.open([v, iv, Buffer.alloc(16).toString('base64url'), ct].join('.'))).toThrow();
    expect(() => sut.open(`v2.${iv}.${tag}.${ct}`)).toThrow();
    expect(() => sut.open('garbage')).toThrow();
  });

  it('refuses a value sealed under another secret or for another purpose', () => {
    const sealed = sut.seal('sk-azure-0123456789');
    expect(() => new SecretBox(SECRET + 'x', 'bot-azure-key').open(sealed)).toThrow();
    expect(() => new SecretBox(SECRET, 'other-purpose').open(sealed)).toThrow();
  });
});
