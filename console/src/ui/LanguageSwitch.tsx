import { useI18n } from '../i18n';
import { LOCALES } from '../i18n/locale';

const NAMES = { 'zh-CN': '简体中文', en: 'English' } as const;

/** Each language named in itself, so anyone can find theirs. */
export function LanguageSwitch() {
  const { locale, t, setLocale } = useI18n();
  return (
    <label class="language-switch">
      <span class="visually-hidden">{t.nav.language}</span>
      <select value={locale} onChange={(e) => setLocale(e.currentTarget.value as (typeof LOCALES)[number])}>
        {LOCALES.map((l) => <option key={l} value={l} lang={l}>{NAMES[l]}</option>)}
      </select>
    </label>
  );
}
