import { clamp, clampPoint, isDegenerateBox, round, type Point, type Size } from './geometry';
import type { ImageKind } from './ImageStage';
import { toImage, type Viewport } from './viewport';

/**
 * Drawing a new object from the keyboard (issue 10: everything works without a mouse), as CVAT's "N" does: N starts
 * an object of the tool's kind and label at the centre of what is on screen, the arrows place it, Enter finishes it,
 * Escape cancels. Pure functions here; ImageTool owns the state and sends the result through the same `create` as a
 * drawn object (undo/redo, validation, attributes).
 * - box: a box of a tenth of the view; arrows move it, Shift+arrows move its right/bottom edge (resize);
 * - polygon: a cross-hair; Space (or Enter while there are fewer than three) adds a vertex there, Enter closes,
 *   Backspace takes the last vertex back;
 * - key point: a cross-hair; Enter (or Space) places the point.
 * A step is ten screen pixels (at least one source pixel), so a step looks the same at any zoom; Ctrl (⌘) makes it one
 * source pixel. Ctrl, not Alt: Alt+← is the browser's Back.
 */
export type KeyDraft = { kind: 'boxes'; x: number; y: number; w: number; h: number } | { kind: 'polygons' | 'keypoints'; at: Point };

export type KeyDrawAction =
  | { kind: 'move'; dx: number; dy: number; fine: boolean }
  | { kind: 'resize'; dx: number; dy: number; fine: boolean }
  | { kind: 'vertex' }
  | { kind: 'finish' }
  | { kind: 'undoVertex' }
  | { kind: 'cancel' };

/** The key that starts drawing (shown in the hint, the toolbar and the docs). */
export const KEYDRAW_KEY = 'n';

const ARROWS: Record<string, [number, number]> = { arrowleft: [-1, 0], arrowright: [1, 0], arrowup: [0, -1], arrowdown: [0, 1] };

/** What a key combo (shortcuts.comboOf) does while a keyboard draft is open; null: the key is not the draft's. */
export function keyDrawAction(combo: string): KeyDrawAction | null {
  const m = /^(ctrl\+)?(shift\+)?(arrow(?:left|right|up|down))$/.exec(combo);
  if (m) {
    const [dx, dy] = ARROWS[m[3]];
    return { kind: m[2] ? 'resize' : 'move', dx, dy, fine: !!m[1] };
  }
  switch (combo) {
    case 'space':
      return { kind: 'vertex' };
    case 'enter':
      return { kind: 'finish' };
    case 'backspace':
      return { kind: 'undoVertex' };
    case 'escape':
      return { kind: 'cancel' };
  }
  return null;
}

/** One step in source pixels: ten screen pixels at this zoom (at least one), or one source pixel when fine. */
export function stepOf(scale: number, fine: boolean): number {
  return fine ? 1 : Math.max(1, Math.round(10 / scale));
}

/** The centre of what the canvas shows, in source pixels, inside the image. */
export function viewCentre(viewport: Viewport, view: Size, size: Size | null): Point {
  const [x, y] = toImage(viewport, view.width / 2, view.height / 2);
  return clampPoint(Math.round(x), Math.round(y), size);
}

/** A new draft at the centre of the view; a box is a tenth of the visible width and height (inside the image). */
export function startKeyDraft(kind: ImageKind, viewport: Viewport, view: Size, size: Size | null): KeyDraft {
  const [cx, cy] = viewCentre(viewport, view, size);
  if (kind !== 'boxes') return { kind, at: [cx, cy] };
  const maxW = size?.width ?? Infinity;
  const maxH = size?.height ?? Infinity;
  const w = Math.min(maxW, Math.max(2, Math.round(view.width / viewport.scale / 10)));
  const h = Math.min(maxH, Math.max(2, Math.round(view.height / viewport.scale / 10)));
  return { kind, x: clamp(Math.round(cx - w / 2), 0, maxW - w), y: clamp(Math.round(cy - h / 2), 0, maxH - h), w, h };
}

/** The draft moved (the whole box, or the cross-hair), kept inside the image. */
export function moveKeyDraft(d: KeyDraft, dx: number, dy: number, size: Size | null): KeyDraft {
  if (d.kind === 'boxes') {
    const maxX = size ? size.width - d.w : Infinity;
    const maxY = size ? size.height - d.h : Infinity;
    return { ...d, x: round(clamp(d.x + dx, 0, maxX)), y: round(clamp(d.y + dy, 0, maxY)) };
  }
  return { ...d, at: clampPoint(d.at[0] + dx, d.at[1] + dy, size) };
}

/** A box draft with its right/bottom edge moved; it keeps at least one pixel and stays inside the image. */
export function resizeKeyDraft(d: KeyDraft, dw: number, dh: number, size: Size | null): KeyDraft {
  if (d.kind !== 'boxes') return d;
  const w = round(clamp(d.w + dw, 1, size ? size.width - d.x : Infinity));
  const h = round(clamp(d.h + dh, 1, size ? size.height - d.y : Infinity));
  return { ...d, w, h };
}

export function keyDraftBox(d: KeyDraft): { x: number; y: number; w: number; h: number } | null {
  if (d.kind !== 'boxes' || isDegenerateBox(d)) return null;
  return { x: d.x, y: d.y, w: d.w, h: d.h };
}
