import { parseMarkdown } from './parse-markdown';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs, lists, tables and code', () => {
    const doc = parseMarkdown(
      [
        '# 门诊指南',
        '',
        '我们的门诊时间是周一到周五，',
        '上午九点到下午五点。',
        '',
        'Opening hours',
        '-------------',
        'We open **early** on [Mondays](https://example.com/mon).',
        '',
        '- Bring your card',
        '  and your ID.',
        '* 带上医保卡',
        '1. First visit',
        '',
        '| Day | Hours |',
        '| --- | ----: |',
        '| Mon | 9-17 |',
        '| 周六 | 休息 |',
        '',
        '```js',
        'const a = 1;',
        '',
        'call(a);',
        '```',
        '## Holidays ##',
        '> Closed on public holidays.',
        '',
        '---',
        'Setext title',
        '============',
      ].join('\n'),
    );
    expect(doc.title).toBe('门诊指南');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: '门诊指南' },
      { kind: 'paragraph', text: '我们的门诊时间是周一到周五，上午九点到下午五点。' },
      { kind: 'heading', level: 2, text: 'Opening hours' },
      { kind: 'paragraph', text: 'We open early on Mondays.' },
      { kind: 'list-item', text: 'Bring your card and your ID.' },
      { kind: 'list-item', text: '带上医保卡' },
      { kind: 'list-item', text: 'First visit' },
      { kind: 'table-row', text: 'Day | Hours' },
      { kind: 'table-row', text: 'Mon | 9-17' },
      { kind: 'table-row', text: '周六 | 休息' },
      { kind: 'code', text: 'const a = 1;\n\ncall(a);' },
      { kind: 'heading', level: 2, text: 'Holidays' },
      { kind: 'paragraph', text: 'Closed on public holidays.' },
      { kind: 'heading', level: 1, text: 'Setext title' },
    ]);
  });

  it('reads a table without outer pipes and keeps snake_case words', () => {
    const doc = parseMarkdown('Name | Value\n--- | ---\nmax_tokens | 400\n\nUse snake_case and 2*3*4.');
    expect(doc.blocks).toEqual([
      { kind: 'table-row', text: 'Name | Value' },
      { kind: 'table-row', text: 'max_tokens | 400' },
      { kind: 'paragraph', text: 'Use snake_case and 2*3*4.' },
    ]);
  });

  it('gives an empty document for whitespace', () => {
    expect(parseMarkdown('  \n\n \t').blocks).toEqual([]);
  });
});
