import { lexicalTerms, queryTerms } from './lexical';

const TERM = /^[\p{L}\p{N}]+$/u;

describe('lexicalTerms', () => {
  it('lowercases Latin words and splits on anything but letters and digits', () => {
    expect(lexicalTerms("The clinic's hours: 9-17, Mon–Fri. e-mail INFO@Clinic.com")).toEqual(['the', 'clinic', 'hours', '9', '17', 'mon', 'fri', 'mail', 'info', 'clinic', 'com']);
  });

  it('gives CJK runs as bigrams, a lone character as itself, and keeps duplicates', () => {
    expect(lexicalTerms('门诊时间')).toEqual(['门诊', '诊时', '时间']);
    expect(lexicalTerms('我，你')).toEqual(['我', '你']);
    expect(lexicalTerms('iPhone15手机，手机')).toEqual(['iphone15', '手机', '手机']);
    expect(lexicalTerms('カタカナ ひらがな 한국어')).toEqual(['カタ', 'タカ', 'カナ', 'ひら', 'らが', 'がな', '한국', '국어']);
  });

  it('normalises full-width letters and digits', () => {
    expect(lexicalTerms('ＡＢＣ１２３')).toEqual(['abc123']);
  });

  it('only gives terms the caller can put in a tsvector', () => {
    const text = `Crème brûlée — naïve café! 😀 <b>x</b> O'Brien's 数字２０２４年 ${'a'.repeat(50)} नमस्ते`;
    for (const term of lexicalTerms(text)) {
      expect(term).toMatch(TERM);
      expect(term.length).toBeLessThanOrEqual(32);
    }
    expect(lexicalTerms(text)).toEqual(expect.arrayContaining(['crème', 'brûlée', 'café', '数字', '2024', '年', 'a'.repeat(32)]));
  });
});

describe('queryTerms', () => {
  it('drops stop words and one-letter words, and is unique', () => {
    expect(queryTerms('What are the opening hours of the clinic? Is it open on a Sunday? Hours!')).toEqual(['opening', 'hours', 'clinic', 'open', 'sunday']);
  });

  it('matches the index terms of Chinese text', () => {
    const q = queryTerms('门诊几点开门？');
    expect(q).toEqual(['门诊', '诊几', '几点', '点开', '开门']);
    const index = new Set(lexicalTerms('我们的门诊每天早上九点开门。'));
    expect(q.filter((t) => index.has(t))).toEqual(['门诊', '点开', '开门']);
  });
});
