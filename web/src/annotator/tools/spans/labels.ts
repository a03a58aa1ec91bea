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

/** The colour as [r, g, b] (0–255): `#rgb`, `#rrggbb`, `rgb()`, or any CSS colour the browser's canvas can read. */
function rgbOf(color: string): [number, number, number] | null {
  let c = color.trim();
  if (!/^#|^rgba?\(/i.test(c) && typeof document !== 'undefined') {
    try {
      const ctx = document.createElement('canvas').getContext('2d');
      if (ctx) {
        ctx.fillStyle = '#000';
        ctx.fillStyle = c;
        c = String(ctx.fillStyle);
      }
    } catch {
      // no canvas (tests): only the forms parsed below are known
    }
  }
  const hex = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(c);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

/** WCAG 2.1 relative luminance of an sRGB colour. */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Black or white, whichever reads better on a label's colour (WCAG contrast): text on a tag or chip filled with any
 * colour a manager picks — the palette's green or amber, a pastel — stays readable. Unknown colours get black.
 */
export function textColorOn(color: string): '#000' | '#fff' {
  const rgb = rgbOf(color);
  if (!rgb) return '#000';
  const l = luminance(rgb);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}
