import { toQuery } from './query';

describe('toQuery', () => {
  it('keeps set values only, encoded', () => {
    expect(toQuery({})).toBe('');
    expect(toQuery({ a: '', b: undefined, c: null })).toBe('');
    expect(toQuery({ q: '失眠 怎么办', reviewed: false, limit: 50 })).toBe('?q=%E5%A4%B1%E7%9C%A0+%E6%80%8E%E4%B9%88%E5%8A%9E&reviewed=false&limit=50');
  });
});
