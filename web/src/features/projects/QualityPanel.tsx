import { projects } from '../../api/endpoints';
import type { GoldQuality } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, Loading } from '../../app/ui';
import { useApiQuery } from '../../api/query';

const pct = (v: number | null | undefined) => (v == null ? '–' : `${Math.round(v * 100)}%`);

/**
 * Mean gold score per labeler as horizontal SVG bars on a 0–100 % scale (same look as the other charts), the lowest
 * first: who needs attention. The numbers are written beside each bar, so colour is never the only cue.
 */
export function GoldChart({ gold }: { gold: GoldQuality }) {
  const t = useT();
  const rows = gold.perLabeler;
  const W = 640;
  const rowH = 30;
  const pad = { l: 150, r: 130, t: 6, b: 6 };
  const H = pad.t + pad.b + rows.length * rowH;
  const plotW = W - pad.l - pad.r;
  return (
    <figure className="chart gold-chart" data-testid="gold-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="gold-chart-title gold-chart-desc" preserveAspectRatio="xMidYMid meet">
        <title id="gold-chart-title">{t('quality.perLabeler')}</title>
        <desc id="gold-chart-desc">{rows.map((r) => `${r.username}: ${pct(r.meanScore)} (${t('quality.answers', { n: r.answers })})`).join('; ')}</desc>
        {[0, 0.5, 1].map((v) => (
          <line key={v} x1={pad.l + v * plotW} x2={pad.l + v * plotW} y1={pad.t} y2={H - pad.b} className="grid" />
        ))}
        {rows.map((r, i) => {
          const y = pad.t + i * rowH;
          const w = (r.meanScore ?? 0) * plotW;
          return (
            <g key={r.accountId} data-testid="gold-bar">
              <text x={pad.l - 8} y={y + rowH / 2 + 4} textAnchor="end" className="axis">
                {r.username}
              </text>
              <rect x={pad.l} y={y + 4} width={Math.max(w, 2)} height={rowH - 8} className={`bar ${r.meanScore == null || r.meanScore < 0.7 ? 'low' : 'approved'}`}>
                <title>{`${r.username}: ${pct(r.meanScore)}`}</title>
              </rect>
              <text x={pad.l + plotW + 6} y={y + rowH / 2 + 4} className="axis">
                {`${pct(r.meanScore)} · ${t('quality.answers', { n: r.answers })}${r.skipped ? ` · ${t('quality.skipped', { n: r.skipped })}` : ''}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** The project's quality figures for its managers: gold accuracy overall, per labeler (chart) and per field. */
export function QualityPanel({ projectId }: { projectId: number }) {
  const t = useT();
  const quality = useApiQuery(['projects', projectId, 'quality'], () => projects.quality(projectId));
  const gold = quality.data?.gold;
  return (
    <section className="card" aria-labelledby="quality-gold-title" data-testid="quality-panel">
      <div className="row space-between">
        <h2 id="quality-gold-title">{t('quality.gold')}</h2>
        <button type="button" className="btn small" onClick={quality.reload}>
          {t('common.refresh')}
        </button>
      </div>
      {quality.loading && !quality.data ? <Loading /> : null}
      <ErrorMessage error={quality.error} onRetry={quality.reload} />
      {gold ? (
        <>
          <p data-testid="gold-summary">
            {t('quality.goldSummary', { items: gold.items, answers: gold.answers, score: pct(gold.meanScore), rate: pct(gold.rate) })}
          </p>
          {gold.perLabeler.length ? <GoldChart gold={gold} /> : <p className="muted">{t('quality.noGold')}</p>}
          {gold.perField.length ? (
            <table className="table" aria-label={t('quality.perField')}>
              <thead>
                <tr>
                  <th scope="col">{t('quality.perField')}</th>
                  <th scope="col" className="num">%</th>
                </tr>
              </thead>
              <tbody>
                {gold.perField.map((f) => (
                  <tr key={f.field}>
                    <td>
                      {f.field} <span className="small muted">{f.type}</span>
                    </td>
                    <td className="num">{pct(f.meanScore)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
