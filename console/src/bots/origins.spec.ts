import { normaliseOrigin, parseOrigins } from './origins';

describe('allowed origins', () => {
  it('accepts origins and normalises them', () => {
    expect(normaliseOrigin('https://Example.COM')).toBe('https://example.com');
    expect(normaliseOrigin('https://example.com/')).toBe('https://example.com');
    expect(normaliseOrigin('https://example.com:443')).toBe('https://example.com');
    expect(normaliseOrigin('http://localhost:8080')).toBe('http://localhost:8080');
    expect(normaliseOrigin('https://中文.example')).toBe('https://xn--fiq228c.example');
  });

  it('refuses what is not an origin', () => {
    for (const bad of ['example.com', 'ftp://example.com', 'https://example.com/path', 'https://example.com?x', 'https://example.com#x',
      'https://user:pw@example.com', 'https://example.com//', 'javascript:alert(1)', 'https://', '*.example.com']) {
      expect(normaliseOrigin(bad)).toBeNull();
    }
  });

  it('reads one per line, reporting bad lines by number', () => {
    expect(parseOrigins('https://a.com\n\n  http://b.com:81  \nb.com\nhttps://a.com/\n*')).toEqual({
      origins: ['https://a.com', 'http://b.com:81', '*'],
      errors: [{ line: 4, text: 'b.com' }],
    });
    expect(parseOrigins('')).toEqual({ origins: [], errors: [] });
  });
});
