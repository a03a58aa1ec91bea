import { describe, expect, it } from 'vitest';
import {
  boxFromCorners,
  closesPolygon,
  insertVertex,
  isDegenerateBox,
  isDegeneratePolygon,
  moveBox,
  movePolygon,
  nextMissingLabel,
  normalizeBox,
  pointInPolygon,
  removeVertex,
  resizeBox,
  skeletonLines,
  type Box,
  type Polygon,
} from './geometry';
import { fitViewport, toImage, toScreen, wheelFactor, zoomAt } from './viewport';

const size = { width: 100, height: 50 };
const box: Box = { x: 10, y: 10, w: 20, h: 10, label: 'car' };

describe('boxes', () => {
  it('drawing in any direction gives a positive box kept inside the image', () => {
    expect(boxFromCorners([30, 20], [10, 5], size)).toEqual({ x: 10, y: 5, w: 20, h: 15 });
    expect(boxFromCorners([90, 40], [130, -10], size)).toEqual({ x: 90, y: 0, w: 10, h: 40 });
    expect(normalizeBox({ ...box, w: -5, h: -5 }, size)).toEqual({ ...box, x: 5, y: 5, w: 5, h: 5 });
  });

  it('a box under one pixel a side is degenerate (the server refuses it)', () => {
    expect(isDegenerateBox({ w: 0.5, h: 10 })).toBe(true);
    expect(isDegenerateBox({ w: 1, h: 1 })).toBe(false);
    expect(isDegenerateBox({ w: NaN, h: 3 })).toBe(true);
  });

  it('moves stop at the edges without shrinking the box', () => {
    expect(moveBox(box, 500, 500, size)).toMatchObject({ x: 80, y: 40, w: 20, h: 10 });
    expect(moveBox(box, -500, 3, size)).toMatchObject({ x: 0, y: 13 });
    expect(moveBox(box, 1.234567, 0, size).x).toBe(11.23);
  });

  it('resizing by a handle moves only its sides, and past the opposite side flips', () => {
    expect(resizeBox(box, 'se', 50, 40, size)).toMatchObject({ x: 10, y: 10, w: 40, h: 30 });
    expect(resizeBox(box, 'n', 999, 0, size)).toMatchObject({ x: 10, y: 0, w: 20, h: 20 });
    expect(resizeBox(box, 'w', 40, 0, size)).toMatchObject({ x: 30, w: 10 });
  });
});

describe('polygons', () => {
  const tri: Polygon = { points: [[0, 0], [10, 0], [0, 10]], label: 'p' };

  it('adds a vertex on the nearest edge and keeps at least three', () => {
    const { polygon, index } = insertVertex(tri, 6, 6, size);
    expect(index).toBe(2);
    expect(polygon.points).toEqual([[0, 0], [10, 0], [6, 6], [0, 10]]);
    expect(removeVertex(polygon, 2)?.points).toEqual(tri.points);
    expect(removeVertex(tri, 0)).toBeNull();
  });

  it('moves as a whole, stopped at the image edge', () => {
    expect(movePolygon(tri, -5, 45, size).points).toEqual([[0, 40], [10, 40], [0, 50]]);
  });

  it('knows degenerate shapes, inside points and the click that closes a drawing', () => {
    expect(isDegeneratePolygon([[0, 0], [5, 5], [10, 10]])).toBe(true);
    expect(isDegeneratePolygon(tri.points)).toBe(false);
    expect(pointInPolygon(2, 2, tri.points)).toBe(true);
    expect(pointInPolygon(8, 8, tri.points)).toBe(false);
    expect(closesPolygon(tri.points, 1, 1, 2)).toBe(true); // 2.8 screen pixels from the first point
    expect(closesPolygon(tri.points, 5, 5, 2)).toBe(false);
    expect(closesPolygon(tri.points.slice(0, 2), 0, 0, 1)).toBe(false);
  });
});

describe('key points', () => {
  const pts = [
    { x: 1, y: 1, label: 'head' },
    { x: 2, y: 5, label: 'neck' },
  ];
  it('draws the skeleton between placed labels only', () => {
    expect(skeletonLines(pts, [['head', 'neck'], ['neck', 'hip'], 'junk'])).toEqual([[[1, 1], [2, 5]]]);
    expect(skeletonLines(pts, undefined)).toEqual([]);
  });
  it('moves on to the next label without a point', () => {
    expect(nextMissingLabel(['head', 'neck', 'hip'], pts, 'neck')).toBe('hip');
    expect(nextMissingLabel(['head', 'neck'], pts, 'neck')).toBe('neck');
  });
});

describe('viewport', () => {
  it('fits the image, never enlarging it, and centres it', () => {
    expect(fitViewport({ width: 1000, height: 500 }, { width: 516, height: 516 })).toEqual({ scale: 0.5, x: 8, y: 133 });
    expect(fitViewport({ width: 10, height: 10 }, { width: 100, height: 100 })).toEqual({ scale: 1, x: 45, y: 45 });
  });
  it('zooming keeps the point under the pointer in place', () => {
    const v = { scale: 0.5, x: 8, y: 133 };
    const [ix, iy] = toImage(v, 200, 300);
    const z = zoomAt(v, 3, 200, 300);
    expect(z.scale).toBe(1.5);
    const [sx, sy] = toScreen(z, ix, iy);
    expect(sx).toBeCloseTo(200);
    expect(sy).toBeCloseTo(300);
    expect(zoomAt(v, 1e9, 0, 0).scale).toBe(40);
    expect(wheelFactor(-100)).toBeCloseTo(1.2);
    expect(wheelFactor(100)).toBeCloseTo(1 / 1.2);
  });
});
