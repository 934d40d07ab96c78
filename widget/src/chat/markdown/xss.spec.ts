import { html, renderSafely } from './spec-helpers';

/** [payload, text that must still show (the payload itself when left out)]. */
const CORPUS: [string, string?][] = [
  ['<script>alert(1)</script>'],
  ['<SCRIPT SRC=https://evil.example/x.js></SCRIPT>'],
  ['<scr<script>ipt>alert(1)</script>'],
  ['<img src=x onerror=alert(1)>'],
  ['<img src="x" onerror="alert(1)"/>'],
  ['<svg onload=alert(1)>'],
  ['<svg><script>alert(1)</script></svg>'],
  ['<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['<iframe src="javascript:alert(1)"></iframe>'],
  ['<object data="javascript:alert(1)"></object>'],
  ['<embed src="data:text/html,<script>alert(1)</script>">'],
  ['<form action="javascript:alert(1)"><button>x</button></form>'],
  ['<base href="javascript:/">'],
  ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['<link rel=stylesheet href=data:,*{x:expression(alert(1))}>'],
  ['<div style="background:url(javascript:alert(1))">x</div>'],
  ['<style>body{display:none}</style>'],
  ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['<details open ontoggle=alert(1)>'],
  ['<a href="javascript:alert(1)">x</a>'],
  ['<a href="https://ok.example" onclick="alert(1)">ok</a>'],
  ['<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['<!-- <script>alert(1)</script> -->'],
  ['&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['&#60;script&#62;alert(1)&#60;/script&#62; &#x3C;b&#x3E;'],
  ['[x](javascript:alert(1))', 'x'],
  ['[x](JaVaScRiPt:alert(1))', 'x'],
  ['[x](java\tscript:alert(1))', 'x'],
  ['[x](\u0001javascript:alert(1))', 'x'],
  ['[x](  javascript:alert(1)  )', 'x'],
  ['[x](&#106;avascript:alert(1))', 'x'],
  ['[x](&#x6A;avascript&#x3A;alert(1))', 'x'],
  ['[x](javascript&colon;alert(1))', 'x'],
  ['[x](jav&#x0A;ascript:alert(1))', 'x'],
  ['[x](javascript://%0Aalert(document.cookie))', 'x'],
  ['[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', 'x'],
  ['[x](vbscript:msgbox(1))', 'x'],
  ['[x](VBScript:msgbox(1))', 'x'],
  ['[x](//evil.example)', 'x'],
  ['[x](/relative)', 'x'],
  ['[x](\\javascript:alert(1))', 'x'],
  ['[x](javascript:alert(1) "title")', 'x'],
  ['[x](https://ok.example "a\\" onmouseover=alert(1))', 'onmouseover=alert(1)'],
  ['[x](https://ok.example" onclick="alert(1))', 'onclick="alert(1))'],
  ['[x](https://ok.example/?q=<script>alert(1)</script>)', 'x'],
  ['[<img src=x onerror=alert(1)>](https://ok.example)', '<img src=x onerror=alert(1)>'],
  ['[[x](javascript:alert(1))](https://ok.example)', '[x'],
  ['[x](javascript:alert(1)', '[x](javascript:alert(1)'],
  ['![x](javascript:alert(1))', 'x'],
  ['![x" onerror="alert(1)](https://ok.example/a.png)', 'x" onerror="alert(1)'],
  ['![<svg onload=alert(1)>](data:image/svg+xml,x)', '<svg onload=alert(1)>'],
  ['javascript:alert(1)'],
  ['JAVASCRIPT:alert(1) data:text/html,<script>alert(1)</script>'],
  ['https://ok.example/"><script>alert(1)</script>', '"><script>alert(1)</script>'],
  ['https://ok.example/<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ['**<img src=x onerror=alert(1)>**', '<img src=x onerror=alert(1)>'],
  ['`<script>alert(1)</script>`', '<script>alert(1)</script>'],
  ['```html\n<script>alert(1)</script>\n```', '<script>alert(1)</script>'],
  ['```" onmouseover="alert(1)\nx\n```', 'x'],
  ['> <iframe src=javascript:alert(1)>', '<iframe src=javascript:alert(1)>'],
  ['- <img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ['| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |\n|---|---|\n| <svg/onload=alert(1)> | b |', '<svg/onload=alert(1)>'],
  ['\u0000<script>alert(1)</script>\u0000'],
  ['\ud800<b>lone surrogates</b>\udfff'],
  ['\u202e<script>alert(1)</script>\u202d\u2066x\u2069'],
  ['x'.repeat(20000) + '<script>alert(1)</script>'],
  ['[x](' + 'javascript:'.repeat(2000) + ')', 'x'],
  ['<javascript:alert(1)>', 'javascript:alert(1)'],
  ['<JaVaScRiPt:alert(1)> <data:text/html,x> <vbscript:x>', 'JaVaScRiPt:alert(1)'],
  ['<br onmouseover=alert(1)>'],
  ['<br/ onload=alert(1)>'],
  ['a<br>b<BR/>c<br />d', 'abcd'],
  ['[x][evil]\n\n[evil]: javascript:alert(1)', 'x'],
  ['[evil]\n\n[evil]: <javascript:alert(1)> "t"', 'evil'],
  ['[x](<javascript:alert(1)>)', 'x'],
  ['<"onmouseover=alert(1)"@x.example>'],
  ['| a |\n|---|\n| <br><script>alert(1)</script> \\| x |', '<script>alert(1)</script> | x'],
];

describe('Markdown XSS corpus', () => {
  it('holds at least 40 payloads', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS.map(([payload, show], n) => [n, JSON.stringify(payload).slice(0, 70), payload, show ?? payload]))(
    'renders payload %i %s as allowed elements and text only',
    (_n, _title, payload, show) => {
      expect(renderSafely(payload as string)).toContain(show);
    },
  );

  it('shows raw HTML payloads exactly as typed, every character a text character', () => {
    const raw = CORPUS.filter(([, show]) => show === undefined).map(([payload]) => payload);
    expect(raw.length).toBeGreaterThanOrEqual(25);
    for (const payload of raw) expect(renderSafely(payload)).toBe(payload);
  });

  it('still links allowed URLs in the same places', () => {
    expect(html('[a](https://ok.example) ![b](mailto:x@ok.example) https://ok.example/c').match(/<a /g)).toHaveLength(3);
  });
});
