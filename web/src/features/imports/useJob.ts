import { useEffect, useRef } from 'react';
import { useApiQuery } from '../../api/query';
import type { JobStatus } from '../../api/types';

export const POLL_MS = 500;

const finished = (status: JobStatus) => status === 'DONE' || status === 'FAILED';

/**
 * Follows an import or export job from the answer that started it: asks every POLL_MS until it is DONE or FAILED
 * (or a request fails), and calls `onFinished` once per job that ends.
 */
export function useJob<J extends { id: number; status: JobStatus }>(
  kind: 'imports' | 'exports',
  started: J | null,
  get: (id: number) => Promise<J>,
  onFinished?: () => void,
) {
  const poll = useApiQuery([kind, started?.id ?? null], () => get(started!.id), {
    enabled: !!started && !finished(started.status),
    refetchInterval: (job) => (job && finished(job.status) ? false : POLL_MS),
  });
  const job = started && poll.data?.id === started.id ? poll.data : started;
  const reported = useRef<number | null>(null);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });
  useEffect(() => {
    if (job && finished(job.status) && reported.current !== job.id) {
      reported.current = job.id;
      onFinishedRef.current?.();
    }
  }, [job]);
  return { job, error: poll.error };
}
