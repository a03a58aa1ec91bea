import type { ComponentType } from 'react';
import type { AnnotationResult, SchemaField, TaskData } from '../../api/types';
import type { AnnotatorMessageKey } from '../messages';

/**
 * The field-type registry, keyed by the schema field type: the one list of field types in the browser. Each tool
 * lives in tools/<type>/ and is registered in tools/index.ts with everything the annotator, the viewers and the schema
 * editor need; the annotator draws whatever the schema lists, and a type nobody registered gets an "unsupported field
 * type" box instead of a crash.
 */
export interface ToolProps<F extends SchemaField = SchemaField, V = unknown> {
  field: F;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  readOnly: boolean;
  /** The field that takes the keyboard right now. */
  active: boolean;
  onActivate: () => void;
  errors?: string[];
  data: TaskData;
  /** Unique per annotator instance, for element ids. */
  idPrefix: string;
  /** The whole result, for fields that refer to another field (relations between the spans of a spans field). */
  result?: AnnotationResult;
  /** Every field of the schema, for the same reason. */
  fields?: SchemaField[];
}

export interface KeyResult {
  value: unknown;
  /** The tool is done with this field (e.g. a single choice was made): the annotator moves to the next field. */
  advance?: boolean;
}

/** What the schema editor needs to know of a field type: where its labels live, what its form edits, how it starts. */
export interface EditorSpec {
  /** The key that lists the field's labels: `options` (choice), `labels` (spans, relations, media types), or none. */
  labelsKey: 'options' | 'labels' | null;
  /** The keys the editor's form draws for this type (besides name, type and required); others are edited in the JSON. */
  formKeys: string[];
  /** The keys a new field of this type starts with. `spansFields`: the schema's spans fields, for `between`. */
  defaults?: (ctx: { spansFields: string[] }) => Record<string, unknown>;
  /** What `min`/`max` count, for the form's labels. */
  countNoun?: 'items' | 'spans' | 'relations' | 'sentences';
  /** Whether the labels have a colour (spans are drawn in theirs; relations are not). */
  labelColors?: boolean;
}

/**
 * One field type of the label schema, everything the browser knows of it in one place: its name and hint (message
 * keys of the annotator's table), the tool that draws it, the task data it reads, and how the schema editor edits it.
 * The list is the server's (schema/FieldType beans; WebFieldTypesTest compares them): a type the server refuses is
 * never offered.
 */
export interface ToolDefinition<F extends SchemaField = SchemaField, V = unknown> {
  type: string;
  /** Message key of the type's name ("Choice", "Entity spans") and of a one-line hint of what the server checks. */
  labelKey: AnnotatorMessageKey;
  hintKey: AnnotatorMessageKey;
  Component: ComponentType<ToolProps<F, V>>;
  /** Maps a key combo to a new value for the field, or null when the key means nothing to this tool. */
  handleKey?: (field: F, value: V | undefined, combo: string) => KeyResult | null;
  /**
   * The keys of the task data this tool draws itself (spans draw `text` with their highlights, extractive draws the
   * sentences), so the annotator's plain data viewer leaves them out instead of showing them twice.
   */
  drawsData?: (field: F, data: TaskData) => string[];
  /** The shape of task data the type labels: running `text`, or a document of `sentences`. */
  reads: 'text' | 'sentences' | 'any';
  editor: EditorSpec;
}

/** A field type as the registry lists it. */
export type FieldTypeDefinition = ToolDefinition;

const tools = new Map<string, ToolDefinition>();

export function registerTool<F extends SchemaField, V>(def: ToolDefinition<F, V>): void {
  tools.set(def.type, def as unknown as ToolDefinition);
}

export function getTool(type: string): ToolDefinition | undefined {
  return tools.get(type);
}

/** Every registered field type, in the order the schema editor offers them. */
export function fieldTypes(): FieldTypeDefinition[] {
  return [...tools.values()];
}
