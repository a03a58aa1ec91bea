import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import type { AnnotationResult, SchemaField } from '../../../api/types';
import { normalizeLabels } from '../spans/labels';
import type { Span } from '../spans/model';
import { relationKey, useHighlightedRelations } from './highlight';
import { asRelations, isRelationsField, type Relation } from './model';

/** The attribute the spans tool puts on each highlight piece: the ids of the spans covering it, space separated. */
export const SPAN_IDS_ATTR = 'data-span-ids';

export interface Point {
  x: number;
  y: number;
}

/** Where each span's arrows start and end: the top middle of its first line, in the container's content box. */
export interface Layout {
  width: number;
  height: number;
  anchors: Record<string, Point>;
}

export interface RelationGroup {
  field: string;
  key: string;
  relations: Relation[];
  colorOf: Map<string, string>;
}

/** The relations fields of the schema that link spans of `spansField`, with their current relations. */
export function relationGroups(spansField: string, fields: SchemaField[] | undefined, result: AnnotationResult | undefined, idPrefix: string): RelationGroup[] {
  return (fields ?? [])
    .filter(isRelationsField)
    .filter((f) => f.between === spansField)
    .map((f) => ({
      field: f.name,
      key: relationKey(idPrefix, f.name),
      relations: asRelations(result?.[f.name]),
      colorOf: new Map(normalizeLabels(f.labels).map((l) => [l.value, l.color])),
    }));
}

/** Measures the highlights under `container` (zero rects, as in jsdom or a hidden tab, give no anchor). */
export function measureAnchors(container: HTMLElement): Layout {
  const box = container.getBoundingClientRect();
  const originX = box.left + (container.clientLeft || 0) - (container.scrollLeft || 0);
  const originY = box.top + (container.clientTop || 0) - (container.scrollTop || 0);
  const rects = new Map<string, DOMRect[]>();
  for (const el of container.querySelectorAll(`[${SPAN_IDS_ATTR}]`)) {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 || r.height > 0)) continue;
    for (const id of (el.getAttribute(SPAN_IDS_ATTR) ?? '').split(' ')) {
      if (!id) continue;
      const list = rects.get(id);
      if (list) list.push(r);
      else rects.set(id, [r]);
    }
  }
  const anchors: Record<string, Point> = {};
  for (const [id, list] of rects) {
    // A span that wraps is several pieces on several lines: the arrow meets its first line.
    const first = list[0];
    const line = list.filter((r) => Math.abs(r.top - first.top) < 2);
    const left = Math.min(...line.map((r) => r.left));
    const right = Math.max(...line.map((r) => r.right));
    anchors[id] = { x: round((left + right) / 2 - originX), y: round(first.top - originY) };
  }
  // Every arrow lies above its ends, so the layer reaches down to the lowest anchor and no further: sized by the
  // container's scroll height it would keep that height from shrinking.
  const lowest = Math.max(0, ...Object.values(anchors).map((a) => a.y));
  return { width: Math.ceil(container.clientWidth || box.width), height: Math.ceil(lowest) + 2, anchors };
}

const round = (n: number) => Math.round(n * 10) / 10;

export interface Arc {
  d: string;
  /** The middle of the curve, where the label goes. */
  mid: Point;
}

/** The least height of the curve's middle (the label's baseline) above the container's top, so the label stays inside. */
const LABEL_ROOM = 14;

/**
 * A quadratic curve from `a` to `b` arching above both; `lane` lifts it further, so several relations between the
 * same two spans do not draw over each other. Near the top of the text the arch is flattened to keep its label in.
 */
export function arcPath(a: Point, b: Point, lane = 0): Arc {
  const dx = Math.abs(b.x - a.x);
  const lift = Math.min(48, 16 + dx * 0.12) + lane * 12;
  const p0 = { x: a.x, y: a.y - 1 };
  const p2 = { x: b.x, y: b.y - 1 };
  const c = { x: (a.x + b.x) / 2, y: Math.max(Math.min(a.y, b.y) - lift, (4 * LABEL_ROOM - p0.y - p2.y) / 2) };
  const mid = { x: round((p0.x + 2 * c.x + p2.x) / 4), y: round((p0.y + 2 * c.y + p2.y) / 4) };
  return { d: `M ${round(p0.x)} ${round(p0.y)} Q ${round(c.x)} ${round(c.y)} ${round(p2.x)} ${round(p2.y)}`, mid };
}

const sameLayout = (a: Layout | null, b: Layout | null) => JSON.stringify(a) === JSON.stringify(b);
const FALLBACK_COLOR = '#52525b';

