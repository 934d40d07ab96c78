import { safeHref } from './safe-url';

describe('safeHref', () => {
  it('passes absolute http(s), mailto and tel URLs, normalised by the URL parser', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTP://Example.com/a b')).toBe('http://example.com/a%20b');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeHref('tel:+1-555-0100')).toBe('tel:+1-555-0100');
    expect(safeHref(' https://example.com/?q=<x>')).toBe('https://example.com/?q=%3Cx%3E');
  });

  it.each([
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:alert(1)',
    ' javascript:alert(1)', '&#106;avascript:alert(1)', 'javascript&colon;alert(1)', 'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)', 'file:///etc/passwd', 'ftp://example.com', 'blob:https://example.com/x', '//evil.example', '/relative',
    'relative', '#top', '', 'https://', 'http://[::1', 'https://exa mple.com',
  ])('refuses %j', (url) => {
    expect(safeHref(url)).toBeUndefined();
  });
});
