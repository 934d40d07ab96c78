export type Locale = 'zh-CN' | 'en';

export const LOCALES: Locale[] = ['zh-CN', 'en'];
export const LOCALE_KEY = 'customchat.console.locale';

/** Maps a language tag onto a table we have; `undefined` when we have none for it. */
export function supportedLocale(tag: string | undefined | null): Locale | undefined {
  const lower = tag?.trim().toLowerCase();
  if (!lower) return undefined;
  if (lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return undefined;
}

/** The language switch's choice if any, else the first browser language we have; English otherwise. */
export function initialLocale(stored: string | null | undefined, browser: readonly string[]): Locale {
  for (const candidate of [stored, ...browser]) {
    const locale = supportedLocale(candidate);
    if (locale) return locale;
  }
  return 'en';
}