/**
 * The relations between the spans of one spans field, drawn as arrows over its text: an absolutely positioned SVG
 * inside the text container (so it scrolls with the text), from the "from" span's highlight to the "to" span's,
 * with the relation label at the middle. It is decoration only (aria-hidden, no pointer events, not selectable);
 * the relations tool's list stays the accessible representation, and hovering or picking a relation there stresses
 * its arrow here. Positions come from the highlights' boxes, measured after every render, on resize and when fonts
 * load.
 */
export function RelationArrows({ container, spans, groups, idPrefix, spansField }: { container: RefObject<HTMLElement | null>; spans: Span[]; groups: RelationGroup[]; idPrefix: string; spansField: string }) {
  const [layout, setLayout] = useState<Layout | null>(null);
  const drawing = groups.some((g) => g.relations.length > 0);
  const measure = useCallback(() => {
    const el = container.current;
    const next = el && drawing ? measureAnchors(el) : null;
    setLayout((prev) => (sameLayout(prev, next) ? prev : next));
  }, [container, drawing]);

  // After every render: a new caret, selection or span moves the text; setLayout keeps the old object when
  // nothing moved, so this settles after one pass. (On the first render the container's ref is not attached yet,
  // since it belongs to an ancestor: the effect below measures again once it is.)
  useLayoutEffect(measure);

  useEffect(() => {
    const el = container.current;
    if (!el || !drawing) return;
    let gone = false;
    const again = () => {
      if (!gone) measure();
    };
    measure();
    let observer: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(again);
      observer.observe(el);
    } else {
      window.addEventListener('resize', again);
    }
    void (typeof document !== 'undefined' ? document.fonts?.ready : undefined)?.then(again, () => undefined);
    return () => {
      gone = true;
      observer?.disconnect();
      window.removeEventListener('resize', again);
    };
  }, [container, drawing, measure]);

  const highlighted = useHighlightedRelations(groups.map((g) => g.key));
  const markerBase = `${idPrefix}-${spansField}-arrow`.replace(/[^A-Za-z0-9_-]/g, '_');

  const arrows = (() => {
    if (!layout) return [];
    const byId = new Map(spans.map((s) => [s.id, s]));
    const out: { key: string; testId: string; d: string; mid: Point; label: string; color: string; group: string; index: number }[] = [];
    for (const g of groups) {
      const lanes = new Map<string, number>();
      g.relations.forEach((r, i) => {
        const from = byId.get(r.from);
        const to = byId.get(r.to);
        const a = from && layout.anchors[String(from.id)];
        const b = to && layout.anchors[String(to.id)];
        if (!a || !b) return;
        const pair = [String(r.from), String(r.to)].sort().join('\u0000');
        const lane = lanes.get(pair) ?? 0;
        lanes.set(pair, lane + 1);
        const arc = arcPath(a, b, lane);
        out.push({
          key: `${g.field}-${i}`,
          testId: `relation-arrow-${g.field}-${i}`,
          d: arc.d,
          mid: arc.mid,
          label: String(r.label),
          color: g.colorOf.get(r.label) ?? FALLBACK_COLOR,
          group: g.key,
          index: i,
        });
      });
    }
    return out;
  })();

  if (!layout || arrows.length === 0) return null;
  const colors = [...new Set(arrows.map((a) => a.color))];
  const markerOf = (color: string) => `${markerBase}-${colors.indexOf(color)}`;
  const anyHighlighted = arrows.some((a) => highlighted.get(a.group) === a.index);

  return (
    <svg
      className="relation-arrows"
      aria-hidden="true"
      focusable="false"
      width={layout.width}
      height={layout.height}
      data-testid={`relation-arrows-${spansField}`}
    >
      <defs>
        {colors.map((c) => (
          <marker key={c} id={markerOf(c)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">
            <path d="M 0 0 L 10 5 L 0 10 z" fill={c} />
          </marker>
        ))}
      </defs>
      {arrows.map((a) => {
        const on = highlighted.get(a.group) === a.index;
        return (
          <g key={a.key} className={`relation-arrow${on ? ' relation-arrow-on' : ''}${anyHighlighted && !on ? ' relation-arrow-dim' : ''}`} data-testid={a.testId}>
            <path d={a.d} fill="none" stroke={a.color} strokeWidth={on ? 2.5 : 1.5} markerEnd={`url(#${markerOf(a.color)})`} />
            <text x={a.mid.x} y={a.mid.y} dy="-0.25em" textAnchor="middle" fill={a.color} className="relation-arrow-label" data-testid={`${a.testId}-label`}>
              {a.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
