import { useEffect, useState } from 'react';
import type { AnnotationResult } from '../../api/types';
import type { AnnotationStore } from '../../annotator/core/store';
import { useT } from '../../app/i18n';

/**
 * The reference answer as JSON, folded away: the annotator above is how a reference is authored (the same tools the
 * labeler uses, issue 13); experts can read the stored value here and paste one (e.g. offsets from another tool).
 */
export function ReferenceJson({ store, testId = 'reference-json' }: { store: AnnotationStore; testId?: string }) {
  const t = useT();
  const shown = JSON.stringify(store.value, null, 2);
  const [text, setText] = useState(shown);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState('');
  // Follows the tools while the expert has not started typing here.
  useEffect(() => {
    if (!dirty) setText(shown);
  }, [shown, dirty]);

  const apply = () => {
    try {
      const v: unknown = JSON.parse(text);
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(t('reference.jsonObject'));
      store.reset(v as AnnotationResult);
      setDirty(false);
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <details className="reference-json" data-testid={testId}>
      <summary>{t('reference.json')}</summary>
      <textarea
        className="code"
        rows={6}
        aria-label={t('reference.json')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setDirty(true);
        }}
        aria-invalid={!!error}
      />
      {error ? (
        <p className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="btn small" onClick={apply} disabled={!dirty} data-testid={`${testId}-apply`}>
          {t('reference.jsonApply')}
        </button>
        {dirty ? (
          <button
            type="button"
            className="btn small"
            onClick={() => {
              setDirty(false);
              setError('');
            }}
          >
            {t('reference.jsonRevert')}
          </button>
        ) : null}
      </div>
    </details>
  );
}
