import type { AnnotationResult, LabelSchema, NextReview } from '../../api/types';
import { AnswerView } from '../../annotator/viewers/AnswerView';
import { useI18n } from '../../app/i18n';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A resubmitted task says so on the review screen (issue 13): who rejected it and why, and for each field that changed
 * since, the rejected answer beside the new one (drawn by the field's own tool, not as JSON).
 */
export function EarlierRejection({ review, schema }: { review: NextReview; schema: LabelSchema | undefined }) {
  const { t, formatDate } = useI18n();
  const earlier = review.earlier;
  if (!earlier) return null;
  const before = (earlier.result && typeof earlier.result === 'object' ? earlier.result : {}) as AnnotationResult;
  const after = review.result ?? {};
  const names = schema?.fields.map((f) => f.name) ?? [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = names.filter((n) => !same(before[n], after[n]));
  return (
    <section className="card resubmitted" aria-labelledby="resubmitted-title" data-testid="resubmitted">
      <h2 id="resubmitted-title">{t('review.resubmitted')}</h2>
      <p className="small muted">{t('review.rejectedBefore', { who: earlier.reviewer ?? '—', at: formatDate(earlier.rejectedAt) })}</p>
      <p className="rejection-reason" data-testid="earlier-reason">
        {earlier.reason ?? '—'}
      </p>
      {changed.length ? (
        <table className="table diff" data-testid="resubmitted-diff">
          <thead>
            <tr>
              <th scope="col">{t('review.field')}</th>
              <th scope="col">{t('review.before')}</th>
              <th scope="col">{t('review.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((n) => (
              <tr key={n} data-testid={`diff-${n}`}>
                <th scope="row">{schema?.fields.find((f) => f.name === n)?.label ?? n}</th>
                <td className="diff-before">
                  <AnswerView schema={schema} data={review.data ?? {}} result={before} only={n} />
                </td>
                <td className="diff-after">
                  <AnswerView schema={schema} data={review.data ?? {}} result={after} only={n} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="notice warn" data-testid="resubmitted-unchanged">
          {t('review.unchanged')}
        </p>
      )}
    </section>
  );
}
