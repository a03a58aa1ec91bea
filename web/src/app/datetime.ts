import type { Lang } from './i18n';

/**
 * Times the server sends (ISO instants, always UTC) shown in the reader's language and time zone: one
 * Intl.DateTimeFormat per language, style and zone. `timeZone` is for tests and for the rare screen that must
 * name a fixed zone; left out, the browser's own zone is used (no "UTC" strings on screen).
 */
export interface TimeOptions {
  timeZone?: string;
}

type Style = 'dateTime' | 'date' | 'time';

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

export function locale(lang: Lang): string {
  return lang === 'ko' ? 'ko-KR' : 'en-GB';
}

function formatter(lang: Lang, style: Style, timeZone: string | undefined): Intl.DateTimeFormat {
  // The zone is part of the key: process.env.TZ (tests) or the browser's zone may change between calls.
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const key = `${lang}|${style}|${zone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { ...STYLES[style], timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

function parse(iso: string | number | Date | null | undefined): Date | null {
  if (iso == null || iso === '') return null;
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026. 12. 1. 오후 9:00" / "1 Dec 2026, 21:00" in the reader's zone; "—" for none, the input when unreadable. */
export function formatDateTime(lang: Lang, iso: string | number | Date | null | undefined, opts: TimeOptions = {}): string {
  const d = parse(iso);
  if (!d) return iso == null || iso === '' ? '—' : String(iso);
  return formatter(lang, 'dateTime', opts.timeZone).format(d);
}

/** The date alone, in the reader's zone. */
export function formatDay(lang: Lang, iso: string | number | Date | null | undefined, opts: TimeOptions = {}): string {
  const d = parse(iso);
  if (!d) return iso == null || iso === '' ? '—' : String(iso);
  return formatter(lang, 'date', opts.timeZone).format(d);
}

/** The time of day alone, in the reader's zone. */
export function formatClock(lang: Lang, iso: string | number | Date | null | undefined, opts: TimeOptions = {}): string {
  const d = parse(iso);
  if (!d) return iso == null || iso === '' ? '—' : String(iso);
  return formatter(lang, 'time', opts.timeZone).format(d);
}

/** Whether a server parameter is an instant to format: ISO 8601 with a time and a zone (Z or ±hh:mm). */
export function isInstant(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v);
}
