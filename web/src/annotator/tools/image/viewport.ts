import type { Point, Size } from './geometry';

/**
 * Where the image sits on the canvas: screen = image × scale + (x, y). Zooming keeps the image point under the
 * pointer (or the canvas centre, for keys) where it is, as every image editor does.
 */
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 40;
export const ZOOM_STEP = 1.2;

/** The whole image in the canvas, centred, never enlarged past 1:1 (a small image stays sharp). */
export function fitViewport(image: Size, canvas: Size, margin = 8): Viewport {
  if (image.width <= 0 || image.height <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = Math.min(1, (canvas.width - 2 * margin) / image.width, (canvas.height - 2 * margin) / image.height);
  const s = Math.max(MIN_SCALE, scale);
  return { scale: s, x: (canvas.width - image.width * s) / 2, y: (canvas.height - image.height * s) / 2 };
}

/** Zoom by `factor` around the screen point (sx, sy). */
export function zoomAt(v: Viewport, factor: number, sx: number, sy: number): Viewport {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
  const ix = (sx - v.x) / v.scale;
  const iy = (sy - v.y) / v.scale;
  return { scale, x: sx - ix * scale, y: sy - iy * scale };
}

/** A wheel's deltaY as a zoom factor: one notch (100) is one step; trackpads give finer steps. */
export function wheelFactor(deltaY: number): number {
  return Math.pow(ZOOM_STEP, -deltaY / 100);
}

export function pan(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, x: v.x + dx, y: v.y + dy };
}

export function toImage(v: Viewport, sx: number, sy: number): Point {
  return [(sx - v.x) / v.scale, (sy - v.y) / v.scale];
}

export function toScreen(v: Viewport, ix: number, iy: number): Point {
  return [ix * v.scale + v.x, iy * v.scale + v.y];
}
