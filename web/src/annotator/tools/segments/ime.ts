/**
 * A text box that is safe for Hangul input. While a syllable is being composed the browser owns the text: the
 * value is not pushed to the answer (each jamo would become an undo step, and re-rendering a controlled box mid-
 * composition breaks some IMEs), only kept here as the draft. The answer gets the text when the composition ends
 * (compositionend — some browsers send no input event after it) or on plain input outside a composition.
 */
export interface ImeState {
  draft: string;
  composing: boolean;
}

export type ImeEvent =
  | { type: 'external'; value: string }
  | { type: 'compositionstart' }
  | { type: 'input'; value: string; isComposing?: boolean }
  | { type: 'compositionend'; value: string };

export function imeStep(state: ImeState, e: ImeEvent): { state: ImeState; commit?: string } {
  switch (e.type) {
    case 'external':
      // The answer changed from outside (undo, another control): take it, unless the labeler is mid-syllable.
      return state.composing || e.value === state.draft ? { state } : { state: { ...state, draft: e.value } };
    case 'compositionstart':
      return { state: { ...state, composing: true } };
    case 'input': {
      const composing = state.composing || e.isComposing === true;
      const next = { composing, draft: e.value };
      return composing ? { state: next } : { state: next, commit: e.value };
    }
    case 'compositionend':
      return { state: { composing: false, draft: e.value }, commit: e.value };
  }
}
