/**
 * Data fetching through TanStack Query: reads are queries (cached by key, one request for all who ask at once,
 * stale answers dropped when the key changes), writes are mutations. Keys start with the resource's path segment
 * (`['projects', id]`), so a write can invalidate everything below it (`['projects']`).
 */
import {
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from './client';

/**
 * No automatic retries (a 403 or 409 is an answer, and the page shows it with its own retry button) and no refetch
 * on window focus (a labeler switching windows must not reload what is on screen).
 */
export function newQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export interface ApiQuery<T> {
  data: T | undefined;
  error: unknown;
  /** True while a request is in flight, first load or reload (data stays until the answer comes). */
  loading: boolean;
  reload: () => void;
  /** Puts a fresh copy (e.g. the answer of a PATCH) in the cache, for every page that shows it. */
  setData: (data: T) => void;
}

/** A read: `useApiQuery(['projects', id], () => projects.get(id))`. */
export function useApiQuery<T>(
  queryKey: QueryKey,
  queryFn: () => Promise<T>,
  options: { enabled?: boolean; refetchInterval?: (data: T | undefined) => number | false } = {},
): ApiQuery<T> {
  const client = useQueryClient();
  const { refetchInterval } = options;
  const q = useQuery({
    queryKey,
    queryFn,
    enabled: options.enabled,
    refetchInterval: refetchInterval ? (query) => (query.state.error ? false : refetchInterval(query.state.data)) : undefined,
  });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  const keyText = JSON.stringify(queryKey);
  const setData = useCallback((data: T) => client.setQueryData(JSON.parse(keyText) as QueryKey, data), [client, keyText]);
  return { data: q.data, error: q.error, loading: q.isFetching, reload, setData };
}

export interface ApiAction<A extends unknown[], R> {
  /** Runs the call; resolves to its answer, or to undefined when it failed (the error is in `error`). */
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: unknown;
  reset: () => void;
}

/**
 * A write from a form or a button: one busy flag and one error for the page to show, instead of a try / finally with
 * setBusy and setError in each handler. `onSuccess` runs after the call with its answer.
 */
export function useApiAction<A extends unknown[], R>(
  call: (...args: A) => Promise<R>,
  options: { onSuccess?: (result: R, ...args: A) => void | Promise<void>; invalidates?: QueryKey[] } = {},
): ApiAction<A, R> {
  const client = useQueryClient();
  const m = useMutation<R, unknown, A>({
    mutationFn: (args) => call(...args),
    onSuccess: async (result, args) => {
      for (const key of options.invalidates ?? []) await client.invalidateQueries({ queryKey: key });
      await options.onSuccess?.(result, ...args);
    },
  });
  const { mutateAsync, reset } = m;
  const run = useCallback(
    (...args: A) =>
      mutateAsync(args).then(
        (r) => r,
        () => undefined,
      ),
    [mutateAsync],
  );
  return { run, busy: m.isPending, error: m.error, reset };
}

/**
 * A 422 that names fields is shown on the fields (`fieldErrors`, as `toFields` groups them); anything else is one
 * message for the page (`error`).
 */
export function splitFieldErrors(
  error: unknown,
  toFields: (e: ApiError) => Record<string, string[]>,
): { fieldErrors: Record<string, string[]>; error: unknown } {
  if (error instanceof ApiError && error.status === 422 && error.errors.length > 0) return { fieldErrors: toFields(error), error: null };
  return { fieldErrors: {}, error };
}
