import { joinSentences, splitByTokens, splitSentences } from './sentences';

describe('splitSentences', () => {
  it('splits Latin text at . ! ? followed by a space, not inside numbers', () => {
    expect(splitSentences('We open at 9.30 daily. Closed Sundays! Any questions? Call "us." Then go')).toEqual([
      'We open at 9.30 daily.',
      'Closed Sundays!',
      'Any questions?',
      'Call "us."',
      'Then go',
    ]);
  });

  it('splits Chinese text at 。！？；… and full-width punctuation, closing quotes kept', () => {
    expect(splitSentences('我们九点开门。周日休息！有问题吗？请先预约；谢谢……他说：「好的。」然后走了')).toEqual([
      '我们九点开门。',
      '周日休息！',
      '有问题吗？',
      '请先预约；',
      '谢谢……',
      '他说：「好的。」',
      '然后走了',
    ]);
  });

  it('splits mixed text and line breaks, and joins back without inventing spaces between CJK', () => {
    const sentences = splitSentences('Open daily. 每天开放。Welcome!欢迎\nline two');
    expect(sentences).toEqual(['Open daily.', '每天开放。', 'Welcome!', '欢迎', 'line two']);
    expect(joinSentences(['每天开放。', '欢迎光临。'])).toBe('每天开放。欢迎光临。');
    expect(joinSentences(['Open.', 'Closed.'])).toBe('Open. Closed.');
  });
});

describe('splitByTokens', () => {
  const count = (s: string) => s.length; // one token per character, for exact checks

  it('cuts a long sentence into pieces within the limit, at spaces when it can', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
    const pieces = splitByTokens(text, 12, count);
    expect(pieces.every((p) => p.length <= 12)).toBe(true);
    expect(pieces.join(' ')).toBe(text);
  });

  it('cuts CJK text between characters, never inside a surrogate pair', () => {
    const text = '一二三四五六七八九十😀😀😀';
    const pieces = splitByTokens(text, 4, count);
    expect(pieces.every((p) => p.length <= 4)).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect(pieces.join('')).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
