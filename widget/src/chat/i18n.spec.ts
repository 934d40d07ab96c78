import { errorText, launcherStrings, pickLocale, strings, supportedLocale } from './i18n';
import { formStrings } from './form-strings';

describe('locale choice', () => {
  it('takes the first it has: callers pass data-locale, the browser languages, then the bot', () => {
    expect(pickLocale('en', 'zh-CN', 'zh-CN')).toBe('en');
    expect(pickLocale(undefined, 'en-US', 'zh-CN')).toBe('en');
    expect(pickLocale(undefined, 'fr-FR', 'en-US', 'zh-CN')).toBe('en');
    expect(pickLocale(undefined, 'fr-FR', 'zh-CN')).toBe('zh-CN');
    expect(pickLocale('', null, 'en-GB')).toBe('en');
  });

  it('names how long to wait: seconds, then minutes', () => {
    const t = strings('en');
    expect(errorText(t, { code: 'rate_limited', message: 'Too quick.', retryAfterMs: 12_300 })).toBe('You are sending messages too quickly. Try again in 13 s.');
    expect(errorText(t, { code: 'budget_exceeded', message: 'Limit reached.', retryAfterMs: 600_000 })).toBe('Limit reached. Try again in 10 min.');
    expect(errorText(strings('zh-CN'), { code: 'rate_limited', message: '', retryAfterMs: 5000 })).toBe('发送太频繁。请 5 秒后再试。');
    expect(errorText(t, { code: 'internal', message: '' })).toBe(t.sendFailed);
  });

  it('skips locales it has no strings for', () => {
    expect(pickLocale('fr', 'de-DE', 'zh')).toBe('zh-CN');
    expect(pickLocale('fr', undefined, 'ja')).toBe('en');
  });

  it('normalises tags', () => {
    expect(supportedLocale(' ZH_cn ')).toBe('zh-CN');
    expect(supportedLocale('zh-Hant-TW')).toBe('zh-CN');
    expect(supportedLocale('EN')).toBe('en');
    expect(supportedLocale('english')).toBeUndefined();
    expect(supportedLocale('zhx')).toBeUndefined();
  });

  it('has every string in both tables', () => {
    const keys = (value: object): string[] => Object.entries(value).flatMap(([k, v]) =>
      (typeof v === 'object' ? keys(v).map((sub) => `${k}.${sub}`) : [k])).sort();
    expect(keys(strings('zh-CN'))).toEqual(keys(strings('en')));
    expect(Object.keys(launcherStrings['zh-CN'])).toEqual(Object.keys(launcherStrings.en));
  });
});

describe('the lazily loaded forms’ strings', () => {
  it('has every string in both tables, and each table names its locale', () => {
    expect(Object.keys(formStrings['zh-CN']).sort()).toEqual(Object.keys(formStrings.en).sort());
    expect(strings('zh-CN').locale).toBe('zh-CN');
    expect(strings('en').locale).toBe('en');
  });
});
