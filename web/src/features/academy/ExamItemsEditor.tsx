import { useEffect } from 'react';
import type { ExamItemInput } from '../../api/academy';
import type { AnnotationResult, LabelSchema } from '../../api/types';
import { Annotator } from '../../annotator/Annotator';
import { useAnnotationStore } from '../../annotator/core/store';
import { useT } from '../../app/i18n';
import { ReferenceJson } from '../tasks/ReferenceJson';

/** One exam item being written: its text and the reference answer the tools produce. `key` keeps React rows apart. */
export interface DraftItem extends ExamItemInput {
  key: number;
}

let nextKey = 1;
export function newDraftItem(): DraftItem {
  return { key: nextKey++, data: { text: '' }, reference: {} };
}

/** Items worth sending: some text or some answer (an untouched empty row is left out). */
export function filledItems(items: DraftItem[]): ExamItemInput[] {
  return items
    .filter((i) => (typeof i.data.text === 'string' && i.data.text.trim() !== '') || Object.keys(i.reference).length > 0)
    .map(({ data, reference }) => ({ data, reference }));
}

/**
 * The exam's items, each authored like a labeler's task (issue 13): the item's text, then the schema's tools on it —
 * spans by selecting and pressing the label key, choices, summaries, boxes — and what they produce is the reference.
 * A JSON disclosure per item is there for experts.
 */
export function ExamItemsEditor({ schema, items, onChange }: { schema: LabelSchema | undefined; items: DraftItem[]; onChange: (items: DraftItem[]) => void }) {
  const t = useT();
  const update = (key: number, next: Partial<ExamItemInput>) => onChange(items.map((i) => (i.key === key ? { ...i, ...next } : i)));
  return (
    <fieldset className="stack" data-testid="exam-items-editor">
      <legend>{t('examForm.itemsEditor')}</legend>
      <p className="muted small">{t('examForm.itemsEditorHelp')}</p>
      {!schema ? <p className="muted">{t('examForm.noSchema')}</p> : null}
      {schema
        ? items.map((item, i) => (
            <ExamItemEditor
              key={item.key}
              n={i + 1}
              schema={schema}
              item={item}
              onChange={(next) => update(item.key, next)}
              onRemove={() => onChange(items.filter((x) => x.key !== item.key))}
            />
          ))
        : null}
      {schema ? (
        <div>
          <button type="button" className="btn small" onClick={() => onChange([...items, newDraftItem()])} data-testid="exam-item-add">
            {t('examForm.addItem')}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

function ExamItemEditor({ n, schema, item, onChange, onRemove }: { n: number; schema: LabelSchema; item: DraftItem; onChange: (next: Partial<ExamItemInput>) => void; onRemove: () => void }) {
  const t = useT();
  const store = useAnnotationStore(item.reference);
  const text = typeof item.data.text === 'string' ? item.data.text : '';
  // What the tools (or the JSON box) made is the item's reference.
  useEffect(() => {
    if (JSON.stringify(store.value) !== JSON.stringify(item.reference)) onChange({ reference: store.value as AnnotationResult });
  }, [store.value]); // eslint-disable-line react-hooks/exhaustive-deps -- only the store's value drives this
  return (
    <section className="card stack exam-item" aria-label={t('examForm.itemN', { n })} data-testid="exam-item">
      <div className="row space-between">
        <h4>{t('examForm.itemN', { n })}</h4>
        <button type="button" className="btn small" onClick={onRemove} aria-label={t('examForm.removeItem', { n })}>
          ×
        </button>
      </div>
      <label className="form-row">
        <span>{t('examForm.itemText')}</span>
        <textarea
          rows={2}
          value={text}
          onChange={(e) => onChange({ data: { ...item.data, text: e.target.value } })}
          data-testid="exam-item-text"
        />
      </label>
      {text.trim() ? <Annotator schema={schema} data={item.data} store={store} keyboard="container" showMetadata={false} /> : null}
      <ReferenceJson store={store} testId="exam-item-json" />
    </section>
  );
}
