/**
 * The shapes of the image fields (DESIGN.md): boxes `{x, y, w, h, label, attributes}`, polygons `{points: [[x, y]…],
 * label, attributes}`, key points `{x, y, label}` — all in source pixels of the image. Pure functions, tested alone;
 * the canvas (ImageStage) only turns pointer positions into image coordinates and calls these.
 */
export type Attributes = Record<string, boolean | string | null>;
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  attributes?: Attributes;
}
export type Point = [number, number];
export interface Polygon {
  points: Point[];
  label: string;
  attributes?: Attributes;
}
export interface Keypoint {
  x: number;
  y: number;
  label: string;
  attributes?: Attributes;
}
export interface Size {
  width: number;
  height: number;
}

/** Below this many source pixels a box side (or a polygon's area) is degenerate: the server refuses it. */
export const MIN_SIDE = 1;

/** Two decimals: sub-pixel precision without 15-digit noise in the stored JSON. */
export function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

/** A point kept inside the image (edges included, as the server checks). */
export function clampPoint(x: number, y: number, size: Size | null): Point {
  if (!size) return [round(Math.max(0, x)), round(Math.max(0, y))];
  return [round(clamp(x, 0, size.width)), round(clamp(y, 0, size.height))];
}

/** The box spanned by two corners, in any order (drawing up and to the left gives a positive box), clamped. */
export function boxFromCorners(a: Point, b: Point, size: Size | null): { x: number; y: number; w: number; h: number } {
  const [x1, y1] = clampPoint(a[0], a[1], size);
  const [x2, y2] = clampPoint(b[0], b[1], size);
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: round(Math.abs(x2 - x1)), h: round(Math.abs(y2 - y1)) };
}

/** A box with negative sides turned around and its corners kept inside the image. */
export function normalizeBox<B extends Box>(b: B, size: Size | null): B {
  const r = boxFromCorners([b.x, b.y], [b.x + b.w, b.y + b.h], size);
  return { ...b, ...r };
}

export function isDegenerateBox(b: Pick<Box, 'w' | 'h'>): boolean {
  return !(b.w >= MIN_SIDE && b.h >= MIN_SIDE);
}

/** A box moved by (dx, dy), kept whole inside the image (it stops at the edge instead of shrinking). */
export function moveBox<B extends Box>(b: B, dx: number, dy: number, size: Size | null): B {
  const maxX = size ? size.width - b.w : Infinity;
  const maxY = size ? size.height - b.h : Infinity;
  return { ...b, x: round(clamp(b.x + dx, 0, Math.max(0, maxX))), y: round(clamp(b.y + dy, 0, Math.max(0, maxY))) };
}

export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';

/** A box resized by dragging one of its eight handles to (px, py); dragging past the opposite side flips it. */
export function resizeBox<B extends Box>(b: B, handle: Handle, px: number, py: number, size: Size | null): B {
  let x1 = b.x;
  let y1 = b.y;
  let x2 = b.x + b.w;
  let y2 = b.y + b.h;
  if (handle.includes('w')) x1 = px;
  if (handle.includes('e')) x2 = px;
  if (handle.includes('n')) y1 = py;
  if (handle.includes('s')) y2 = py;
  return { ...b, ...boxFromCorners([x1, y1], [x2, y2], size) };
}

/** Twice the signed area (shoelace); positive when the points turn counter-clockwise in y-up coordinates. */
export function polygonArea(points: Point[]): number {
  let a = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[(i + 1) % points.length];
    a += x1 * y2 - x2 * y1;
  }
  return Math.abs(a) / 2;
}

export function isDegeneratePolygon(points: Point[]): boolean {
  return points.length < 3 || polygonArea(points) < MIN_SIDE;
}

export function movePolygon<P extends Polygon>(p: P, dx: number, dy: number, size: Size | null): P {
  // The whole shape moves by the same amount, stopped at the image's edges (no vertex is squashed onto the edge).
  const xs = p.points.map((q) => q[0]);
  const ys = p.points.map((q) => q[1]);
  let ddx = dx;
  let ddy = dy;
  if (size) {
    ddx = clamp(dx, -Math.min(...xs), size.width - Math.max(...xs));
    ddy = clamp(dy, -Math.min(...ys), size.height - Math.max(...ys));
  } else {
    ddx = Math.max(dx, -Math.min(...xs));
    ddy = Math.max(dy, -Math.min(...ys));
  }
  return { ...p, points: p.points.map(([x, y]) => [round(x + ddx), round(y + ddy)] as Point) };
}

export function moveVertex<P extends Polygon>(p: P, index: number, x: number, y: number, size: Size | null): P {
  return { ...p, points: p.points.map((q, i) => (i === index ? clampPoint(x, y, size) : q)) };
}

/** Distance from (px, py) to the segment a–b. */
export function distanceToSegment(px: number, py: number, a: Point, b: Point): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The edge (index of its first vertex) nearest to a point: where a new vertex goes. */
export function nearestEdge(points: Point[], x: number, y: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < points.length; i++) {
    const d = distanceToSegment(x, y, points[i], points[(i + 1) % points.length]);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** A vertex added on the nearest edge, at the given point. */
export function insertVertex<P extends Polygon>(p: P, x: number, y: number, size: Size | null): { polygon: P; index: number } {
  const edge = nearestEdge(p.points, x, y);
  const points = [...p.points];
  points.splice(edge + 1, 0, clampPoint(x, y, size));
  return { polygon: { ...p, points }, index: edge + 1 };
}

/** A vertex taken out; a polygon keeps at least three (null: the vertex cannot go). */
export function removeVertex<P extends Polygon>(p: P, index: number): P | null {
  if (p.points.length <= 3 || index < 0 || index >= p.points.length) return null;
  return { ...p, points: p.points.filter((_, i) => i !== index) };
}

/** Even-odd rule. */
export function pointInPolygon(x: number, y: number, points: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInBox(x: number, y: number, b: Pick<Box, 'x' | 'y' | 'w' | 'h'>): boolean {
  return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
}

/** Whether a click at (x, y) closes the polygon being drawn: near its first vertex, in screen pixels. */
export function closesPolygon(points: Point[], x: number, y: number, scale: number, radius = 8): boolean {
  if (points.length < 3) return false;
  const [fx, fy] = points[0];
  return Math.hypot((x - fx) * scale, (y - fy) * scale) <= radius;
}

/**
 * The skeleton's lines: for each pair of labels, the first point of each. Pairs naming a label without a point are
 * left out (the labeler has not placed it yet).
 */
export function skeletonLines(points: Keypoint[], skeleton: unknown): [Point, Point][] {
  if (!Array.isArray(skeleton)) return [];
  const first = new Map<string, Point>();
  for (const p of points) if (!first.has(p.label)) first.set(p.label, [p.x, p.y]);
  const out: [Point, Point][] = [];
  for (const pair of skeleton) {
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const a = first.get(String(pair[0]));
    const b = first.get(String(pair[1]));
    if (a && b) out.push([a, b]);
  }
  return out;
}

/** The next label that has no point yet, after `current` in schema order (key points are placed one per label). */
export function nextMissingLabel(labels: string[], points: Keypoint[], current: string): string {
  const placed = new Set(points.map((p) => p.label));
  const start = Math.max(0, labels.indexOf(current));
  for (let k = 1; k <= labels.length; k++) {
    const l = labels[(start + k) % labels.length];
    if (!placed.has(l)) return l;
  }
  return current;
}
