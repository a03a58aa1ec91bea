import type { ChoiceField, ChoiceOption } from '../../../api/types';
import type { KeyResult } from '../../core/registry';

export interface NormalizedOption {
  value: string;
  label: string;
  hotkey: string | null;
}

/** Hotkeys default to 1..9 then a..z in option order (docs/api-shapes.md). */
export const DEFAULT_HOTKEYS = [...'123456789abcdefghijklmnopqrstuvwxyz'];

/**
 * Resolves labels and hotkeys. An option's own hotkey wins; the others take the default keys in order,
 * skipping keys that an explicit hotkey already holds so no two options share one.
 */
export function normalizeOptions(options: ChoiceOption[] | undefined): NormalizedOption[] {
  const list = (options ?? []).map((o) =>
    typeof o === 'string'
      ? { value: o, label: o, explicit: null as string | null }
      : { value: String(o.value), label: o.label ? String(o.label) : String(o.value), explicit: o.hotkey ? String(o.hotkey).toLowerCase() : null },
  );
  const taken = new Set(list.map((o) => o.explicit).filter((k): k is string => !!k));
  const pool = DEFAULT_HOTKEYS.filter((k) => !taken.has(k));
  return list.map((o) => ({ value: o.value, label: o.label, hotkey: o.explicit ?? pool.shift() ?? null }));
}

/** The value as an array of chosen option values, whatever the mode. */
export function selectedValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value !== '') return [value];
  return [];
}

/** Single mode: the option becomes the answer. Multi mode: the option is added or removed (option order kept). */
export function choose(field: ChoiceField, value: unknown, optionValue: string): unknown {
  if (!field.multiple) return optionValue;
  const chosen = new Set(selectedValues(value));
  if (chosen.has(optionValue)) chosen.delete(optionValue);
  else chosen.add(optionValue);
  return normalizeOptions(field.options)
    .map((o) => o.value)
    .filter((v) => chosen.has(v));
}

export function handleChoiceKey(field: ChoiceField, value: unknown, combo: string): KeyResult | null {
  const option = normalizeOptions(field.options).find((o) => o.hotkey === combo);
  if (!option) return null;
  return { value: choose(field, value, option.value), advance: !field.multiple };
}
