import { useRef, type CompositionEvent, type KeyboardEvent } from 'react';
import type { SchemaField } from '../../../api/types';
import type { ToolProps } from '../../core/registry';
import { errorAttrs, FieldFrame } from '../FieldFrame';
import { shownCountState, useTouched } from '../touched';
import { isImeComposing } from '../../core/shortcuts';
import { countState } from '../extractive/ExtractiveTool';
import { useAnnotatorText } from '../../i18n';
import { codePointLength, nfc } from '../spans/offsets';

export interface CharLimitedField extends SchemaField {
  type: 'abstractive' | 'text';
  minChars?: number;
  maxChars?: number;
}

/** Characters as the server counts them: code points of the NFC form. */
export function charCount(text: string): number {
  return codePointLength(nfc(text));
}

/**
 * An `abstractive` summary (and a free `text` field): a text area with a live character counter against
 * minChars / maxChars.
 *
 * Hangul is typed through an IME, so the tool never cuts or rewrites what is typed (no maxLength, which counts
 * UTF-16 units and can cut a syllable being composed; no normalising while typing): the counter turns red instead
 * and the server has the last word. A key pressed while a syllable is being composed (`isComposing`, or keyCode
 * 229) belongs to the IME: it is kept from the page's shortcuts, so Enter that commits a syllable never submits.
 */
export function AbstractiveTool({ field, value, onChange, readOnly, active, onActivate, errors, idPrefix, data }: ToolProps<CharLimitedField, string>) {
  const tt = useAnnotatorText();
  const composing = useRef(false);
  const text = typeof value === 'string' ? value : '';
  const n = charCount(text);
  const min = typeof field.minChars === 'number' ? field.minChars : undefined;
  const max = typeof field.maxChars === 'number' ? field.maxChars : undefined;
  // Not red before it is touched: an empty box under its minimum is quiet until left, typed in or refused.
  const [touched, touch] = useTouched(data);
  const state = shownCountState(countState(n, min, max), n, touched, errors);
  const id = `${idPrefix}-${field.name}`;

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (composing.current || isImeComposing(e.nativeEvent)) e.stopPropagation();
  }

  return (
    <FieldFrame field={field} kind="abstractive" idPrefix={idPrefix} active={active} readOnly={readOnly} onActivate={onActivate} errors={errors} controlId={id}>
      <textarea
        id={id}
        lang="ko"
        rows={field.type === 'text' ? 3 : 6}
        value={text}
        readOnly={readOnly}
        {...errorAttrs(idPrefix, field.name, errors, `${id}-counter`)}
        // Out of the length rule is invalid before the server says so.
        aria-invalid={(state !== 'ok' && state !== 'idle') || !!errors?.length}
        onBlur={touch}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={(e: CompositionEvent<HTMLTextAreaElement>) => {
          composing.current = false;
          // Some browsers fire no input event after the last composition step: take the final text from the box.
          const final = e.currentTarget.value;
          if (final !== text) onChange(final === '' ? undefined : final);
        }}
      />
      <p id={`${id}-counter`} className={`counter counter-${state}`} aria-live="polite" data-testid={`counter-${field.name}`}>
        {tt('chars.count', { n })}
        {min !== undefined ? ` · ${tt('chars.min', { n: min })}` : ''}
        {max !== undefined ? ` · ${tt('chars.max', { n: max })}` : ''}
        {state === 'under' && min !== undefined ? ` — ${tt('chars.under', { n: min - n })}` : ''}
        {state === 'over' && max !== undefined ? ` — ${tt('chars.over', { n: n - max })}` : ''}
      </p>
    </FieldFrame>
  );
}
