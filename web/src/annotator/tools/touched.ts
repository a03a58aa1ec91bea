import { useState } from 'react';

/**
 * Whether the labeler has touched a field (left it, or changed it) since `resetKey` (the task's data) last changed:
 * a field is not red before it is touched. The server's errors (a submit attempt) show whatever this says.
 */
export function useTouched(resetKey: unknown): [boolean, () => void] {
  const [state, setState] = useState({ key: resetKey, touched: false });
  if (state.key !== resetKey) setState({ key: resetKey, touched: false });
  const touched = state.key === resetKey && state.touched;
  return [touched, () => setState((s) => (s.touched ? s : { key: resetKey, touched: true }))];
}

/**
 * A count rule's state as shown: "under" stays quiet ("idle", not red) while the field is empty and untouched and
 * no submit has been refused; "over" can only come from an edit, so it always shows.
 */
export function shownCountState<S extends string>(state: S, n: number, touched: boolean, errors: string[] | undefined): S | 'idle' {
  return state === 'under' && n === 0 && !touched && !errors?.length ? 'idle' : state;
}
