import type { SchemaField, TaskData } from '../../../api/types';
import type { Attributes, Size } from './geometry';

/** The per-object attributes a field declares: `[{name, type: "boolean"|"choice", values?, required?}]`. */
export interface AttributeDef {
  name: string;
  type: 'boolean' | 'choice';
  values: string[];
  required: boolean;
}

export function attributeDefs(field: SchemaField): AttributeDef[] {
  const list = Array.isArray(field.attributes) ? (field.attributes as unknown[]) : [];
  return list.flatMap((a) => {
    if (!a || typeof a !== 'object') return [];
    const o = a as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : '';
    if (!name) return [];
    const type = o.type === 'choice' ? 'choice' : 'boolean';
    const values = Array.isArray(o.values) ? o.values.map(String) : [];
    return [{ name, type, values, required: o.required === true }];
  });
}

/**
 * An object's attributes with one changed. A boolean set to false and a choice cleared are left out: the server
 * reads a missing boolean as false, and a smaller answer is easier to compare.
 */
export function withAttribute<O extends { label: string; attributes?: Attributes }>(o: O, name: string, value: boolean | string | null): O {
  const attributes: Attributes = { ...(o.attributes ?? {}) };
  if (value === false || value === null || value === '') delete attributes[name];
  else attributes[name] = value;
  if (Object.keys(attributes).length > 0) return { ...o, attributes };
  const { attributes: _none, ...rest } = o;
  return rest as O;
}

/**
 * Hidden and locked are how the labeler works, not part of the answer: kept per object index beside the value.
 * When an object is deleted the flags of the later ones move down with them.
 */
export function withoutIndex(flags: ReadonlySet<number>, removed: number): Set<number> {
  const out = new Set<number>();
  for (const i of flags) {
    if (i < removed) out.add(i);
    else if (i > removed) out.add(i - 1);
  }
  return out;
}

export function toggled(flags: ReadonlySet<number>, i: number): Set<number> {
  const out = new Set(flags);
  if (out.has(i)) out.delete(i);
  else out.add(i);
  return out;
}

/** The next object index in `step` direction among those not hidden, wrapping; null when there is none. */
export function cycleIndex(count: number, current: number | null, step: 1 | -1, hidden: ReadonlySet<number>): number | null {
  for (let k = 1; k <= count; k++) {
    const i = ((current ?? (step > 0 ? -1 : count)) + step * k + count * 2) % count;
    if (!hidden.has(i)) return i;
  }
  return null;
}

/** The image's size as the import recorded it beside the media id (`{"image": 12, "width": 1920, "height": 1080}`). */
export function dataSize(data: TaskData): Size | null {
  const w = data.width;
  const h = data.height;
  return typeof w === 'number' && typeof h === 'number' && w > 0 && h > 0 ? { width: w, height: h } : null;
}

/**
 * The address of a task's media: a media id (`{"image": 12}`) is served by `GET /api/v1/media/{id}` to the
 * project's members; a string that is already an address (a path, http(s), data: or blob:) is used as it is.
 */
export function mediaUrl(ref: unknown, variant?: 'thumb' | 'peaks'): string | null {
  if (typeof ref === 'number' && Number.isFinite(ref)) return `/api/v1/media/${ref}${variant ? `?variant=${variant}` : ''}`;
  if (typeof ref !== 'string' || ref === '') return null;
  if (/^\d+$/.test(ref)) return `/api/v1/media/${ref}${variant ? `?variant=${variant}` : ''}`;
  if (/^(?:\/|https?:|data:|blob:)/.test(ref)) return variant ? null : ref;
  return null;
}

/** The data key a media field reads (`source`, default `image` or `audio`). */
export function sourceKey(field: SchemaField, fallback: 'image' | 'audio'): string {
  return typeof field.source === 'string' && field.source ? field.source : fallback;
}
