import { DEFAULT_HOTKEYS } from '../choice/options';

/** A label of a spans or relations field as the schema gives it. */
export type LabelDef = string | { value: string; hotkey?: string; color?: string; label?: string };

export interface NormalizedLabel {
  value: string;
  text: string;
  hotkey: string | null;
  color: string;
}

/** Distinct, readable on white, and still told apart by people with the common colour-vision deficiencies. */
export const PALETTE = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#9333ea', '#ea580c'];

/**
 * Labels with their hotkeys and colours. As for choice options: an explicit hotkey wins, the others take
 * 1..9 then a..z in order, skipping keys already held.
 */
export function normalizeLabels(labels: unknown): NormalizedLabel[] {
  const list = (Array.isArray(labels) ? (labels as LabelDef[]) : []).map((l) =>
    typeof l === 'string'
      ? { value: l, text: l, explicit: null as string | null, color: null as string | null }
      : {
          value: String(l?.value ?? ''),
          text: l?.label ? String(l.label) : String(l?.value ?? ''),
          explicit: l?.hotkey ? String(l.hotkey).toLowerCase() : null,
          color: typeof l?.color === 'string' ? l.color : null,
        },
  );
  const taken = new Set(list.map((l) => l.explicit).filter((k): k is string => !!k));
  const pool = DEFAULT_HOTKEYS.filter((k) => !taken.has(k));
  return list.map((l, i) => ({ value: l.value, text: l.text, hotkey: l.explicit ?? pool.shift() ?? null, color: l.color ?? PALETTE[i % PALETTE.length] }));
}

/**
 * A translucent background for a highlight in the label's colour. `#rgb` and `#rrggbb` become rgba() (the six-digit
 * form must be tried first: `#dc2626` read as `#dc2` is yellow); any other CSS colour is mixed with transparent by
 * the browser, so a named colour still tints instead of covering the text.
 */
export function tint(color: string, alpha = 0.22): string {
  const c = color.trim();
  const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(c);
  if (!m) return `color-mix(in srgb, ${c} ${Math.round(alpha * 100)}%, transparent)`;
  const hex = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
