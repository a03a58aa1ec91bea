import type { SchemaField } from '../../../api/types';
import type { LabelDef } from './labels';

/** One span of a `spans` result: code point offsets into the NFC text, end exclusive. */
export interface Span {
  id: string | number;
  start: number;
  end: number;
  label: string;
}

export interface SpansField extends SchemaField {
  type: 'spans';
  labels: LabelDef[];
  allowOverlap?: boolean;
  /** The data key holding the text; `text` by default. */
  source?: string;
  min?: number;
  max?: number;
}

export function asSpans(value: unknown): Span[] {
  return Array.isArray(value)
    ? (value as Span[]).filter((s) => s && typeof s === 'object' && Number.isInteger(s.start) && Number.isInteger(s.end))
    : [];
}

/** "s1", "s2", … the next id no span of the field holds yet. */
export function nextSpanId(spans: Span[]): string {
  let max = 0;
  for (const s of spans) {
    const m = /^s(\d+)$/.exec(String(s.id));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `s${max + 1}`;
}

export function byPosition(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

export function overlapping(spans: Span[], start: number, end: number): Span | undefined {
  return spans.find((s) => s.start < end && start < s.end);
}

/** Adds a span (kept in text order), or names the span it would overlap when overlap is not allowed. */
export function addSpan(
  spans: Span[],
  start: number,
  end: number,
  label: string,
  allowOverlap: boolean,
): { spans: Span[]; span: Span } | { conflict: Span } {
  const same = spans.find((s) => s.start === start && s.end === end && s.label === label);
  if (same) return { spans, span: same };
  if (!allowOverlap) {
    const conflict = overlapping(spans, start, end);
    if (conflict) return { conflict };
  }
  const span: Span = { id: nextSpanId(spans), start, end, label };
  return { spans: [...spans, span].sort(byPosition), span };
}

export interface Piece {
  start: number;
  end: number;
  /** Spans covering the piece, shortest first. */
  covering: Span[];
}

/** Cuts [0, length) at every span and selection edge, so each piece is drawn with one style. */
export function pieces(length: number, spans: Span[], selection: [number, number] | null): Piece[] {
  const cuts = new Set<number>([0, length]);
  const clamp = (n: number) => Math.max(0, Math.min(n, length));
  for (const s of spans) {
    cuts.add(clamp(s.start));
    cuts.add(clamp(s.end));
  }
  if (selection) {
    cuts.add(clamp(selection[0]));
    cuts.add(clamp(selection[1]));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [start, end] = [sorted[i], sorted[i + 1]];
    const covering = spans.filter((s) => s.start <= start && s.end >= end).sort((a, b) => a.end - a.start - (b.end - b.start));
    out.push({ start, end, covering });
  }
  return out;
}
