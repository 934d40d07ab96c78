import { initialLocale, supportedLocale } from './locale';

describe('console locale', () => {
  it('prefers the stored choice, then the browser languages in order', () => {
    expect(initialLocale('en', ['zh-CN'])).toBe('en');
    expect(initialLocale(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLocale('garbage', ['de'])).toBe('en');
    expect(initialLocale(undefined, [])).toBe('en');
  });

  it('normalises tags', () => {
    expect(supportedLocale(' ZH_cn ')).toBe('zh-CN');
    expect(supportedLocale('en-GB')).toBe('en');
    expect(supportedLocale('english')).toBeUndefined();
  });
});
