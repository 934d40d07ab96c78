import { redact } from './redact';

describe('redact', () => {
  it('cuts known secrets out wherever they appear', () => {
    expect(redact('401 key sk-abc123XYZ was refused (sk-abc123XYZ)', ['sk-abc123XYZ'])).toBe('401 key [redacted] was refused ([redacted])');
  });

  it('ignores empty and very short secrets instead of masking ordinary text', () => {
    expect(redact('key k is fine', ['', undefined, null, 'k'])).toBe('key k is fine');
  });

  it('masks credentials it was not told about', () => {
    expect(redact('fetch https://user:pa55@host.example/x?api-version=1&api-key=zzz&sig=qq failed')).toBe(
      'fetch https://[redacted]@host.example/x?api-version=1&api-key=[redacted]&sig=[redacted] failed',
    );
    expect(redact('Authorization: Bearer eyJhbGciOi.abc-def')).toBe('Authorization: Bearer [redacted]');
    expect(redact('headers {"api-key":"0123456789abcdef"}')).toBe('headers {"api-key":"[redacted]"}');
    expect(redact('api-key: 0123456789abcdef sent')).toBe('api-key: [redacted] sent');
  });

  it('leaves an ordinary Azure error untouched', () => {
    const message = '401 Access denied due to invalid subscription key or wrong API endpoint.';
    expect(redact(message, ['the-real-key'])).toBe(message);
  });

  it('caps very long details', () => {
    expect(redact('x'.repeat(5000)).length).toBe(1001);
  });
});
