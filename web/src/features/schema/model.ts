import type { ChoiceOption, LabelSchema, SchemaField } from '../../api/types';
import { fieldTypes, getTool } from '../../annotator/tools';

/**
 * The schema editor's form model and its mapping to and from the schema JSON.
 * The JSON is the truth; the form is a view of it, so keys the form does not know survive a round trip.
 */
export interface EditorOption {
  value: string;
  label: string;
  hotkey: string;
}

/** A label of a spans or relations field (and of the media types) as the form edits it. */
export interface EditorLabel {
  value: string;
  hotkey: string;
  /** "" = the palette's colour for its place. */
  color: string;
  /** Display name; "" = the value. */
  label: string;
}

export interface EditorField {
  name: string;
  type: string;
  required: boolean;
  multiple: boolean;
  options: EditorOption[];
  labels: EditorLabel[];
  /** Every other key of the field (min/max, between, …), kept as it was. */
  extra: Record<string, unknown>;
}

/** Whether the type's definition lists `labels` (spans, relations; the field-type registry says). */
const hasLabels = (type: string) => getTool(type)?.editor.labelsKey === 'labels';

/** The types the editor offers: the field-type registry's, which are the server's. */
export const FIELD_TYPES: string[] = fieldTypes().map((d) => d.type);

export function newChoiceField(existing: string[] = []): SchemaField {
  let name = 'label';
  for (let i = 2; existing.includes(name); i++) name = `label${i}`;
  return { name, type: 'choice', options: [], multiple: false, required: true };
}

export const EMPTY_SCHEMA: LabelSchema = { fields: [newChoiceField()] };

function toLabel(l: unknown): EditorLabel {
  if (typeof l === 'string') return { value: l, hotkey: '', color: '', label: '' };
  const o = (l && typeof l === 'object' ? l : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return { value: str(o.value), hotkey: str(o.hotkey), color: str(o.color), label: str(o.label) };
}

export function labelFromForm(l: EditorLabel): string | { value: string; hotkey?: string; color?: string; label?: string } {
  if (!l.hotkey && !l.color && !l.label) return l.value;
  const obj: { value: string; hotkey?: string; color?: string; label?: string } = { value: l.value };
  if (l.hotkey) obj.hotkey = l.hotkey;
  if (l.color) obj.color = l.color;
  if (l.label) obj.label = l.label;
  return obj;
}

function toOption(o: ChoiceOption): EditorOption {
  if (typeof o === 'string') return { value: o, label: '', hotkey: '' };
  return { value: String(o?.value ?? ''), label: o?.label ? String(o.label) : '', hotkey: o?.hotkey ? String(o.hotkey) : '' };
}

export function fieldToForm(f: SchemaField): EditorField {
  const { name, type, required, multiple, options, labels, ...extra } = f as SchemaField & { multiple?: unknown; options?: unknown; labels?: unknown };
  // Keys the form does not draw for this type stay in `extra`, untouched.
  if (multiple !== undefined && type !== 'choice') extra.multiple = multiple;
  if (options !== undefined && type !== 'choice') extra.options = options;
  if (labels !== undefined && !Array.isArray(labels)) extra.labels = labels;
  return {
    name: String(name ?? ''),
    type: String(type ?? ''),
    required: !!required,
    multiple: !!multiple,
    options: type === 'choice' && Array.isArray(options) ? (options as ChoiceOption[]).map(toOption) : [],
    labels: Array.isArray(labels) ? labels.map(toLabel) : [],
    extra,
  };
}

export function fieldFromForm(f: EditorField): SchemaField {
  const out: SchemaField = { name: f.name, type: f.type };
  if (f.type === 'choice') {
    out.options = f.options.map((o): ChoiceOption => {
      if (!o.label && !o.hotkey) return o.value;
      const obj: { value: string; hotkey?: string; label?: string } = { value: o.value };
      if (o.hotkey) obj.hotkey = o.hotkey;
      if (o.label) obj.label = o.label;
      return obj;
    });
  }
  if (hasLabels(f.type) || f.labels.length) out.labels = f.labels.map(labelFromForm);
  Object.assign(out, f.extra);
  if (f.type === 'choice') out.multiple = f.multiple;
  out.required = f.required;
  return out;
}

/** Sets (or, for undefined / NaN, removes) one plain key of a field such as `min` or `between`. */
export function withExtra(f: EditorField, key: string, value: unknown): EditorField {
  const extra = { ...f.extra };
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) delete extra[key];
  else extra[key] = value;
  return { ...f, extra };
}

/** The keys each type's form draws (besides name, type and required); other keys are edited in the JSON. */
export const typeKeys = (type: string): string[] => getTool(type)?.editor.formKeys ?? [];

/** Keys that belong to one type only: dropped when the field changes type. */
const TYPE_ONLY_KEYS = ['options', 'multiple', 'labels', 'allowOverlap', 'source', 'between', 'min', 'max', 'minChars', 'maxChars', 'attributes', 'transcript'];

