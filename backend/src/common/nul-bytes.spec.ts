import { findNulByte } from './nul-bytes';

describe('findNulByte', () => {
  it('names the first field holding a NUL, however deep', () => {
    expect(findNulByte('a\u0000')).toBe('body');
    expect(findNulByte({ settings: { suggestions: ['ok', 'b\u0000d'] } })).toBe('settings.suggestions.1');
    expect(findNulByte({ ['k\u0000']: 1 })).toBe('k\u0000');
  });

  it('passes clean input, lone surrogates included', () => {
    expect(findNulByte({ text: 'x\ud800y', n: 1, list: [null, true, { a: '你好' }] })).toBeUndefined();
  });
});
