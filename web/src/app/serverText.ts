import { groupFieldErrors, type ProblemError } from '../api/client';
import { translate, useI18n, type Lang, type Params } from './i18n';
import { formatDateTime, isInstant, type TimeOptions } from './datetime';
import { messages, type MessageKey } from './messages';

/**
 * Sentences the server composes arrive as a code with parameters (placement reasons, notifications, scoring
 * feedback) and are said here in the reader's language: message `code.<code>`. The server's English text stays the
 * fallback for a code this browser does not know (an older page, a newer server) and for rows from before codes.
 */
export interface Coded {
  code?: string | null;
  params?: Record<string, unknown> | null;
}

const ROLES = new Set(['REVIEWER', 'LABELER', 'NONE', 'MANAGER']);
const SHAPES = new Set(['score.boxes.f1', 'score.polygons.f1', 'score.keypoints.f1', 'score.segments.f1', 'score.segments.transcripts']);

function isKey(key: string): key is MessageKey {
  return key in messages;
}

export function sayCode(lang: Lang, code: string | null | undefined, params: Record<string, unknown> | null | undefined, fallback: string, opts: TimeOptions = {}): string {
  const key = `code.${code}`;
  if (!code || !isKey(key)) return fallback;
  return translate(lang, key, formatParams(lang, code, params ?? {}, opts));
}

/** A placement's reasons, clause by clause: "…:" runs into the next clause, the others are joined with "; ". */
export function sayReasons(lang: Lang, reasons: Coded[] | null | undefined, fallback: string): string {
  if (!Array.isArray(reasons) || reasons.length === 0) return fallback;
  let out = '';
  for (const r of reasons) {
    const s = sayCode(lang, r.code, r.params, '');
    if (!s) return fallback;
    out += out === '' ? s : out.endsWith(':') ? ` ${s}` : `; ${s}`;
  }
  return out;
}

/** Instants among the parameters (`at`, `…At`, `deadline`) are said in the reader's zone (opts.timeZone in tests). */
function formatParams(lang: Lang, code: string, raw: Record<string, unknown>, opts: TimeOptions = {}): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v == null) out[k] = '—';
    else if (k === 'reasons' && Array.isArray(v)) out[k] = sayReasons(lang, v as Coded[], '');
    else if (k === 'roles' && Array.isArray(v)) out[k] = v.map((r) => (ROLES.has(String(r)) ? translate(lang, `code.role.${String(r)}` as MessageKey) : String(r))).join(', ');
    else if (Array.isArray(v)) out[k] = `[${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}]`;
    else if ((k === 'role' || k === 'was') && typeof v === 'string' && ROLES.has(v)) out[k] = translate(lang, `code.role.${v}` as MessageKey);
    else if ((k === 'at' || k.endsWith('At') || k === 'deadline') && isInstant(v)) out[k] = formatDateTime(lang, v, opts);
    else if (typeof v === 'number') out[k] = Number.isInteger(v) ? v : Math.round(v * 100) / 100;
    else out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  // Clauses that appear only when they say something.
  if (code === 'score.choice.jaccard') {
    out.missedText = Array.isArray(raw.missed) && raw.missed.length ? translate(lang, 'code.score.choice.missed', { missed: out.missed }) : '';
    out.extraText = Array.isArray(raw.extra) && raw.extra.length ? translate(lang, 'code.score.choice.extra', { extra: out.extra }) : '';
  }
  if (code === 'score.spans.f1' || code === 'score.relations.f1' || SHAPES.has(code)) {
    out.extraText = typeof raw.extra === 'number' && raw.extra > 0 ? translate(lang, 'code.score.notExpected', { n: raw.extra }) : '';
  }
  if (code === 'quality.autoPaused') {
    out.accuracyPct = typeof raw.accuracy === 'number' ? Math.round(raw.accuracy * 100) : '—';
    out.minPct = typeof raw.minAccuracy === 'number' ? Math.round(raw.minAccuracy * 100) : '—';
  }
  // Means over the matches say nothing when nothing matched (the server's English leaves them out too).
  const found = typeof raw.found === 'number' && raw.found > 0;
  if (code === 'score.boxes.f1' || code === 'score.polygons.f1') {
    out.meanText = found ? translate(lang, 'code.score.meanIou', { meanIou: out.meanIou }) : '';
  }
  if (code === 'score.keypoints.f1') {
    out.meanText = found ? translate(lang, 'code.score.meanDistance', { meanDistance: out.meanDistance }) : '';
  }
  if (code === 'score.segments.transcripts') {
    out.cerText = found ? translate(lang, 'code.score.cer', { cer: out.cer }) : '';
  }
  return out;
}

/** The three kinds of server sentence, in the language the reader chose. */
export function useServerText() {
  const { lang } = useI18n();
  return {
    /** A field's scoring feedback. */
    feedback: (f: Coded & { feedback?: string | null }) => sayCode(lang, f.code, f.params, f.feedback ?? ''),
    /** A placement's reasons (its `why` for placements decided before reasons had codes). */
    reasons: (p: { reasons?: Coded[] | null; why: string }) => sayReasons(lang, p.reasons, p.why),
    /** A notification: its data names the code; the rest of data is the parameters. */
    notification: (n: { message: string; data: unknown }) => {
      const data = n.data && typeof n.data === 'object' ? (n.data as Record<string, unknown>) : {};
      return sayCode(lang, typeof data.code === 'string' ? data.code : null, data, n.message);
    },
  };
}

/** One entry of a problem's `errors[]`, as far as wording it goes. */
export interface FieldProblem extends Coded {
  field?: string | null;
  line?: number | null;
  message: string;
}

/** A field error's sentence in the reader's language (`code.<code>`); the server's English when the code is unknown. */
export function sayFieldError(lang: Lang, e: FieldProblem): string {
  return sayCode(lang, e.code, e.params, e.message);
}

/**
 * The part of a path below a field (`[3].attributes.light`), said for people: items counted from 1 (`#4 · attributes · light`,
 * `4번째 · …`). Empty for the field itself.
 */
export function sayItemPath(lang: Lang, rest: string): string {
  const parts: string[] = [];
  const re = /\[(\d+)\]|\.?([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) {
    if (m[1] != null) parts.push(translate(lang, 'fieldPath.item', { n: Number(m[1]) + 1 }));
    else parts.push(m[2] ?? m[3] ?? '');
  }
  return parts.filter((p) => p !== '').join(' · ');
}

/**
 * A field path said with the field's display name where it is known: `result.topic[2]` with labels `{topic: '주제'}`
 * reads `주제 · 3번째`. `labels` maps field names (the path's first part after `result.`, `reference.` or `gold.`) to
 * what the form shows; other paths are shown as the server wrote them.
 */
export function sayFieldPath(lang: Lang, path: string, labels?: Record<string, string> | null): string {
  if (!labels) return path;
  const m = /^(?:(?:result|reference|gold)\.)?([^.[\]]+)(.*)$/.exec(path);
  if (!m || !(m[1] in labels)) return path;
  const rest = sayItemPath(lang, m[2]);
  return rest ? `${labels[m[1]]} · ${rest}` : labels[m[1]];
}

/**
 * `groupFieldErrors` for forms, each message said in the reader's language: `sayErrors(e.errors, 'schema.')` gives
 * `{ 'fields[0].options': ['비어 있지 않은 배열이어야 합니다'] }`.
 */
export function useSaidFieldErrors() {
  const { lang } = useI18n();
  return (errors: FieldProblem[], prefix = '') => groupFieldErrors(errors as ProblemError[], prefix, (e) => sayFieldError(lang, e));
}
