import type { ComponentType } from 'react';
import type { AnnotationResult, SchemaField, TaskData } from '../../api/types';

/**
 * Tool registry keyed by the schema field type. Each tool lives in tools/<type>/ and registers itself in
 * tools/index.ts; the annotator draws whatever the schema lists, and a type nobody registered gets an
 * "unsupported field type" box instead of a crash.
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

export interface ToolDefinition<F extends SchemaField = SchemaField, V = unknown> {
  type: string;
  Component: ComponentType<ToolProps<F, V>>;
  /** Maps a key combo to a new value for the field, or null when the key means nothing to this tool. */
  handleKey?: (field: F, value: V | undefined, combo: string) => KeyResult | null;
  /**
   * The keys of the task data this tool draws itself (spans draw `text` with their highlights, extractive draws the
   * sentences), so the annotator's plain data viewer leaves them out instead of showing them twice.
   */
  drawsData?: (field: F, data: TaskData) => string[];
}

const tools = new Map<string, ToolDefinition>();

export function registerTool<F extends SchemaField, V>(def: ToolDefinition<F, V>): void {
  tools.set(def.type, def as unknown as ToolDefinition);
}

export function getTool(type: string): ToolDefinition | undefined {
  return tools.get(type);
}

export function registeredToolTypes(): string[] {
  return [...tools.keys()];
}
