/**
 * Speech segments (DESIGN.md): `{start, end, label, transcript}` in seconds of the task's audio. Pure functions,
 * tested alone; the waveform (Waveform.tsx) and the list call them.
 */
export interface Segment {
  start: number;
  end: number;
  label: string;
  transcript?: string;
}

/** Below this a segment is a click, not a stretch of speech. */
export const MIN_SEGMENT = 0.05;
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** Milliseconds: finer than anyone can hear, and no 15-digit noise in the stored JSON. */
export function roundTime(t: number): number {
  return Math.round(t * 1000) / 1000;
}

/** A segment between two times in either order, inside [0, duration]; null when it is too short. */
export function segmentBetween(a: number, b: number, duration: number | null, label: string): Segment | null {
  const hi = duration ?? Infinity;
  const start = roundTime(Math.min(Math.max(0, Math.min(a, b)), hi));
  const end = roundTime(Math.min(Math.max(0, Math.max(a, b)), hi));
  if (end - start < MIN_SEGMENT) return null;
  return { start, end, label };
}

/** The segments with one added, kept in time order; `index` is where it went. */
export function insertSegment(segments: Segment[], s: Segment): { segments: Segment[]; index: number } {
  let index = segments.findIndex((x) => x.start > s.start);
  if (index < 0) index = segments.length;
  return { segments: [...segments.slice(0, index), s, ...segments.slice(index)], index };
}

/** A segment's times changed (dragged, resized or typed), clamped and kept the right way round. */
export function retime(s: Segment, start: number, end: number, duration: number | null): Segment | null {
  const r = segmentBetween(start, end, duration, s.label);
  return r ? { ...s, start: r.start, end: r.end } : null;
}

/** The next playback speed up or down the list. */
export function stepSpeed(current: number, dir: 1 | -1): number {
  const i = SPEEDS.findIndex((s) => s >= current - 1e-9);
  const at = i < 0 ? SPEEDS.length - 1 : i;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + dir))];
}

/** `m:ss.s` for people (a segment list is read, not computed with). */
export function formatTime(t: number): string {
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(2).padStart(5, '0')}`;
}

/**
 * The peaks the server precomputes (`GET /api/v1/media/{id}?variant=peaks`), so the waveform draws at once without
 * decoding the file. Accepted shapes: `{"peaks": [..] | [[..], ..], "duration": s}` (also `data` for `peaks`, as
 * audiowaveform writes it), or a bare array. Values are scaled into [-1, 1] when they are integers (8/16 bit).
 */
export function parsePeaks(json: unknown): { peaks: number[][]; duration: number | null } | null {
  const o = Array.isArray(json) ? { peaks: json } : json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
  if (!o) return null;
  const raw = Array.isArray(o.peaks) ? o.peaks : Array.isArray(o.data) ? o.data : null;
  if (!raw || raw.length === 0) return null;
  const channels = (Array.isArray(raw[0]) ? raw : [raw]) as unknown[][];
  const nums = channels.map((c) => c.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)));
  const max = Math.max(...nums.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
  const bits = typeof o.bits === 'number' ? o.bits : max > 1 ? (max > 128 ? 16 : 8) : 0;
  const scale = bits ? 2 ** (bits - 1) : 1;
  const duration = typeof o.duration === 'number' && o.duration > 0 ? o.duration : null;
  return { peaks: nums.map((c) => c.map((v) => v / scale)), duration };
}

/** What a key does on the speech tool. */
export type SegmentAction =
  | { kind: 'label'; value: string }
  | { kind: 'play' }
  | { kind: 'mark' }
  | { kind: 'seek'; by: number }
  | { kind: 'speed'; dir: 1 | -1 }
  | { kind: 'delete' }
  | { kind: 'cancel' }
  | { kind: 'cycle'; step: 1 | -1 };

export const SEGMENT_RESERVED = ['m'];

export function segmentAction(combo: string, labels: { value: string; hotkey: string | null }[]): SegmentAction | null {
  const label = labels.find((l) => l.hotkey === combo);
  if (label) return { kind: 'label', value: label.value };
  switch (combo) {
    case 'space':
      return { kind: 'play' };
    case 'm':
      return { kind: 'mark' };
    case 'arrowleft':
      return { kind: 'seek', by: -1 };
    case 'arrowright':
      return { kind: 'seek', by: 1 };
    case 'shift+arrowleft':
      return { kind: 'seek', by: -5 };
    case 'shift+arrowright':
      return { kind: 'seek', by: 5 };
    case ',':
      return { kind: 'speed', dir: -1 };
    case '.':
      return { kind: 'speed', dir: 1 };
    case 'delete':
    case 'backspace':
      return { kind: 'delete' };
    case 'escape':
      return { kind: 'cancel' };
    case ']':
      return { kind: 'cycle', step: 1 };
    case '[':
      return { kind: 'cycle', step: -1 };
  }
  return null;
}
