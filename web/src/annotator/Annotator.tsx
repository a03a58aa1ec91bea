import { useId, useRef, useState, type MouseEvent } from 'react';
import type { LabelSchema, SchemaField, TaskData } from '../api/types';
import { useAnnotatorText } from './i18n';
import { useShortcut } from './core/shortcuts';
import type { AnnotationStore } from './core/store';
import { getTool } from './tools';
import { fieldIds } from './tools/FieldFrame';
import { MetadataList, TextViewer } from './viewers/TextViewer';

export interface AnnotatorProps {
  schema: LabelSchema | null | undefined;
  data: TaskData;
  store: AnnotationStore;
  readOnly?: boolean;
  /** Messages by field name (422 from the server). Keys that name no field are shown above the form. */
  errors?: Record<string, string[]>;
  /**
   * Where hotkeys work: 'window' (the labeling screen: anywhere on the page), 'container' (only while focus is
   * inside the annotator, e.g. the schema editor's preview), or 'none'.
   */
  keyboard?: 'window' | 'container' | 'none';
  showMetadata?: boolean;
  /** False draws only the fields (e.g. past annotations under one shared text). */
  showData?: boolean;
}

/**
 * Draws the labeling form from the project's label schema: the data viewer, then one tool per field.
 * The same component serves labeling, review (read-only or correcting) and the schema editor's preview.
 */
const NO_ERRORS: Record<string, string[]> = {};

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The errors still worth showing: a field's messages are about the value it had when they came, so they go as soon
 * as the field is edited (fixed or not: the next submit or the tool's own live check says the rest). The values are
 * remembered whenever the errors change in content (pages build a new object each render, so identity says nothing).
 */
function useCurrentErrors(errors: Record<string, string[]>, value: Record<string, unknown>, fieldNames: Set<string>) {
  const key = JSON.stringify(errors);
  const [seen, setSeen] = useState({ key, value });
  if (seen.key !== key) setSeen({ key, value });
  const base = seen.key === key ? seen.value : value;
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !fieldNames.has(k) || sameValue(value[k], base[k])));
}

export function Annotator({ schema, data, store, readOnly = false, errors: givenErrors = NO_ERRORS, keyboard = 'window', showMetadata = true, showData = true }: AnnotatorProps) {
  const t = useAnnotatorText();
  const idPrefix = useId().replace(/:/g, '');
  const rootRef = useRef<HTMLDivElement>(null);
  const fields: SchemaField[] = Array.isArray(schema?.fields) ? schema!.fields : [];
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(fields.length - 1, 0));
  const keysOn = keyboard !== 'none' && !readOnly;
  const scope = keyboard === 'container' ? rootRef : undefined;

  useShortcut(
    '*',
    (combo) => {
      const field = fields[activeIndex];
      const tool = field && getTool(field.type);
      // Fields answer their own keys; if the active one does not know the key, try the others in order.
      const order = field ? [activeIndex, ...fields.map((_, i) => i).filter((i) => i !== activeIndex)] : [];
      for (const i of order) {
        const f = fields[i];
        const tl = i === activeIndex ? tool : getTool(f.type);
        const res = tl?.handleKey?.(f, store.value[f.name], combo);
        if (res) {
          store.setField(f.name, res.value);
          if (res.advance && i < fields.length - 1) setActive(i + 1);
          else if (i !== activeIndex) setActive(i);
          return true;
        }
      }
      return false;
    },
    { enabled: keysOn, scope },
  );
  useShortcut(['ctrl+z'], () => store.undo(), { enabled: keysOn, scope });
  useShortcut(['ctrl+shift+z', 'ctrl+y'], () => store.redo(), { enabled: keysOn, scope });

  const fieldNames = new Set(fields.map((f) => f.name));
  const errors = useCurrentErrors(givenErrors, store.value, fieldNames);
  const drawnByTools = fields.flatMap((f) => getTool(f.type)?.drawsData?.(f, data) ?? []);
  // When a tool draws the task's main content (the text of a spans field, an image), the fields are the wide column.
  const mainInFields = showData && drawnByTools.some((k) => data[k] != null);
  const otherErrors = Object.entries(errors).filter(([k]) => !fieldNames.has(k));
  const fieldErrors = fields.filter((f) => errors[f.name]?.length).map((f) => ({ field: f, messages: errors[f.name] }));

  // The summary's links take the keyboard to the field: its first control, or the field itself.
  function goToField(e: MouseEvent<HTMLAnchorElement>, name: string) {
    const frame = rootRef.current?.querySelector<HTMLElement>(`[id="${fieldIds(idPrefix, name).frame}"]`);
    if (!frame) return;
    e.preventDefault();
    frame.scrollIntoView?.({ block: 'center' });
    const control = frame.querySelector<HTMLElement>('input:not([disabled]), textarea, select, button, [tabindex="0"]');
    (control ?? frame).focus();
    setActive(fields.findIndex((f) => f.name === name));
  }

  return (
    <div className={`annotator${mainInFields ? ' annotator-main-in-fields' : ''}`} ref={rootRef} data-testid="annotator">
      {showData ? (
        <div className="annotator-data">
          <TextViewer data={data} hidden={drawnByTools} />
          {showMetadata ? <MetadataList data={data} /> : null}
        </div>
      ) : null}
      <div className="annotator-fields" role="group" aria-label={t('annotator.fields')}>
        {otherErrors.length || fieldErrors.length ? (
          <div className="error-summary" role="alert" data-testid="error-summary">
            {fieldErrors.length ? <p>{t('annotator.errorSummary', { n: fieldErrors.length })}</p> : null}
            <ul className="field-errors">
              {otherErrors.flatMap(([k, ms]) => ms.map((m, i) => <li key={`${k}-${i}`}>{k ? `${k}: ${m}` : m}</li>))}
              {fieldErrors.map(({ field, messages }) => (
                <li key={`field-${field.name}`}>
                  <a href={`#${fieldIds(idPrefix, field.name).frame}`} onClick={(e) => goToField(e, field.name)}>
                    {field.label ?? field.name}
                  </a>
                  {`: ${messages.join(' ')}`}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {fields.length === 0 ? <p className="muted">{t('annotator.noFields')}</p> : null}
        {fields.map((field, i) => {
          const tool = getTool(field.type);
          if (!tool) {
            return (
              <div key={`${field.name}-${i}`} className="field unsupported" role="note" data-testid={`field-${field.name}`}>
                {t('annotator.unsupported', { type: String(field.type), name: String(field.name) })}
              </div>
            );
          }
          const Tool = tool.Component;
          return (
            <Tool
              key={`${field.name}-${i}`}
              field={field}
              value={store.value[field.name]}
              onChange={(v) => store.setField(field.name, v)}
              readOnly={readOnly}
              active={keysOn && i === activeIndex && fields.length > 1}
              onActivate={() => setActive(i)}
              errors={errors[field.name]}
              data={data}
              idPrefix={idPrefix}
              result={store.value}
              fields={fields}
            />
          );
        })}
        {keysOn ? <p className="keys-help muted">{t('annotator.keysHelp')}</p> : null}
      </div>
    </div>
  );
}