/**
 * A field changed to another type: name, display label and required stay; keys of the old type go, and the new
 * type starts with what it needs. Choice options become labels and back, so a list typed once is not lost.
 * `spansFields` are the names of the schema's spans fields, for a new relations field's `between`.
 */
export function changeType(f: EditorField, type: string, spansFields: string[] = []): EditorField {
  if (type === f.type) return f;
  const extra = { ...f.extra };
  for (const k of TYPE_ONLY_KEYS) delete extra[k];
  const values = f.type === 'choice' ? f.options.map((o) => o.value) : f.labels.map((l) => l.value);
  const labels: EditorLabel[] = hasLabels(type)
    ? hasLabels(f.type)
      ? f.labels
      : values.map((value) => ({ value, hotkey: '', color: '', label: '' }))
    : [];
  const options: EditorOption[] = type === 'choice' ? values.map((value) => ({ value, label: '', hotkey: '' })) : [];
  Object.assign(extra, getTool(type)?.editor.defaults?.({ spansFields }) ?? {});
  return { ...f, type, labels, options, multiple: type === 'choice' ? f.multiple : false, extra };
}

/** Parses the JSON textarea. Returns the schema, or an error message when it is not a schema-shaped object. */
export function parseSchemaText(text: string): { schema: LabelSchema } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'not-object' };
  const fields = (parsed as { fields?: unknown }).fields;
  if (!Array.isArray(fields)) return { error: 'no-fields' };
  if (fields.some((f) => !f || typeof f !== 'object' || Array.isArray(f))) return { error: 'field-not-object' };
  return { schema: parsed as LabelSchema };
}

export function schemaToText(schema: LabelSchema): string {
  return JSON.stringify(schema, null, 2);
}

/** Where a server error path such as "fields[0].options[1].hotkey" points in the form. */
export interface ErrorTarget {
  index: number | null;
  attr: string | null;
  /** The list item, for "fields[0].labels[2].hotkey" → 2. */
  item: number | null;
  /** What follows the item: "hotkey". */
  rest: string | null;
}

export function errorTarget(path: string): ErrorTarget {
  const m = /^(?:schema\.)?fields\[(\d+)\](?:\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?)?/.exec(path);
  if (!m) return { index: null, attr: null, item: null, rest: null };
  return { index: Number(m[1]), attr: m[2] ?? null, item: m[3] != null ? Number(m[3]) : null, rest: m[4] ?? null };
}

export interface FieldErrors {
  /** About the field as a whole. */
  field: string[];
  /** By attribute ("between", "min", "labels"). */
  attrs: Record<string, string[]>;
  /** By list item: items.labels[2] = ["hotkey: 'p' is used twice"]. */
  items: Record<string, Record<number, string[]>>;
}

/** Splits flat server errors into: top-level, per field, per field attribute, per list item (a label, an option). */
export function groupSchemaErrors(errors: Record<string, string[]>) {
  const top: string[] = [];
  const byField: Record<number, FieldErrors> = {};
  for (const [path, messages] of Object.entries(errors)) {
    const { index, attr, item, rest } = errorTarget(path);
    if (index == null) {
      top.push(...messages.map((m) => (path && path !== 'schema' && path !== 'fields' ? `${path}: ${m}` : m)));
      continue;
    }
    const slot = (byField[index] ??= { field: [], attrs: {}, items: {} });
    if (!attr) slot.field.push(...messages);
    else if (item != null) ((slot.items[attr] ??= {})[item] ??= []).push(...messages.map((m) => (rest ? `${rest}: ${m}` : m)));
    else (slot.attrs[attr] ??= []).push(...messages);
  }
  return { top, byField };
}

/**
 * The errors of one field that the form does not show next to an input of its type (e.g. `source` of a spans
 * field), as "key: message" lines for the field's own list.
 */
export function leftoverErrors(fe: FieldErrors | undefined, type: string): string[] {
  if (!fe) return [];
  const shown = new Set(['name', 'type', 'required', ...typeKeys(type)]);
  const out = [...fe.field];
  for (const [attr, ms] of Object.entries(fe.attrs)) if (!shown.has(attr)) out.push(...ms.map((m) => `${attr}: ${m}`));
  for (const [attr, byItem] of Object.entries(fe.items)) {
    if (shown.has(attr)) continue;
    for (const [k, ms] of Object.entries(byItem)) out.push(...ms.map((m) => `${attr}[${k}]: ${m}`));
  }
  return out;
}

/**
 * A preview document from the sample text: one sentence per line, and lines cut after . ? ! 。 (and the like)
 * followed by a space. Korean news text ends sentences with "다." so this is close enough for a preview; the
 * server's KoreanSentenceSplitter does the real work on import.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap((line) => line.split(/(?<=[.?!。！？…])\s+/u))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
