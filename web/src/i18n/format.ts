/**
 * Message formatting shared by the app shell and the annotator (which must not import the app): `{name}`
 * placeholders, and plural forms chosen by Intl.PluralRules for the count in `params.n` (or the parameter `by` names).
 *
 * A message is either one string or plural forms keyed by the rule's category (`one`, `other`, …; `other` is
 * required). Korean has only `other`, so its entries stay plain strings; English says "1 span" / "2 spans".
 */
export type Params = Record<string, string | number>;
export type PluralForms = {
  other: string;
  /** The parameter that holds the count; `n` unless named. */
  by?: string;
} & Partial<Record<Intl.LDMLPluralRule, string>>;
export type MessageText = string | PluralForms;

const rules = new Map<string, Intl.PluralRules>();

/** The plural category of `n` in `lang` ("one", "other", …). */
export function pluralCategory(lang: string, n: number): Intl.LDMLPluralRule {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r.select(n);
}

/** Picks the plural form for `n` (or the one string) and fills in the parameters. */
export function formatMessage(lang: string, text: MessageText, params?: Params): string {
  let s: string;
  if (typeof text === 'string') s = text;
  else {
    const n = params?.[text.by ?? 'n'];
    s = typeof n === 'number' ? (text[pluralCategory(lang, n)] ?? text.other) : text.other;
  }
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  return s;
}
