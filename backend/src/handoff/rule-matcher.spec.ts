import { compileRules, firstMatch, patternProblem } from './rule-matcher';

describe('rules', () => {
  const rules = compileRules([
    { match: { keywords: ['胸痛', 'Chest pain'] }, action: 'handoff', answer: '如有胸痛请立即拨打 120。' },
    { match: { pattern: '^(refund|退款)' }, action: 'answer', answer: 'Refunds take 5 days.' },
    { match: { keywords: ['complaint'] }, action: 'alert' },
  ]);

  it('matches keywords case-insensitively as substrings, Chinese included, first rule first', () => {
    expect(firstMatch(rules, '我有点胸痛怎么办')?.action).toBe('handoff');
    expect(firstMatch(rules, 'I have CHEST PAIN')?.action).toBe('handoff');
    expect(firstMatch(rules, 'refund please, chest pain too')?.action).toBe('handoff');
    expect(firstMatch(rules, 'Refund please')?.action).toBe('answer');
    expect(firstMatch(rules, '退款要多久')?.action).toBe('answer');
    expect(firstMatch(rules, 'I want a refund')).toBeUndefined();
    expect(firstMatch(rules, 'a complaint')?.action).toBe('alert');
  });

  it('names what is wrong with an invalid pattern, and refuses what RE2 cannot run in linear time', () => {
    expect(patternProblem('(refund')).toMatch(/^invalid pattern: .*\)/);
    expect(patternProblem('(a)\\1')).toMatch(/^invalid pattern/);
    expect(patternProblem('(?=x)')).toMatch(/^invalid pattern/);
    expect(patternProblem('^(a+)+$')).toBeUndefined();
  });

  it('matches a catastrophic-backtracking pattern in linear time', () => {
    const [evil] = compileRules([{ match: { pattern: '^(a+)+$' }, action: 'alert' }]);
    const text = 'a'.repeat(3000) + '!';
    const started = process.hrtime.bigint();
    expect(evil.test(text)).toBe(false);
    // A backtracking engine takes longer than the universe's age here; RE2 takes milliseconds.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(2);
  });
});
