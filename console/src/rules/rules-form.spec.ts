import { moveRow, newRow, rowsFromRules, rulesFromRows, serverProblems, splitKeywords, validateRows } from './rules-form';

describe('rules form', () => {
  it('splits keywords on commas (中文 too), 、 and new lines', () => {
    expect(splitKeywords('price, 价格，费用、cost\n\n price ,')).toEqual(['price', '价格', '费用', 'cost']);
    expect(splitKeywords(' , \n')).toEqual([]);
  });

  it('round-trips rules and builds the PUT body in order', () => {
    const rules = [
      { match: { keywords: ['人工', 'human'] }, action: 'handoff' as const, answer: '正在为您转接人工客服' },
      { match: { pattern: '退款|refund' }, action: 'alert' as const },
      { match: { keywords: ['hours'] }, action: 'answer' as const, answer: 'We open at 9.' },
    ];
    const rows = rowsFromRules(rules);
    expect(rows.map((r) => r.by)).toEqual(['keywords', 'pattern', 'keywords']);
    expect(rulesFromRows(rows)).toEqual(rules);
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
  });

  it('sends only the match chosen, trims, and gives an alert no answer', () => {
    const row = { ...newRow(), by: 'pattern' as const, keywords: 'left over', pattern: ' ^hi$ ', action: 'alert' as const, answer: 'ignored' };
    expect(rulesFromRows([row])).toEqual([{ match: { pattern: '^hi$' }, action: 'alert' }]);
    const handoff = { ...newRow(), keywords: 'agent', action: 'handoff' as const, answer: '  ' };
    expect(rulesFromRows([handoff])).toEqual([{ match: { keywords: ['agent'] }, action: 'handoff' }]);
  });

  it('needs keywords or a pattern, and an answer for answer rules', () => {
    const rows = [
      { ...newRow(), keywords: ' , ' },
      { ...newRow(), by: 'pattern' as const, pattern: '  ' },
      { ...newRow(), keywords: 'price', answer: '' },
      { ...newRow(), keywords: 'price', action: 'handoff' as const },
      { ...newRow(), keywords: 'price', answer: '100 元' },
    ];
    expect(validateRows(rows)).toEqual({ 0: 'keywords', 1: 'pattern', 2: 'answer' });
  });

  it('reorders', () => {
    expect(moveRow(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const same = ['a', 'b'];
    expect(moveRow(same, 0, -1)).toBe(same);
    expect(moveRow(same, 1, 1)).toBe(same);
  });

  it('puts the server’s 400 on the rule it names', () => {
    expect(serverProblems('rules.2.match.pattern: invalid pattern: missing )')).toEqual({ 2: 'invalid pattern: missing )' });
    expect(serverProblems('rules.0.answer: Required; rules: at most 50')).toEqual({ 0: 'Required', '-1': 'rules: at most 50' });
  });
});
