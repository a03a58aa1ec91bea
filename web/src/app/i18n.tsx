import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { AnnotatorStringsProvider } from '../annotator/i18n';
import { formatMessage, type MessageText, type Params } from '../i18n/format';
import { messages, type MessageKey } from './messages';
import { formatDateTime } from './datetime';

export type Lang = 'ko' | 'en';
export const LANGS: Lang[] = ['ko', 'en'];
export const LANG_STORAGE_KEY = 'labelcrew.lang';

/** Korean for a Korean browser, English otherwise — unless the person chose one before. */
export function initialLang(
  storage: Pick<Storage, 'getItem'> | null = safeStorage(),
  navigatorLanguage: string | undefined = typeof navigator !== 'undefined' ? navigator.language : undefined,
): Lang {
  const saved = storage?.getItem(LANG_STORAGE_KEY);
  if (saved === 'ko' || saved === 'en') return saved;
  return navigatorLanguage?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

export type { Params };

/** The message in `lang`, its plural form picked for `params.n` (Intl.PluralRules), parameters filled in. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const entry: { ko: MessageText; en: MessageText } | undefined = messages[key];
  return formatMessage(lang, entry ? entry[lang] : key, params);
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** Dates and numbers in the chosen language. */
  formatDate: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: forced }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => forced ?? initialLang());
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    safeStorage()?.setItem(LANG_STORAGE_KEY, next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      formatDate: (iso) => formatDateTime(lang, iso),
    }),
    [lang, setLang],
  );
  // The annotator takes only the language from the app; its words are its own.
  return (
    <I18nContext.Provider value={value}>
      <AnnotatorStringsProvider lang={lang}>{children}</AnnotatorStringsProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT() {
  return useI18n().t;
}

export type { MessageKey };
