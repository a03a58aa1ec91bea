import { DEFAULT_HOTKEYS } from '../choice/options';
import { PALETTE, type LabelDef } from '../spans/labels';

/** A label of a media field with its hotkey and colour. */
export interface KeyedLabel {
  value: string;
  text: string;
  hotkey: string | null;
  color: string;
}

/**
 * Labels with hotkeys, as for spans (explicit hotkey wins; the others take 1..9 then a..z), except that the letters
 * the tool itself uses are never handed out by default: a schema with twelve labels still leaves `d` for drawing.
 * An explicit hotkey on a tool's letter is the schema author's choice and wins over the tool.
 */
export function keyedLabels(labels: unknown, reserved: readonly string[]): KeyedLabel[] {
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
  const taken = new Set([...list.map((l) => l.explicit).filter((k): k is string => !!k), ...reserved]);
  const pool = DEFAULT_HOTKEYS.filter((k) => !taken.has(k));
  return list.map((l, i) => ({ value: l.value, text: l.text, hotkey: l.explicit ?? pool.shift() ?? null, color: l.color ?? PALETTE[i % PALETTE.length] }));
}

/** What a key does on the image canvas. */
export type ImageAction =
  | { kind: 'label'; value: string }
  | { kind: 'mode'; mode: 'select' | 'draw' }
  | { kind: 'newObject' }
  | { kind: 'finish' }
  | { kind: 'cancel' }
  | { kind: 'delete' }
  | { kind: 'toggleHidden' }
  | { kind: 'toggleLocked' }
  | { kind: 'showAll' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'fit' }
  | { kind: 'cycle'; step: 1 | -1 }
  | { kind: 'nudge'; dx: number; dy: number };

/** The image tools' own keys (shown in the key help; label keys come on top). */
export const IMAGE_KEYS = {
  select: 'v',
  draw: 'd',
  /** Draw a new object from the keyboard (keydraw.ts). */
  newObject: 'n',
  finish: 'f',
  hide: 'h',
  lock: 'l',
  showAll: 'alt+h',
  delete: ['delete', 'backspace'],
  cancel: 'escape',
  zoomIn: ['+', '='],
  zoomOut: ['-'],
  fit: '0',
  next: ']',
  prev: '[',
} as const;

export const IMAGE_RESERVED = ['v', 'd', 'n', 'f', 'h', 'l', '0'];

const NUDGE: Record<string, [number, number]> = { arrowleft: [-1, 0], arrowright: [1, 0], arrowup: [0, -1], arrowdown: [0, 1] };

/** The action of a key combo (see shortcuts.comboOf), or null when it means nothing here. */
export function imageAction(combo: string, labels: KeyedLabel[]): ImageAction | null {
  const label = labels.find((l) => l.hotkey === combo);
  if (label) return { kind: 'label', value: label.value };
  switch (combo) {
    case IMAGE_KEYS.select:
      return { kind: 'mode', mode: 'select' };
    case IMAGE_KEYS.draw:
      return { kind: 'mode', mode: 'draw' };
    case IMAGE_KEYS.newObject:
      return { kind: 'newObject' };
    case IMAGE_KEYS.finish:
      return { kind: 'finish' };
    case IMAGE_KEYS.cancel:
      return { kind: 'cancel' };
    case 'delete':
    case 'backspace':
      return { kind: 'delete' };
    case IMAGE_KEYS.hide:
      return { kind: 'toggleHidden' };
    case IMAGE_KEYS.lock:
      return { kind: 'toggleLocked' };
    case IMAGE_KEYS.showAll:
      return { kind: 'showAll' };
    case '+':
    case '=':
      return { kind: 'zoom', factor: 1.25 };
    case '-':
      return { kind: 'zoom', factor: 0.8 };
    case IMAGE_KEYS.fit:
      return { kind: 'fit' };
    case IMAGE_KEYS.next:
      return { kind: 'cycle', step: 1 };
    case IMAGE_KEYS.prev:
      return { kind: 'cycle', step: -1 };
  }
  const m = /^(shift\+)?(arrow(?:left|right|up|down))$/.exec(combo);
  if (m) {
    const [dx, dy] = NUDGE[m[2]];
    const step = m[1] ? 10 : 1;
    return { kind: 'nudge', dx: dx * step, dy: dy * step };
  }
  return null;
}
