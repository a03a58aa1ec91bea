import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, initialLang, LANG_STORAGE_KEY, translate, useT } from './i18n';
import { LanguageSwitch } from './Layout';
import { formatMessage, type MessageText } from '../i18n/format';
import { messages } from './messages';

function storage(saved: string | null) {
  return { getItem: (k: string) => (k === LANG_STORAGE_KEY ? saved : null) };
}

function Probe() {
  const t = useT();
  return <h1>{t('login.title')}</h1>;
}

function stubBrowserLanguage(lang: string) {
  vi.spyOn(window.navigator, 'language', 'get').mockReturnValue(lang);
}

describe('initial language', () => {
  it('is Korean for a Korean browser and English otherwise', () => {
    expect(initialLang(storage(null), 'ko-KR')).toBe('ko');
    expect(initialLang(storage(null), 'ko')).toBe('ko');
    expect(initialLang(storage(null), 'en-US')).toBe('en');
    expect(initialLang(storage(null), 'ja-JP')).toBe('en');
    expect(initialLang(storage(null), undefined)).toBe('en');
    expect(initialLang(null, 'ko-KR')).toBe('ko');
  });

  it('a choice made before wins over the browser language', () => {
    expect(initialLang(storage('en'), 'ko-KR')).toBe('en');
    expect(initialLang(storage('ko'), 'en-US')).toBe('ko');
    expect(initialLang(storage('fr'), 'ko-KR')).toBe('ko'); // junk in storage is ignored
  });
});

describe('I18nProvider', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws Korean for a Korean browser and sets <html lang>', () => {
    stubBrowserLanguage('ko-KR');
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('로그인');
    expect(document.documentElement.lang).toBe('ko');
  });

  it('draws English for another browser language', () => {
    stubBrowserLanguage('en-GB');
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Sign in');
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches language from the header and remembers the choice', () => {
    stubBrowserLanguage('ko-KR');
    render(
      <I18nProvider>
        <LanguageSwitch />
        <Probe />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByRole('combobox', { name: '언어' }), { target: { value: 'en' } });
    expect(screen.getByRole('heading')).toHaveTextContent('Sign in');
    expect(screen.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
  });
});

describe('messages', () => {
  it('every message has non-empty Korean and English with the same parameters', () => {
    const forms = (m: MessageText) => (typeof m === 'string' ? [m] : Object.values(m));
    const params = (m: MessageText) => [...new Set(forms(m).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();
    for (const [key, entry] of Object.entries(messages) as [string, { ko: MessageText; en: MessageText }][]) {
      for (const s of [...forms(entry.ko), ...forms(entry.en)]) expect(s.trim(), key).not.toBe('');
      expect(params(entry.ko), key).toEqual(params(entry.en));
    }
  });

  it('picks the plural form for a count by Intl.PluralRules', () => {
    const forms = { one: '{n} task', other: '{n} tasks' };
    expect(formatMessage('en', forms, { n: 1 })).toBe('1 task');
    expect(formatMessage('en', forms, { n: 0 })).toBe('0 tasks');
    expect(formatMessage('en', forms, { n: 2 })).toBe('2 tasks');
    expect(formatMessage('ko', forms, { n: 1 })).toBe('1 tasks'); // Korean has no "one": its own entries stay plain
    expect(formatMessage('en', '{n}개', { n: 1 })).toBe('1개');
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(translate('ko', 'error.line', { line: 7 })).toBe('7행');
    expect(translate('en', 'error.line')).toBe('Line {line}');
  });
});
