import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { AnnotationResult } from '../../api/types';
import type { AnnotationStore } from './store';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export interface AutosaveOptions<T> {
  /** Stores one value for one target (an assignment's draft, an exam item's answer). */
  save: (target: T, value: AnnotationResult, how: { keepalive: boolean }) => Promise<unknown>;
  /** How long after the last edit the save goes out. */
  delayMs: number;
  onSaved?: (target: T, saved: unknown) => void;
  onFailed?: (target: T, error: unknown) => void;
}

export interface Autosave {
  state: SaveState;
  /** Saves a waiting edit now (before moving on or submitting); true when nothing waits or the save landed. */
  flush: () => Promise<boolean>;
  /** Drops a waiting edit (what is submitted carries it anyway). */
  cancel: () => void;
  /** Drops a waiting edit and forgets saves in flight: the screen moved to another target. */
  reset: () => void;
}

/**
 * Saves an annotation store's value a moment after each edit, for the labeling screen (drafts) and the exam (answers):
 * one debounced save per edit burst, to the target that was on screen when the edit was made. A save that settles
 * after `reset` (a new task is on screen) changes nothing. Edits are recognised by the store's revision, which
 * `store.reset` leaves alone, so loading a value never saves it back.
 */
export function useAutosave<T>(store: AnnotationStore, target: T | null | undefined, options: AutosaveOptions<T>): Autosave {
  const [state, setState] = useState<SaveState>('idle');
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const pending = useRef<{ target: T; value: AnnotationResult; timer: ReturnType<typeof setTimeout> } | null>(null);
  const generation = useRef(0);

  const run = useCallback(async (t: T, value: AnnotationResult, keepalive = false) => {
    const gen = generation.current;
    setState('saving');
    try {
      const saved = await latest.current.save(t, value, { keepalive });
      if (gen === generation.current) {
        setState('saved');
        latest.current.onSaved?.(t, saved);
      }
      return true;
    } catch (e) {
      if (gen === generation.current) {
        setState('failed');
        latest.current.onFailed?.(t, e);
      }
      return false;
    }
  }, []);

  const cancel = useCallback(() => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
  }, []);

  const reset = useCallback(() => {
    cancel();
    generation.current++;
    setState('idle');
  }, [cancel]);

  const flush = useCallback(async () => {
    const p = pending.current;
    if (!p) return true;
    cancel();
    return run(p.target, p.value);
  }, [cancel, run]);

  const { revision, value } = store;
  useEffect(() => {
    if (revision === 0 || target == null) return;
    cancel();
    setState('pending');
    const timer = setTimeout(() => {
      pending.current = null;
      void run(target, value);
    }, latest.current.delayMs);
    pending.current = { target, value, timer };
    // Only an edit (a new revision) starts a save; a new target alone does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);

  useEffect(() => cancel, [cancel]);

  // A waiting edit goes out at once when the page is hidden (another tab, the phone's home button) or closed, as a
  // keepalive request that outlives the page: it no longer waits for a pause that may never come.
  useEffect(() => {
    const onHide = (e: Event) => {
      if (e.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
      const p = pending.current;
      if (!p) return;
      cancel();
      void run(p.target, p.value, true);
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
    };
  }, [cancel, run]);

  return { state, flush, cancel, reset };
}
