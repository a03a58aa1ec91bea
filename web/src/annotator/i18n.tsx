import { createContext, useContext, type ReactNode } from 'react';
import { formatMessage, type MessageText, type Params } from '../i18n/format';
import { annotatorMessages, type AnnotatorMessageKey } from './messages';

export type AnnotatorLang = 'ko' | 'en';

/**
 * The annotator's strings come through this context, never from the app shell: the app provides the language (its
 * I18nProvider wraps everything in an AnnotatorStringsProvider), and the annotator's own table (./messages) has the
 * words. Without a provider (a bare test, another host) the annotator speaks English.
 */
const AnnotatorLangContext = createContext<AnnotatorLang>('en');

export function AnnotatorStringsProvider({ lang, children }: { lang: AnnotatorLang; children: ReactNode }) {
  return <AnnotatorLangContext.Provider value={lang}>{children}</AnnotatorLangContext.Provider>;
}

export function annotatorText(lang: AnnotatorLang, key: AnnotatorMessageKey, params?: Params): string {
  const entry: { ko: MessageText; en: MessageText } = annotatorMessages[key];
  return formatMessage(lang, entry[lang], params);
}

/** `tt(key, params)` in the language the host chose. */
export function useAnnotatorText() {
  const lang = useContext(AnnotatorLangContext);
  return (key: AnnotatorMessageKey, params?: Params) => annotatorText(lang, key, params);
}
