import { diffLines, diffRows, diffStats, diffWords, tokenize, type DiffLine, type DiffSegment } from './diff';

const show = (lines: DiffLine[]) => lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'add' ? '+' : '-'}${l.text}`);

describe('line diff', () => {
  it('keeps identical texts as they are', () => {
    const lines = diffLines('a\nb', 'a\nb');
    expect(show(lines)).toEqual([' a', ' b']);
    expect(lines[1]).toEqual({ kind: 'same', text: 'b', oldLine: 2, newLine: 2 });
  });

  it('finds additions, removals and changes, removals first', () => {
    expect(show(diffLines('a\nb\nc', 'a\nc'))).toEqual([' a', '-b', ' c']);
    expect(show(diffLines('a\nc', 'a\nb\nc'))).toEqual([' a', '+b', ' c']);
    expect(show(diffLines('a\nb\nc', 'a\nB\nc'))).toEqual([' a', '-b', '+B', ' c']);
  });

  it('matches the longest common subsequence, not just head and tail', () => {
    const before = ['x', 'a', 'b', 'c', 'y'].join('\n');
    const after = ['a', 'q', 'b', 'c', 'z'].join('\n');
    expect(show(diffLines(before, after))).toEqual(['-x', ' a', '+q', ' b', ' c', '-y', '+z']);
  });

  it('numbers lines on each side', () => {
    const lines = diffLines('one\ntwo\nthree', 'zero\none\nthree');
    expect(lines).toEqual([
      { kind: 'add', text: 'zero', newLine: 1 },
      { kind: 'same', text: 'one', oldLine: 1, newLine: 2 },
      { kind: 'del', text: 'two', oldLine: 2 },
      { kind: 'same', text: 'three', oldLine: 3, newLine: 3 },
    ]);
  });

  it('handles empty texts, CRLF and Chinese', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(show(diffLines('', '你好\n世界'))).toEqual(['+你好', '+世界']);
    expect(show(diffLines('你好\r\n世界', '你好\n世界！'))).toEqual([' 你好', '-世界', '+世界！']);
  });

  it('counts changes', () => {
    expect(diffStats(diffLines('a\nb\nc', 'a\nB\nc\nd'))).toEqual({ added: 2, removed: 1 });
  });

  it('stays correct on texts too big for the table', () => {
    const before = Array.from({ length: 2500 }, (_, i) => `old ${i}`);
    const after = Array.from({ length: 2500 }, (_, i) => `new ${i}`);
    const lines = diffLines(['head', ...before, 'tail'].join('\n'), ['head', ...after, 'tail'].join('\n'));
    expect(diffStats(lines)).toEqual({ added: 2500, removed: 2500 });
    expect(lines[0].kind).toBe('same');
    expect(lines[lines.length - 1]).toEqual({ kind: 'same', text: 'tail', oldLine: 2502, newLine: 2502 });
  });
});

const marked = (segments: DiffSegment[]) => segments.map((s) => (s.changed ? `[${s.text}]` : s.text)).join('');

describe('word and character diff', () => {
  it('splits words, spaces and punctuation, and CJK by character', () => {
    expect(tokenize("it's a test, ok")).toEqual(["it's", ' ', 'a', ' ', 'test', ',', ' ', 'ok']);
    expect(tokenize('你好，world中文')).toEqual(['你', '好', '，', 'world', '中', '文']);
    expect(tokenize('𠀀ab')).toEqual(['𠀀', 'ab']);
  });

  it('marks the characters that changed in a Chinese line', () => {
    const words = diffWords('你是一位养生顾问，请用简体中文回答。', '你是一位健康顾问，请用简体中文简短回答。')!;
    expect(marked(words.del)).toBe('你是一位[养生]顾问，请用简体中文回答。');
    expect(marked(words.add)).toBe('你是一位[健康]顾问，请用简体中文[简短]回答。');
  });

  it('marks whole words in other languages', () => {
    const words = diffWords('You are a helpful assistant.', 'You are a very helpful assistant!')!;
    expect(marked(words.del)).toBe('You are a helpful assistant[.]');
    expect(marked(words.add)).toBe('You are a [very ]helpful assistant[!]');
  });

  it('leaves a rewritten line whole', () => {
    expect(diffWords('completely different', 'nothing alike here')).toBeNull();
  });

  it('pairs removed and added lines and keeps the rest as lines', () => {
    const rows = diffRows('a\nhello world\nc', 'a\nhello there world\nnew line\nc');
    expect(rows.map((r) => `${r.kind}:${r.segments ? marked(r.segments) : r.text}`)).toEqual([
      'same:a', 'del:hello world', 'add:hello [there ]world', 'add:new line', 'same:c',
    ]);
  });
});
