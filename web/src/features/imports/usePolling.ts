import { useEffect, useRef } from 'react';

/** Calls `tick` every `intervalMs` while `active`; `tick` returns true to stop. Errors stop polling too. */
export function usePolling(tick: () => Promise<boolean>, intervalMs: number, active: boolean, onError?: (e: unknown) => void) {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  const errRef = useRef(onError);
  errRef.current = onError;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        if (await tickRef.current()) return;
      } catch (e) {
        errRef.current?.(e);
        return;
      }
      if (!stopped) timer = setTimeout(run, intervalMs);
    };
    timer = setTimeout(run, intervalMs);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [active, intervalMs]);
}

export const POLL_MS = 500;
