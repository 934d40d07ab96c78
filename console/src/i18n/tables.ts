import { en, type Strings } from './en';
import type { Locale } from './locale';
import { zhCN } from './zh-CN';

const tables: Record<Locale, Strings> = { en, 'zh-CN': zhCN };

/** The strings of a language (pure: no Preact, so tests can load it). */
export function strings(locale: Locale): Strings {
  return tables[locale];
}
