import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { tasks } from '../../api/endpoints';
import { splitFieldErrors, useApiAction } from '../../api/query';
import type { AnnotationResult, LabelSchema, TaskDetail } from '../../api/types';
import { Annotator } from '../../annotator/Annotator';
import { useAnnotationStore } from '../../annotator/core/store';
import { useI18n, type Lang } from '../../app/i18n';
import { sayFieldError, sayItemPath } from '../../app/serverText';
import { ErrorMessage } from '../../app/ui';
import { ReferenceJson } from './ReferenceJson';

/** "reference.topic", "reference.ents[2].end" → "topic", "ents": the field each problem belongs to. */
export function referenceFieldErrors(err: ApiError, lang: Lang = 'en'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of err.errors) {
    const path = (e.field ?? '').replace(/^reference(?=[.[]|$)/, '').replace(/^\./, '');
    const m = /^([^.[\]]+)/.exec(path);
    const item = m ? sayItemPath(lang, path.slice(m[0].length)) : '';
    const said = sayFieldError(lang, e);
    (out[m ? m[1] : ''] ??= []).push(item ? `${item}: ${said}` : said);
  }
  if (err.errors.length === 0) out[''] = [err.detail ?? err.title];
  return out;
}

/**
 * A manager marks the task as a gold item by entering its reference answer with the same field tools a labeler
 * uses; the server checks it against the schema (422 per field, shown on the field). A gold item's reference can be
 * replaced (its answers are scored again) or, while no one has been handed it, the task can stop being gold.
 */
export function GoldPanel({ task, schema, onChanged }: { task: TaskDetail; schema: LabelSchema | undefined; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const isGold = task.state === 'GOLD';
  const store = useAnnotationStore(task.goldReference ?? {});
  const [notice, setNotice] = useState<string | null>(null);
  const action = useApiAction((call: () => Promise<unknown>, _done: string) => call(), {
    onSuccess: (_, _call, done) => {
      setNotice(done);
      onChanged();
    },
  });
  const busy = action.busy;
  const { fieldErrors: errors, error } = splitFieldErrors(action.error, (e) => referenceFieldErrors(e, lang));
  useEffect(() => store.reset((task.goldReference ?? {}) as AnnotationResult), [task.goldReference, store.reset]); // eslint-disable-line react-hooks/exhaustive-deps -- store.reset is stable, store is a new object each render
  const answered = task.assignments?.filter((a) => a.state === 'SCORED') ?? [];
  const mean = answered.length ? answered.reduce((s, a) => s + (a.goldScore ?? 0), 0) / answered.length : null;

  async function run(call: () => Promise<unknown>, done: string) {
    setNotice(null);
    await action.run(call, done);
  }

  return (
    <section className="card" aria-labelledby="gold-title" data-testid="gold-panel">
      <h2 id="gold-title">{t('gold.title')}</h2>
      <p className="small muted">{t('gold.explain')}</p>
      <p data-testid="gold-status">{isGold ? t('gold.isGold') : t('gold.notGold')}</p>
      {isGold && answered.length ? (
        <p className="small" data-testid="gold-answers">
          {t('gold.answers', { n: answered.length, score: `${Math.round((mean ?? 0) * 100)}%` })}
        </p>
      ) : null}
      <h3>{t('gold.reference')}</h3>
      {/* The labeler's own tools, keys included (while focus is in the panel): select text, press the label key. */}
      <Annotator schema={schema} data={task.data ?? {}} store={store} errors={errors} keyboard="container" showData={false} showMetadata={false} />
      <ReferenceJson store={store} testId="gold-json" />
      <ErrorMessage error={error} />
      <div className="row">
        <button
          type="button"
          className="btn primary"
          disabled={busy}
          onClick={() => run(() => tasks.putGold(task.id, store.value), t('gold.saved'))}
          data-testid="gold-save"
        >
          {isGold ? t('gold.update') : t('gold.save')}
        </button>
        {isGold ? (
          <button type="button" className="btn danger" disabled={busy} onClick={() => run(() => tasks.deleteGold(task.id), t('gold.removed'))} data-testid="gold-remove">
            {t('gold.remove')}
          </button>
        ) : null}
        {notice ? (
          <span role="status" className="notice inline">
            {notice}
          </span>
        ) : null}
      </div>
    </section>
  );
}
