import { useRef, type KeyboardEvent } from 'react';
import type { SchemaField, TaskData } from '../../../api/types';
import type { ToolProps } from '../../core/registry';
import { FieldFrame } from '../FieldFrame';
import { shownCountState, useTouched } from '../touched';
import { useAnnotatorText } from '../../i18n';

export interface ExtractiveField extends SchemaField {
  type: 'extractive';
  min?: number;
  max?: number;
}

export interface DocumentSentence {
  /** 0-based over all sentences of the document, as the server counts. */
  index: number;
  text: string;
  paragraph: number;
}

/** The document's sentences: `data.sentences`, or `data.paragraphs` flattened in order; null when there are none. */
export function documentSentences(data: TaskData): DocumentSentence[] | null {
  if (Array.isArray(data.sentences)) return data.sentences.map((s, i) => ({ index: i, text: String(s), paragraph: 0 }));
  if (Array.isArray(data.paragraphs)) {
    const out: DocumentSentence[] = [];
    data.paragraphs.forEach((p, pi) => {
      if (Array.isArray(p)) for (const s of p) out.push({ index: out.length, text: String(s), paragraph: pi });
    });
    return out;
  }
  return null;
}

/** Adds or removes a sentence; the value stays ascending and distinct, as the server wants it. */
export function toggleSentence(value: unknown, index: number): number[] | undefined {
  const set = new Set(Array.isArray(value) ? (value as number[]) : []);
  if (set.has(index)) set.delete(index);
  else set.add(index);
  return set.size ? [...set].sort((a, b) => a - b) : undefined;
}

/** Where a count stands against optional min and max. */
export function countState(n: number, min?: number, max?: number): 'under' | 'over' | 'ok' {
  if (typeof min === 'number' && n < min) return 'under';
  if (typeof max === 'number' && n > max) return 'over';
  return 'ok';
}

/**
 * An `extractive` field: the document's sentences as a list of check boxes. Click or Space toggles, ↑/↓ move
 * between sentences; a counter shows the picks against min and max.
 */
export function ExtractiveTool({ field, value, onChange, readOnly, active, onActivate, errors, data, idPrefix }: ToolProps<ExtractiveField, number[]>) {
  const tt = useAnnotatorText();
  const sentences = documentSentences(data);
  const chosen = new Set(Array.isArray(value) ? value : []);
  const listRef = useRef<HTMLOListElement>(null);
  const base = `${idPrefix}-${field.name}`;
  const min = typeof field.min === 'number' ? field.min : undefined;
  const max = typeof field.max === 'number' ? field.max : undefined;
  // Not red before it is touched: under its minimum with nothing picked is quiet until the list is left or refused.
  const [touched, touch] = useTouched(data);
  const state = shownCountState(countState(chosen.size, min, max), chosen.size, touched, errors);

  function onKeyDown(e: KeyboardEvent<HTMLOListElement>) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const boxes = [...(listRef.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];
    const at = boxes.findIndex((b) => b === document.activeElement);
    const next = boxes[Math.max(0, Math.min(boxes.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      next.focus();
      e.preventDefault();
      e.stopPropagation();
    }
  }

  return (
    <FieldFrame field={field} kind="extractive" idPrefix={idPrefix} active={active} readOnly={readOnly} onActivate={onActivate} errors={errors} hint={tt('extractive.hint')}>
      <p className={`counter counter-${state}`} aria-live="polite" data-testid={`counter-${field.name}`}>
        {tt('extractive.count', { n: chosen.size })}
        {min !== undefined ? ` · ${tt('extractive.min', { n: min })}` : ''}
        {max !== undefined ? ` · ${tt('extractive.max', { n: max })}` : ''}
      </p>
      {sentences === null ? (
        <p className="muted">{tt('extractive.noSentences')}</p>
      ) : (
        <ol className="extractive-list" ref={listRef} onKeyDown={onKeyDown} onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) touch(); }} aria-label={tt('extractive.sentences')} lang="ko">
          {sentences.map((s, i) => {
            const id = `${base}-${s.index}`;
            const on = chosen.has(s.index);
            const newParagraph = i > 0 && sentences[i - 1].paragraph !== s.paragraph;
            return (
              <li key={s.index} className={`extractive-sentence${on ? ' checked' : ''}${newParagraph ? ' paragraph-start' : ''}`}>
                <label htmlFor={id}>
                  <input id={id} type="checkbox" checked={on} disabled={readOnly} onChange={() => onChange(toggleSentence(value, s.index))} />
                  <span className="extractive-index" aria-hidden="true">
                    {s.index}
                  </span>
                  <span className="extractive-text">{s.text}</span>
                </label>
              </li>
            );
          })}
        </ol>
      )}
    </FieldFrame>
  );
}
