import { useCallback, useMemo, useReducer } from 'react';
import type { AnnotationResult } from '../../api/types';

/**
 * The annotation being edited, with undo/redo. Pure reducer (tested alone) plus a hook around it.
 * A field set to `undefined` is removed from the result, so the JSON sent holds only answered fields.
 */
export interface AnnotationHistory {
  past: AnnotationResult[];
  present: AnnotationResult;
  future: AnnotationResult[];
}

export type AnnotationAction =
  | { type: 'set'; field: string; value: unknown }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; value: AnnotationResult };

const HISTORY_LIMIT = 200;

export function initHistory(value: AnnotationResult = {}): AnnotationHistory {
  return { past: [], present: value, future: [] };
}

export function annotationReducer(state: AnnotationHistory, action: AnnotationAction): AnnotationHistory {
  switch (action.type) {
    case 'set': {
      const current = state.present[action.field];
      if (sameValue(current, action.value)) return state;
      const present = { ...state.present };
      if (action.value === undefined) delete present[action.field];
      else present[action.field] = action.value;
      return { past: [...state.past, state.present].slice(-HISTORY_LIMIT), present, future: [] };
    }
    case 'undo': {
      if (state.past.length === 0) return state;
      const previous = state.past[state.past.length - 1];
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] };
    }
    case 'redo': {
      if (state.future.length === 0) return state;
      const [next, ...rest] = state.future;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
    case 'reset':
      return initHistory(action.value);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export interface AnnotationStore {
  value: AnnotationResult;
  setField: (field: string, value: unknown) => void;
  undo: () => void;
  redo: () => void;
  reset: (value?: AnnotationResult) => void;
  canUndo: boolean;
  canRedo: boolean;
  /** Bumps on every change made by editing (not by reset); pages use it to trigger autosave. */
  revision: number;
}

export function useAnnotationStore(initial: AnnotationResult = {}): AnnotationStore {
  const [state, dispatch] = useReducer(
    (s: AnnotationHistory & { revision: number }, a: AnnotationAction) => {
      const next = annotationReducer(s, a);
      if (next === s) return s;
      return { ...next, revision: a.type === 'reset' ? s.revision : s.revision + 1 };
    },
    undefined,
    () => ({ ...initHistory(initial), revision: 0 }),
  );
  const setField = useCallback((field: string, value: unknown) => dispatch({ type: 'set', field, value }), []);
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const reset = useCallback((value: AnnotationResult = {}) => dispatch({ type: 'reset', value }), []);
  return useMemo(
    () => ({
      value: state.present,
      setField,
      undo,
      redo,
      reset,
      canUndo: state.past.length > 0,
      canRedo: state.future.length > 0,
      revision: state.revision,
    }),
    [state, setField, undo, redo, reset],
  );
}
