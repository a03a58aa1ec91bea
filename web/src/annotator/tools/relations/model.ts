import type { SchemaField } from '../../../api/types';
import type { LabelDef } from '../spans/labels';
import type { Span } from '../spans/model';

export interface Relation {
  from: Span['id'];
  to: Span['id'];
  label: string;
}

export interface RelationsField extends SchemaField {
  type: 'relations';
  labels: LabelDef[];
  /** The name of the spans field whose spans are linked. */
  between: string;
}

export function asRelations(value: unknown): Relation[] {
  return Array.isArray(value) ? (value as Relation[]).filter((r) => r && typeof r === 'object') : [];
}

/** Adds a relation, or says why not (same span, already there). */
export function addRelation(relations: Relation[], r: Relation): Relation[] | 'same' | 'duplicate' {
  if (r.from === r.to) return 'same';
  if (relations.some((x) => x.from === r.from && x.to === r.to && x.label === r.label)) return 'duplicate';
  return [...relations, r];
}

export function isRelationsField(f: SchemaField | undefined): f is RelationsField {
  return !!f && f.type === 'relations' && typeof (f as { between?: unknown }).between === 'string';
}
