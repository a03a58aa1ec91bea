import { projects } from '../../api/endpoints';
import type { GoldQuality, Quality } from '../../api/types';
import { useI18n, useT } from '../../app/i18n';
import { messages, type MessageKey } from '../../app/messages';
import { ErrorMessage, Loading } from '../../app/ui';
import { useApiQuery } from '../../api/query';
import { QualityReportCharts, semanticSources } from './QualityReportCharts';

/** A measure's name in the reader's language; a measure the browser does not know yet keeps its key. */
function measureName(t: ReturnType<typeof useT>, key: string): string {
  const k = `quality.measure.${key}`;
  return k in messages ? t(k as MessageKey) : key;
}
import { InspectionRates, LotsPanel } from './InspectionPanel';

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

type Accuracy = { value: number | null | undefined; low?: number | null; high?: number | null; target: number };

/**
 * One accuracy figure on a 0–100 % scale: the estimate as a dot, its interval as a line where there is one, the target
 * as a dashed mark; the numbers are written beside it, so colour is never the only cue.
 */
export function AccuracyBar({ label, figure, basis, testId }: { label: string; figure: Accuracy; basis: string; testId: string }) {
  const t = useT();
  const W = 640;
  const H = 34;
  const pad = { l: 150, r: 130 };
  const plotW = W - pad.l - pad.r;
  const x = (v: number) => pad.l + v * plotW;
  const meets = figure.value != null && figure.value >= figure.target;
  return (
    <figure className="chart accuracy-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label}: ${pct(figure.value)} (${t('quality.target', { target: pct(figure.target) })}); ${basis}`} preserveAspectRatio="xMidYMid meet">
        <text x={pad.l - 8} y={H / 2 + 4} textAnchor="end" className="axis">
          {label}
        </text>
        <line x1={x(0)} x2={x(1)} y1={H / 2} y2={H / 2} className="grid" />
        <line x1={x(figure.target)} x2={x(figure.target)} y1={4} y2={H - 4} className="grid" strokeDasharray="3 3" />
        {figure.value != null && figure.low != null && figure.high != null ? (
          <line x1={x(figure.low)} x2={x(figure.high)} y1={H / 2} y2={H / 2} className={`bar ${meets ? 'approved' : 'low'}`} strokeWidth={4} stroke="currentColor" />
        ) : null}
        {figure.value != null ? <circle cx={x(figure.value)} cy={H / 2} r={6} className={`bar ${meets ? 'approved' : 'low'}`} /> : null}
        <text x={x(1) + 6} y={H / 2 + 4} className="axis">
          {`${pct(figure.value)} · ${t('quality.target', { target: pct(figure.target) })}`}
        </text>
      </svg>
      <figcaption className="small muted">{basis}</figcaption>
    </figure>
  );
}

/**
 * The dataset's figures: syntactic accuracy (stored results against the schema now), semantic accuracy from inspected
 * work with its 95 % interval, agreement between workers per field, and the report as a page or a PDF.
 */
export function DatasetQuality({ projectId, quality }: { projectId: number; quality: Quality }) {
  const t = useT();
  const { lang } = useI18n();
  const syn = quality.syntacticAccuracy;
  const sem = quality.semanticAccuracy;
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
  return (
    <div data-testid="dataset-quality">
      <h2 id="quality-dataset-title">{t('quality.dataset')}</h2>
      <AccuracyBar
        label={t('quality.syntactic')}
        testId="syntactic-accuracy"
        figure={{ value: syn.rate, target: syn.target }}
        basis={syn.checked ? t('quality.syntacticBasis', { checked: syn.checked, valid: syn.valid }) : t('quality.noData')}
      />
      <AccuracyBar
        label={t('quality.semantic')}
        testId="semantic-accuracy"
        figure={{ value: sem.estimate, low: sem.low, high: sem.high, target: sem.target }}
        basis={
          sem.n
            ? [t('quality.semanticBasis', { n: sem.n, low: pct(sem.low), high: pct(sem.high) }), t('report.sources', { list: semanticSources(t, sem).join(', ') })].join(' · ')
            : t('quality.noData')
        }
      />
      <h3>{t('quality.agreement')}</h3>
      <table className="table" aria-label={t('quality.agreement')} data-testid="agreement-table">
        <tbody>
          {quality.agreement.map((f) => (
            <tr key={f.field}>
              <td>
                {f.field} <span className="small muted">{f.type}</span>
              </td>
              <td className="small">{t('quality.agreementItems', { items: f.items, workers: f.workers })}</td>
              <td>
                {!f.measured
                  ? t('quality.notMeasured')
                  : Object.keys(f.measures).length
                    ? Object.entries(f.measures)
                        .map(([k, v]) => `${measureName(t, k)} ${fmt(v)}`)
                        .join(' · ')
                    : t('quality.noData')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="row">
        <a className="btn small" href={`/api/v1/projects/${projectId}/quality/report?format=html&lang=${lang}`} target="_blank" rel="noreferrer" data-testid="quality-report-html">
          {t('quality.reportHtml')}
        </a>
        <a className="btn small" href={`/api/v1/projects/${projectId}/quality/report?format=pdf&lang=${lang}`} download data-testid="quality-report-pdf">
          {t('quality.reportPdf')}
        </a>
      </p>
    </div>
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
      {quality.data?.syntacticAccuracy ? <DatasetQuality projectId={projectId} quality={quality.data} /> : null}
      {quality.data?.inspection ? <InspectionRates inspection={quality.data.inspection} /> : null}
      <LotsPanel projectId={projectId} />
      {quality.data?.syntacticAccuracy ? <QualityReportCharts projectId={projectId} /> : null}
    </section>
  );
}
