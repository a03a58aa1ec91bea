import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationResult } from '../../api/types';
import { useAutosave } from './autosave';
import { useAnnotationStore } from './store';

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

describe('useAutosave when the page is hidden or closed', () => {
  afterEach(() => setVisibility('visible'));

  it('sends a waiting edit at once as a keepalive request, not after the pause', async () => {
    const save = vi.fn<(t: number, v: AnnotationResult, how: { keepalive: boolean }) => Promise<unknown>>(() => Promise.resolve({}));
    const hook = renderHook(() => {
      const store = useAnnotationStore();
      return { store, autosave: useAutosave(store, 7, { save, delayMs: 60_000 }) };
    });
    act(() => hook.result.current.store.setField('topic', '사회'));
    expect(save).not.toHaveBeenCalled();
    setVisibility('hidden');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(save).toHaveBeenCalledWith(7, { topic: '사회' }, { keepalive: true });
    await waitFor(() => expect(hook.result.current.autosave.state).toBe('saved'));
    // Nothing waits any more: closing the page sends nothing twice.
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('pagehide alone (the tab closed) sends the waiting edit too; nothing waiting, nothing sent', async () => {
    const save = vi.fn<(t: number, v: AnnotationResult, how: { keepalive: boolean }) => Promise<unknown>>(() => Promise.resolve({}));
    const hook = renderHook(() => {
      const store = useAnnotationStore();
      return { store, autosave: useAutosave(store, 7, { save, delayMs: 60_000 }) };
    });
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(save).not.toHaveBeenCalled();
    act(() => hook.result.current.store.setField('topic', '경제'));
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(save).toHaveBeenCalledWith(7, { topic: '경제' }, { keepalive: true });
  });
});
