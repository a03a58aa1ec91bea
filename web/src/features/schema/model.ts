import type { ChoiceOption, LabelSchema, SchemaField } from '../../api/types';

/**
 * The schema editor's form model and its mapping to and from the schema JSON.
 * The JSON is the truth; the form is a view of it, so keys the form does not know survive a round trip.
 */
export interface EditorOption {
  value: string;
  label: string;
  hotkey: string;
}

export interface EditorField {
  name: string;
  type: string;
  required: boolean;
  multiple: boolean;
  options: EditorOption[];
  /** Every other key of the field (labels for spans, min/max, …), kept as it was. */
  extra: Record<string, unknown>;
}

export const FIELD_TYPES = ['choice', 'spans', 'relations', 'extractive', 'abstractive', 'text', 'boxes', 'polygons', 'keypoints', 'segments'];

export function newChoiceField(existing: string[] = []): SchemaField {
  let name = 'label';
  for (let i = 2; existing.includes(name); i++) name = `label${i}`;
  return { name, type: 'choice', options: [], multiple: false, required: true };
}

export const EMPTY_SCHEMA: LabelSchema = { fields: [newChoiceField()] };

function toOption(o: ChoiceOption): EditorOption {
  if (typeof o === 'string') return { value: o, label: '', hotkey: '' };
  return { value: String(o?.value ?? ''), label: o?.label ? String(o.label) : '', hotkey: o?.hotkey ? String(o.hotkey) : '' };
}

export function fieldToForm(f: SchemaField): EditorField {
  const { name, type, required, multiple, options, ...extra } = f as SchemaField & { multiple?: unknown; options?: unknown };
  return {
    name: String(name ?? ''),
    type: String(type ?? ''),
    required: !!required,
    multiple: !!multiple,
    options: Array.isArray(options) ? (options as ChoiceOption[]).map(toOption) : [],
    extra,
  };
}

export function fieldFromForm(f: EditorField): SchemaField {
  const out: SchemaField = { name: f.name, type: f.type, ...f.extra };
  if (f.type === 'choice') {
    out.options = f.options.map((o): ChoiceOption => {
      if (!o.label && !o.hotkey) return o.value;
      const obj: { value: string; hotkey?: string; label?: string } = { value: o.value };
      if (o.hotkey) obj.hotkey = o.hotkey;
      if (o.label) obj.label = o.label;
      return obj;
    });
    out.multiple = f.multiple;
  }
  out.required = f.required;
  return out;
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
}

export function errorTarget(path: string): ErrorTarget {
  const m = /^(?:schema\.)?fields\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (!m) return { index: null, attr: null };
  return { index: Number(m[1]), attr: m[2] ?? null };
}

const FORM_ATTRS = new Set(['name', 'type', 'options', 'multiple', 'required']);

/** Splits flat server errors into: top-level, per field, per field attribute. */
export function groupSchemaErrors(errors: Record<string, string[]>) {
  const top: string[] = [];
  const byField: Record<number, { field: string[]; attrs: Record<string, string[]> }> = {};
  for (const [path, messages] of Object.entries(errors)) {
    const { index, attr } = errorTarget(path);
    if (index == null) {
      top.push(...messages.map((m) => (path && path !== 'schema' && path !== 'fields' ? `${path}: ${m}` : m)));
      continue;
    }
    const slot = (byField[index] ??= { field: [], attrs: {} });
    if (attr && FORM_ATTRS.has(attr)) (slot.attrs[attr] ??= []).push(...messages);
    else slot.field.push(...messages);
  }
  return { top, byField };
}
