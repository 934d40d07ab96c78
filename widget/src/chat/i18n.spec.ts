import { launcherStrings, pickLocale, strings, supportedLocale } from './i18n';

describe('locale choice', () => {
  it('prefers data-locale, then the bot, then the browser', () => {
    expect(pickLocale('en', 'zh-CN', 'zh-CN')).toBe('en');
    expect(pickLocale(undefined, 'zh-CN', 'en-US')).toBe('zh-CN');
    expect(pickLocale(undefined, undefined, 'zh-TW')).toBe('zh-CN');
    expect(pickLocale('', null, 'en-GB')).toBe('en');
  });

  it('skips locales it has no strings for', () => {
    expect(pickLocale('fr', 'de-DE', 'zh')).toBe('zh-CN');
    expect(pickLocale('fr', undefined, 'ja')).toBe('en');
  });

  it('normalises tags', () => {
    expect(supportedLocale(' ZH_cn ')).toBe('zh-CN');
    expect(supportedLocale('english')).toBeUndefined();
  });

  it('has every string in both tables', () => {
    const keys = (value: object): string[] => Object.entries(value).flatMap(([k, v]) =>
      (typeof v === 'object' ? keys(v).map((sub) => `${k}.${sub}`) : [k])).sort();
    expect(keys(strings('zh-CN'))).toEqual(keys(strings('en')));
    expect(Object.keys(launcherStrings['zh-CN'])).toEqual(Object.keys(launcherStrings.en));
  });
});
