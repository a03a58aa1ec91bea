import { mine } from '../../api/endpoints';
import type { MyQuality } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, Loading } from '../../app/ui';
import { useApiQuery } from '../../api/query';

const pct = (v: number | null | undefined) => (v == null ? '–' : `${Math.round(v * 100)}%`);

/** A 0..1 score as a bar (an ARIA meter); the number is always written beside it, so colour is never the only cue. */
function ScoreBar({ value, label, testId }: { value: number; label: string; testId?: string }) {
  return (
    <div
      className="score-bar"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value * 100)}
      aria-valuetext={pct(value)}
      data-testid={testId}
    >
      <div className={`score-fill${value < 0.7 ? ' low' : ''}`} style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }} />
    </div>
  );
}

/** The mean of each step of answers, oldest first, as a small line; focusable, its points spelled out for screen readers. */
function Sparkline({ points, step }: { points: MyQuality['trend']; step: number }) {
  const t = useT();
  const W = 160;
  const H = 40;
  const pad = 4;
  const x = (i: number) => (points.length === 1 ? W / 2 : pad + (i * (W - 2 * pad)) / (points.length - 1));
  const y = (v: number) => pad + (1 - v) * (H - 2 * pad);
  const caption = t('myQuality.trend', { step });
  const label = `${caption}: ${points.map((p) => t('myQuality.trendPoint', { through: p.through, score: pct(p.meanScore) })).join('; ')}`;
  return (
    <figure className="sparkline" data-testid="my-quality-trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} tabIndex={0}>
        <title>{label}</title>
        <line x1={pad} x2={W - pad} y1={y(0.7)} y2={y(0.7)} className="grid" />
        <polyline points={points.map((p, i) => `${x(i)},${y(p.meanScore)}`).join(' ')} className="line" fill="none" />
        {points.map((p, i) => (
          <circle key={p.through} cx={x(i)} cy={y(p.meanScore)} r={2.5} className="dot" />
        ))}
      </svg>
      <figcaption className="small muted">{caption}</figcaption>
    </figure>
  );
}

/** The figures of {@link MyQualityCard}, apart so that they can be shown wherever a labeler looks. */
export function MyQualityFigures({ quality: q }: { quality: MyQuality }) {
  const t = useT();
  const intro = <p className="small muted">{t('myQuality.intro', { rate: pct(q.goldRate) })}</p>;
  if (q.meanScore == null) {
    return (
      <>
        {intro}
        <p className="muted" data-testid="my-quality-none">
          {t('myQuality.none', { step: q.step, n: q.answers })}
        </p>
      </>
    );
  }
  return (
    <>
      {intro}
      <div className="my-quality-head">
        <strong className="big-number" data-testid="my-quality-score">
          {pct(q.meanScore)}
        </strong>
        <div className="grow">
          <ScoreBar value={q.meanScore} label={t('myQuality.accuracy')} testId="my-quality-bar" />
          <p className="small muted" data-testid="my-quality-counted">
            {t('myQuality.counted', { counted: q.counted })}
            {q.recent.answers < q.counted ? ` · ${t('myQuality.recent', { n: q.recent.answers, score: pct(q.recent.meanScore) })}` : ''}
          </p>
        </div>
        {q.trend.length > 1 ? <Sparkline points={q.trend} step={q.step} /> : null}
      </div>
      <p className="small muted" data-testid="my-quality-pending">
        {t('myQuality.pending', { n: q.pending, step: q.step })}
      </p>
      {q.perField.length ? (
        <table className="table" aria-label={t('myQuality.perField')}>
          <thead>
            <tr>
              <th scope="col">{t('myQuality.perField')}</th>
              <th scope="col" className="bar-cell">
                <span className="visually-hidden">{t('myQuality.accuracy')}</span>
              </th>
              <th scope="col" className="num">
                %
              </th>
            </tr>
          </thead>
          <tbody>
            {q.perField.map((f) => (
              <tr key={`${f.field}:${f.type}`} data-testid="my-quality-field">
                <td>{f.field}</td>
                <td className="bar-cell">
                  <ScoreBar value={f.meanScore} label={`${f.field}: ${pct(f.meanScore)}`} />
                </td>
                <td className="num">{pct(f.meanScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** "My quality": the signed-in labeler's own gold accuracy in one project (GET /me/quality). */
export function MyQualityCard({ projectId }: { projectId: number }) {
  const t = useT();
  const quality = useApiQuery(['me', 'quality', projectId], () => mine.quality(projectId));
  const titleId = `my-quality-title-${projectId}`;
  return (
    <section className="card my-quality" aria-labelledby={titleId} data-testid="my-quality">
      <div className="row space-between">
        <h2 id={titleId}>{t('myQuality.title')}</h2>
        <button type="button" className="btn small" onClick={quality.reload} data-testid="my-quality-refresh">
          {t('common.refresh')}
        </button>
      </div>
      {quality.loading && !quality.data ? <Loading /> : null}
      <ErrorMessage error={quality.error} onRetry={quality.reload} />
      {quality.data ? <MyQualityFigures quality={quality.data} /> : null}
    </section>
  );
}
