import { parseMarkdown } from './parse';
import { html, renderSafely } from './spec-helpers';

const REPLIES = {
  chineseList: [
    '好的！以下是**三个建议**：',
    '',
    '1. 每天锻炼 *30 分钟*，比如快走或~~熬夜~~游泳',
    '2. 多喝水，参考 https://example.com/health。',
    '3. 保持`规律`作息',
    '   - 晚上 11 点前睡觉',
    '',
    '> 注意：因人而异，详见[指南](https://example.com/guide)。',
  ].join('\n'),
  codeFence: [
    'Here is an example in **TypeScript**:',
    '',
    '```ts',
    'const items = [1, 2, 3].map((n) => n * 2);',
    'console.log(`doubled: ${items.join(", ")}`); // <done>',
    '```',
    '',
    'Run it with `node`.',
  ].join('\n'),
  table: [
    '| 名称 | 价格 | 备注 |',
    '|:--|--:|:-:|',
    '| 苹果 | ¥5 | *新鲜* |',
    '| **香蕉** | ¥3 | [详情](https://example.com/b) |',
    '',
    '共 2 项。',
  ].join('\n'),
};

describe('Markdown while streaming', () => {
  it.each(Object.entries(REPLIES))('renders every prefix of the %s reply safely, ending on the full render', (_name, reply) => {
    const chars = [...reply];
    let last = '';
    for (let end = 0; end <= chars.length; end++) {
      const prefix = chars.slice(0, end).join('');
      renderSafely(prefix);
      last = html(prefix);
    }
    expect(last).toBe(html(reply));
  });

  it('renders the finished replies as expected', () => {
    expect(html(REPLIES.codeFence)).toContain('<pre><code>const items = [1, 2, 3].map((n) =&gt; n * 2);\nconsole.log(`doubled: ${items.join(", ")}`); // &lt;done&gt;</code></pre>');
    expect(html(REPLIES.table)).toContain('<th align="left">名称</th><th align="right">价格</th><th align="center">备注</th>');
    expect(html(REPLIES.chineseList)).toContain('<li><p>保持<code>规律</code>作息</p><ul><li><p>晚上 11 点前睡觉</p></li></ul></li>');
  });

  it('shows an unclosed code fence as code holding what has arrived', () => {
    expect(html('Example:\n\n```ts\nconst a = 1;\nconst b')).toBe('<div class="cc-md"><p>Example:</p><pre><code>const a = 1;\nconst b</code></pre></div>');
    expect(html('```')).toBe('<div class="cc-md"><pre><code></code></pre></div>');
  });

  it('keeps unclosed inline syntax literal until it closes', () => {
    expect(html('a **bold')).toBe('<div class="cc-md"><p>a **bold</p></div>');
    expect(html('a **bold**')).toBe('<div class="cc-md"><p>a <strong>bold</strong></p></div>');
    expect(html('see [docs](https://exa')).toBe('<div class="cc-md"><p>see [docs](<a href="https://exa/" target="_blank" rel="noopener noreferrer">https://exa</a></p></div>');
    expect(html('run `npm')).toBe('<div class="cc-md"><p>run `npm</p></div>');
  });

  it('keeps a table header a paragraph until the delimiter row arrives', () => {
    expect(html('| a | b |\n')).toBe('<div class="cc-md"><p>| a | b |</p></div>');
    expect(html('| a | b |\n|--')).toBe('<div class="cc-md"><div><table><tr><th>a</th><th>b</th></tr></table></div></div>');
  });
});

describe('Markdown on pathological input', () => {
  const inputs: [string, string][] = [
    ['20,000 *', '*'.repeat(20000)],
    ['a then 20,000 *', 'a' + '*'.repeat(20000)],
    ['20,000 [', '['.repeat(20000)],
    ['20,000 ]', ']'.repeat(20000)],
    ['[]( repeated', '[]('.repeat(7000)],
    ['[a](b repeated', '[a](b'.repeat(4000)],
    ['![ repeated', '!['.repeat(10000)],
    ['a_ repeated', 'a_'.repeat(10000)],
    ['_a repeated', '_a'.repeat(10000)],
    ['*a repeated', '*a '.repeat(7000)],
    ['**a repeated', '**a '.repeat(5000)],
    ['~~a repeated', '~~a '.repeat(5000)],
    ['nested emphasis', '*a _b '.repeat(3000) + ' b_ a*'.repeat(3000)],
    ['backtick runs of growing length', Array.from({ length: 200 }, (_, n) => '`'.repeat(n + 1)).join(' x ')],
    ['20,000 `', '`'.repeat(20000)],
    ['20,000 \\', '\\'.repeat(20000)],
    ['20,000 #', '#'.repeat(20000)],
    ['spaced dashes then text', ' -'.repeat(10000) + 'x'],
    ['spaces then text', ' '.repeat(20000) + 'x'],
    ['20,000 >', '>'.repeat(20000)],
    ['nested quotes', '> '.repeat(10000) + 'x'],
    ['nested list items', '1. '.repeat(7000) + 'x'],
    ['indented list ladder', Array.from({ length: 2000 }, (_, n) => `${' '.repeat(2 * n)}- x`).join('\n')],
    ['5,000 list items', '- item\n'.repeat(5000)],
    ['20,000 |', '|'.repeat(20000) + '\n' + '|-'.repeat(10000)],
    ['bare URL prefixes', 'http://'.repeat(3000)],
    ['URL with punctuation tail', 'https://example.com/' + '.'.repeat(20000) + 'a'],
    ['URL with parentheses', 'https://example.com/' + '(x)'.repeat(7000) + ')'.repeat(7000)],
    ['10,000 lines', 'word\n'.repeat(10000)],
    ['backtick run with a late backtick', '`'.repeat(10000) + 'x'.repeat(10000) + '`'],
    ['link with unbalanced parentheses', '[a](' + '('.repeat(20000)],
    ['URL of open parentheses', 'https://example.com/' + '('.repeat(20000)],
    ['heading hashes', '# ' + '# '.repeat(10000) + 'x'],
    ['long fence', '```\n' + 'code\n'.repeat(10000)],
  ];

  it.each(inputs)('renders %s quickly', (_name, text) => {
    const start = performance.now();
    const out = html(text);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(out.startsWith('<div class="cc-md">')).toBe(true);
  });

  it('renders a 10 KB reply well within a frame budget', () => {
    let reply = '';
    while (reply.length < 10240) reply += `${REPLIES.chineseList}\n\n${REPLIES.codeFence}\n\n${REPLIES.table}\n\n`;
    html(reply);
    const start = performance.now();
    for (let n = 0; n < 10; n++) html(reply);
    expect((performance.now() - start) / 10).toBeLessThan(100);
  });

  it('caps nesting instead of recursing without bound', () => {
    const depth = (node: unknown): number => (typeof node == 'object' && node ? 1 + Math.max(0, ...(node as { children: unknown[] }).children.map(depth)) : 0);
    expect(depth({ children: parseMarkdown('> '.repeat(10000) + 'x') })).toBeLessThan(15);
    expect(depth({ children: parseMarkdown('*a _b '.repeat(3000) + ' b_ a*'.repeat(3000)) })).toBeLessThan(15);
  });
});
