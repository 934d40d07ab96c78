import { createContext, createElement, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { en, type Strings } from './en';
import { initialLocale, LOCALE_KEY, type Locale } from './locale';
import { strings } from './tables';

export type { Locale } from './locale';
export type { Strings } from './en';

export { strings } from './tables';

interface I18n {
  locale: Locale;
  t: Strings;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: en, setLocale: () => {} });

function stored(): string | null {
  try {
    return window.localStorage.getItem(LOCALE_KEY);
  } catch {
    return null; // storage blocked
  }
}

/** The language: the switch's last choice, else the browser's; kept in localStorage. */
export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(stored(), navigator.languages ?? [navigator.language]));

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = strings(locale).app.title;
  }, [locale]);

  const value = useMemo<I18n>(() => ({
    locale,
    t: strings(locale),
    setLocale(next) {
      try {
        window.localStorage.setItem(LOCALE_KEY, next);
      } catch {
        // storage blocked: the choice lasts for this page only
      }
      setLocaleState(next);
    },
  }), [locale]);

  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useT(): Strings {
  return useContext(I18nContext).t;
}
