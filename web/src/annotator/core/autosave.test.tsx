import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AnnotationResult } from '../../api/types';
import { useAutosave, type AutosaveOptions } from './autosave';
import { useAnnotationStore } from './store';

function setup(target: number, options: Partial<AutosaveOptions<number>> = {}) {
  const save = vi.fn<(t: number, v: AnnotationResult, how: { keepalive: boolean }) => Promise<unknown>>(() => Promise.resolve({ ok: true }));
  const hook = renderHook(
    ({ target: tg }) => {
      const store = useAnnotationStore();
      const autosave = useAutosave(store, tg, { save, delayMs: 30, ...options });
      return { store, autosave };
    },
    { initialProps: { target } },
  );
  return { save, hook, current: () => hook.result.current };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('useAutosave', () => {
  it('saves once per burst of edits, the last value, to the target on screen', async () => {
    const { save, current } = setup(7);
    act(() => current().store.setField('a', 1));
    act(() => current().store.setField('a', 2));
    expect(current().autosave.state).toBe('pending');
    await waitFor(() => expect(current().autosave.state).toBe('saved'));
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(7, { a: 2 }, { keepalive: false });
  });

  it('loading a value (store.reset) saves nothing', async () => {
    const { save, current } = setup(7);
    act(() => current().store.reset({ a: 1 }));
    await sleep(60);
    expect(save).not.toHaveBeenCalled();
    expect(current().autosave.state).toBe('idle');
  });

  it('flush saves a waiting edit at once and says whether it landed', async () => {
    const failing = vi.fn(() => Promise.reject(new Error('down')));
    const { current } = setup(7, { save: failing });
    act(() => current().store.setField('a', 1));
    let ok: boolean | undefined;
    await act(async () => {
      ok = await current().autosave.flush();
    });
    expect(ok).toBe(false);
    expect(current().autosave.state).toBe('failed');
    await sleep(60);
    expect(failing).toHaveBeenCalledTimes(1); // at once, and not again when the delay is over
    await act(async () => expect(await current().autosave.flush()).toBe(true)); // nothing waits
  });

  it('reset drops a waiting edit and ignores a save that settles afterwards', async () => {
    let settle: (v: unknown) => void = () => {};
    const onSaved = vi.fn();
    const slow = vi.fn(() => new Promise((r) => (settle = r)));
    const { current, hook } = setup(7, { onSaved, save: slow });
    act(() => current().store.setField('a', 1));
    await waitFor(() => expect(current().autosave.state).toBe('saving'));
    act(() => current().autosave.reset());
    hook.rerender({ target: 8 });
    await act(async () => settle({}));
    expect(current().autosave.state).toBe('idle');
    expect(onSaved).not.toHaveBeenCalled();
    act(() => current().store.setField('b', 1));
    act(() => current().autosave.reset());
    await sleep(60);
    expect(slow).toHaveBeenCalledTimes(1); // the first edit's save only
  });

  it('reports the saved answer and a failure to the page', async () => {
    const onSaved = vi.fn();
    const onFailed = vi.fn();
    const { current } = setup(3, { onSaved, onFailed });
    act(() => current().store.setField('a', 1));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(3, { ok: true }));
    expect(onFailed).not.toHaveBeenCalled();
  });
});
