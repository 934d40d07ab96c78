import { parseHtml } from './parse-html';

const paragraph = (n: number) =>
  `<p>Paragraph ${n}: our clinic offers general practice, vaccinations and travel advice. Appointments can be booked online or by phone, and most visits take about thirty minutes.</p>`;

describe('parseHtml', () => {
  it('reads the main content as blocks, without the navigation', () => {
    const html = `<!doctype html><html><head><title>门诊指南 | Clinic</title><style>p{}</style></head><body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav>
      <article>
        <h1>门诊指南</h1>
        <p>我们的门诊时间是<strong>周一到周五</strong>，上午九点到下午五点。</p>
        ${paragraph(1)}${paragraph(2)}${paragraph(3)}
        <h2>What to bring</h2>
        <ul><li>Your insurance card<ul><li>or a copy</li></ul></li><li>带上身份证</li></ul>
        <table><tr><th>Day</th><th>Hours</th></tr><tr><td>周六</td><td>休息</td></tr></table>
        <pre>line 1
  line 2</pre>
        <script>alert(1)</script>
      </article>
      <footer>© Clinic</footer></body></html>`;
    const doc = parseHtml(html);
    expect(doc.title).toBe('门诊指南 | Clinic');
    const texts = doc.blocks.map((b) => (b.kind === 'qa' ? '' : `${b.kind}:${b.text}`));
    expect(texts).toEqual(
      expect.arrayContaining([
        'paragraph:我们的门诊时间是周一到周五，上午九点到下午五点。',
        'heading:What to bring',
        'list-item:Your insurance card',
        'list-item:or a copy',
        'list-item:带上身份证',
        'table-row:Day | Hours',
        'table-row:周六 | 休息',
        'code:line 1\n  line 2',
      ]),
    );
    expect(texts.join('\n')).not.toMatch(/Home|About|alert|© Clinic/);
    expect(texts.filter((t) => t.startsWith('paragraph:Paragraph'))).toHaveLength(3);
  });

  it('reads a short page that readability would leave empty', () => {
    const doc = parseHtml('<html><body><h1>Hours</h1>Open <b>daily</b> 9-17.<br>Closed on Sundays.</body></html>');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Hours' },
      { kind: 'paragraph', text: 'Open daily 9-17. Closed on Sundays.' },
    ]);
    expect(doc.title).toBeDefined();
  });
});
