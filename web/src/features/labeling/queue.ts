import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { splitFieldErrors, useApiAction } from '../../api/query';
import { useI18n, type Lang } from '../../app/i18n';
import { sayFieldError, sayItemPath } from '../../app/serverText';

export type QueuePhase = 'loading' | 'ready' | 'empty' | 'error';

/**
 * Strips the "result." prefix servers put on annotation field paths; each message is worded in `lang` by its code
 * (the server's English without one) and led by the item it is about when it is below the field (`#2 · end: …`).
 */
export function resultFieldErrors(err: ApiError, lang: Lang = 'en'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of err.errors) {
    // "result.topic", "result[topic]", "topic[0]" → "topic"; anything else is kept whole.
    const path = (e.field ?? '').replace(/^result(?=[.[/]|$)/, '').replace(/^[./]/, '');
    const m = /^\[["']?([^"'\]]+)["']?\]|^([^.[\]/]+)/.exec(path);
    const key = m ? (m[1] ?? m[2]) : path;
    const item = m ? sayItemPath(lang, path.slice(m[0].length)) : '';
    const said = sayFieldError(lang, e);
    (out[key] ??= []).push(item ? `${item}: ${said}` : said);
  }
  if (err.errors.length === 0) out[''] = [err.detail ?? err.title];
  return out;
}

/**
 * The labeling and review screens work one queue item at a time: ask for the next one (none → the empty state), show
 * it, send a decision about it, then ask again. `fetchItem` leases the next item (null or undefined when the queue is empty);
 * `prepare` readies the screen for it (the annotator's start value) before it shows. The first item is asked for once
 * per `queueId` (StrictMode mounts twice in development).
 */
export function useQueue<T>(queueId: unknown, fetchItem: () => Promise<T | null | undefined>, prepare: (item: T) => void | Promise<void>) {
  const [item, setItem] = useState<T | null>(null);
  const [phase, setPhase] = useState<QueuePhase>('loading');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [done, setDone] = useState(0);
  // The latest callbacks, without asking for a new item when a page re-renders.
  const calls = useRef({ fetchItem, prepare });
  useEffect(() => {
    calls.current = { fetchItem, prepare };
  });

  const next = useCallback(async () => {
    setPhase('loading');
    setError(null);
    try {
      const found = await calls.current.fetchItem();
      if (!found) {
        setItem(null);
        setPhase('empty');
        return;
      }
      await calls.current.prepare(found);
      setItem(found);
      setPhase('ready');
    } catch (e) {
      setError(e);
      setPhase('error');
    }
  }, []);

  const started = useRef<unknown>(undefined);
  useEffect(() => {
    if (started.current !== undefined && Object.is(started.current, queueId)) return;
    // Another queue (the route moved to another project on the same page): its count and notice start afresh.
    if (started.current !== undefined) {
      setDone(0);
      setNotice(null);
    }
    started.current = queueId;
    void next();
  }, [next, queueId]);

  const countDone = useCallback(() => setDone((n) => n + 1), []);
  return { item, setItem, phase, error, notice, setNotice, done, countDone, next };
}

/**
 * Sends a decision about the current item, then moves on: success counts it, shows `doneNotice` and asks for the next
 * item; a 409 (the lease is gone) shows `goneNotice` and asks for the next one too; a 422 goes on the fields
 * (`fieldErrors`); anything else is the page's `error`.
 */
export function useQueueAction<A extends unknown[]>(
  queue: { next: () => Promise<void>; setNotice: (notice: string | null) => void; countDone: () => void },
  call: (...args: A) => Promise<unknown>,
  notices: { done: (...args: A) => string; gone: string },
) {
  const { next, setNotice, countDone } = queue;
  const { lang } = useI18n();
  const action = useApiAction(
    async (...args: A) => {
      setNotice(null);
      try {
        await call(...args);
        return 'done' as const;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) return 'gone' as const;
        throw e;
      }
    },
    {
      onSuccess: async (outcome, ...args) => {
        if (outcome === 'done') {
          countDone();
          setNotice(notices.done(...args));
        } else setNotice(notices.gone);
        await next();
      },
    },
  );
  const { fieldErrors, error } = splitFieldErrors(action.error, (e) => resultFieldErrors(e, lang));
  return { run: action.run, busy: action.busy, reset: action.reset, fieldErrors, error };
}

/**
 * Focus follows the queue: when a new item shows, focus goes to its card (tabIndex -1), so after a submit, approve or
 * reject a keyboard or screen reader user is on the next task's content, not dropped on the page body.
 */
export function useFocusOnItem<E extends HTMLElement>(phase: QueuePhase, itemKey: unknown, inner?: string) {
  const ref = useRef<E>(null);
  // A layout effect: the focus (and with it the review screen's scoped keys) is there the moment the task shows.
  // `inner` names an element inside the card that should have it instead (the labeling screen's main content, e.g.
  // the spans tool's text, so arrow keys select at once without a Tab press); the card when there is none.
  useLayoutEffect(() => {
    if (phase !== 'ready') return;
    const target = inner ? ref.current?.querySelector<HTMLElement>(inner) : null;
    (target ?? ref.current)?.focus();
  }, [phase, itemKey, inner]);
  return ref;
}
