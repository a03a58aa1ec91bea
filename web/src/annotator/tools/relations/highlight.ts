import { useSyncExternalStore } from 'react';

/**
 * Which relation of a relations field is highlighted (hovered, focused or picked in its list), so the spans tool
 * that draws the arrows can stress that one. The two tools are siblings in the annotator, so they share this small
 * store, keyed by the annotator instance and the relations field (`relationKey`).
 */
const highlighted = new Map<string, number>();
const listeners = new Set<() => void>();

export function relationKey(idPrefix: string, relationsField: string): string {
  return `${idPrefix}-${relationsField}`;
}

export function setHighlightedRelation(key: string, index: number | null): void {
  if ((highlighted.get(key) ?? null) === index) return;
  if (index === null) highlighted.delete(key);
  else highlighted.set(key, index);
  for (const l of [...listeners]) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The highlighted relation index of each key, as one string so the snapshot is stable between changes. */
function snapshot(): string {
  return JSON.stringify([...highlighted]);
}

export function useHighlightedRelations(keys: string[]): Map<string, number> {
  const snap = useSyncExternalStore(subscribe, snapshot, snapshot);
  const all = new Map<string, number>(JSON.parse(snap) as [string, number][]);
  return new Map(keys.filter((k) => all.has(k)).map((k) => [k, all.get(k)!]));
}
