/**
 * Helpers for the KsponSpeech transcription conventions (national Korean speech corpora): dual transcription
 * `(철자)/(발음)` — how it is spelt, then how it was said —, noise tags (`b/` breath, `n/` noise, `l/` laughter,
 * `o/` another speaker, `u/` unintelligible) and `*` after an unclear word. The server validates the rules when the
 * schema asks for them (`"conventions": "kspon"`); these only help type them and warn early.
 */
export const NOISE_TAGS = ['b/', 'n/', 'l/', 'o/', 'u/'] as const;

export interface Edit {
  text: string;
  selStart: number;
  selEnd: number;
}

/**
 * The selection wrapped as `(sel)/(sel)`, with the second copy selected so the labeler types the pronunciation over
 * it. With nothing selected the pair is empty and the caret goes into the first brackets.
 */
export function wrapDual(text: string, start: number, end: number): Edit {
  const s = text.slice(start, end);
  const inserted = `(${s})/(${s})`;
  const out = text.slice(0, start) + inserted + text.slice(end);
  if (!s) return { text: out, selStart: start + 1, selEnd: start + 1 };
  const second = start + s.length + 4;
  return { text: out, selStart: second, selEnd: second + s.length };
}

/** A tag put at the caret (replacing a selection), with a space after it and before it when words touch. */
export function insertTag(text: string, start: number, end: number, tag: string): Edit {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lead = tag !== '*' && before && !/\s$/.test(before) ? ' ' : '';
  const trail = tag === '*' ? '' : after && !/^\s/.test(after) ? ' ' : after ? '' : ' ';
  const inserted = lead + tag + trail;
  const caret = start + inserted.length;
  return { text: before + inserted + after, selStart: caret, selEnd: caret };
}

export type KsponProblem = 'parens' | 'dual';

/** Early warnings (the server has the last word): brackets that do not pair up, a bracket group not in `(…)/(…)`. */
export function ksponProblems(text: string): KsponProblem[] {
  const out: KsponProblem[] = [];
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (depth < 0 || depth > 1) break;
  }
  if (depth !== 0) return ['parens'];
  const withoutPairs = text.replace(/\([^()]*\)\/\([^()]*\)/g, '');
  if (/[()]/.test(withoutPairs)) out.push('dual');
  return out;
}
