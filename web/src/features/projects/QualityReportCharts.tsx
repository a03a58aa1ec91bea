import { useId } from 'react';
import { projects } from '../../api/endpoints';
import type { QualityReportData, QualitySummary } from '../../api/types';
import { useI18n, useT } from '../../app/i18n';
import { formatDateTime } from '../../app/datetime';
import type { MessageKey } from '../../app/messages';
import { ErrorMessage, Loading } from '../../app/ui';
import { useApiQuery } from '../../api/query';
import { ThroughputChart } from './charts';

const pct = (v: number | null | undefined) => (v == null ? '–' : `${Math.round(v * 100)}%`);

export type BarRow = { key: string; label: string; value: number };

/**
 * Counts as horizontal SVG bars, the largest scaled to the full width, each count written at the bar's end. The SVG is
 * one image named by its title, its description listing every figure, so a screen reader hears the numbers.
 */
export function BarChart({ title, rows, testId }: { title: string; rows: BarRow[]; testId: string }) {
  const id = useId();
  const W = 640;
  const rowH = 24;
  const pad = { l: 160, r: 70, t: 4, b: 4 };
  const H = pad.t + pad.b + rows.length * rowH;
  const plotW = W - pad.l - pad.r;
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="small">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{rows.map((r) => `${r.label}: ${r.value}`).join('; ')}</desc>
        {rows.map((r, i) => {
          const y = pad.t + i * rowH;
          return (
            <g key={r.key} data-testid={`${testId}-bar`}>
              <text x={pad.l - 8} y={y + rowH / 2 + 4} textAnchor="end" className="axis">
                {r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label}
              </text>
              <rect x={pad.l} y={y + 3} width={Math.max((r.value / max) * plotW, r.value > 0 ? 2 : 0)} height={rowH - 6} className="bar submitted" />
              <text x={pad.l + (r.value / max) * plotW + 6} y={y + rowH / 2 + 4} className="axis">
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/**
 * A distribution summary (n, min, mean, max and equal-width bins) as vertical SVG bars, each bin named by its range
 * ({@code from}..{@code to − 1}); the summary line is written under it.
 */
export function HistogramChart({ title, summary, testId }: { title: string; summary: QualitySummary; testId: string }) {
  const t = useT();
  const id = useId();
  const bins = summary.histogram;
  const W = 640;
  const H = 150;
  const pad = { l: 32, r: 8, t: 14, b: 28 };
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const slot = plotW / Math.max(1, bins.length);
  const range = (b: { from: number; to: number }) => (b.to - 1 === b.from ? String(b.from) : `${b.from}–${b.to - 1}`);
  const line = t('quality.summaryLine', { n: summary.n, min: summary.min ?? '–', mean: summary.mean ?? '–', max: summary.max ?? '–' });
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="small">
        {title} <span className="muted">· {line}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{`${line}. ${bins.map((b) => `${range(b)}: ${b.count}`).join('; ')}`}</desc>
        <line x1={pad.l} x2={W - pad.r} y1={pad.t + plotH} y2={pad.t + plotH} className="grid" />
        {bins.map((b, i) => {
          const h = (b.count / max) * plotH;
          const x = pad.l + i * slot;
          return (
            <g key={b.from} data-testid={`${testId}-bin`}>
              <rect x={x + 2} y={pad.t + plotH - h} width={Math.max(2, slot - 4)} height={h} className="bar submitted" />
              <text x={x + slot / 2} y={pad.t + plotH - h - 3} textAnchor="middle" className="axis">
                {b.count}
              </text>
              <text x={x + slot / 2} y={H - pad.b + 14} textAnchor="middle" className="axis">
                {range(b)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** The report's per-modality keys (QualityReport.Distributions) and their names. */
const MODALITY_KEYS: Record<string, MessageKey> = {
  text: 'quality.modality.text',
  objectsPerImage: 'quality.modality.objectsPerImage',
  pointsPerImage: 'quality.modality.pointsPerImage',
  audioSeconds: 'quality.modality.audioSeconds',
  segmentsPerAudio: 'quality.modality.segmentsPerAudio',
  transcriptLength: 'quality.modality.transcriptLength',
};

/** The dataset report's figures as charts: what the HTML/PDF report prints, in the app. */
export function ReportCharts({ report }: { report: QualityReportData }) {
  const t = useT();
  const d = report.distributions;
  const labelFields = Object.entries(d.labels).filter(([, counts]) => Object.keys(counts).length > 0);
  const lengths = Object.entries(d.lengths).filter(([, s]) => s.n > 0);
  const modalities = Object.entries(d.modalities).filter(([, s]) => s.n > 0);
  const sizes = Object.entries(d.imageSizes ?? {});
  return (
    <div data-testid="report-charts">
      <h2>{t('quality.distributions')}</h2>
      <h3>{t('quality.labels')}</h3>
      {labelFields.length ? (
        labelFields.map(([field, counts]) => (
          <BarChart
            key={field}
            testId={`labels-${field}`}
            title={t('quality.labelsOf', { field })}
            rows={Object.entries(counts).map(([label, n]) => ({ key: label, label, value: n }))}
          />
        ))
      ) : (
        <p className="muted">{t('quality.noData')}</p>
      )}
      <h3>{t('quality.lengths')}</h3>
      {lengths.length ? (
        lengths.map(([field, s]) => <HistogramChart key={field} testId={`lengths-${field}`} title={t('quality.lengthsOf', { field })} summary={s} />)
      ) : (
        <p className="muted">{t('quality.noData')}</p>
      )}
      <h3>{t('quality.modalities')}</h3>
      {modalities.length || sizes.length ? (
        <>
          {modalities.map(([key, s]) => (
            <HistogramChart key={key} testId={`modality-${key}`} title={key in MODALITY_KEYS ? t(MODALITY_KEYS[key]) : key} summary={s} />
          ))}
          {sizes.length ? (
            <BarChart
              testId="image-sizes"
              title={t('quality.imageSizes')}
              rows={sizes.map(([size, n]) => ({ key: size, label: size === 'other' ? t('quality.otherSizes') : size, value: n }))}
            />
          ) : null}
        </>
      ) : (
        <p className="muted">{t('quality.noData')}</p>
      )}
      <h3>{t('progress.throughput')}</h3>
      <ThroughputChart throughput={report.throughput} />
      <h3>{t('quality.perWorker')}</h3>
      {report.workers.length ? (
        <div className="table-scroll">
          <table className="table" aria-label={t('quality.perWorker')} data-testid="worker-figures">
            <thead>
              <tr>
                <th scope="col">{t('quality.worker')}</th>
                <th scope="col" className="num">{t('progress.submitted')}</th>
                <th scope="col" className="num">{t('progress.approved')}</th>
                <th scope="col" className="num">{t('quality.rejected')}</th>
                <th scope="col" className="num">{t('quality.gold')}</th>
                <th scope="col" className="num">{t('quality.passedInspection')}</th>
              </tr>
            </thead>
            <tbody>
              {report.workers.map((w) => (
                <tr key={w.accountId}>
                  <th scope="row">{w.username}</th>
                  <td className="num">{w.submitted}</td>
                  <td className="num">{w.approved}</td>
                  <td className="num">{w.rejected}</td>
                  <td className="num">{`${pct(w.goldMeanScore)} (${t('quality.answers', { n: w.goldAnswers })})`}</td>
                  <td className="num">{`${pct(w.inspectedAccuracy)} (${t('quality.inspectedN', { n: w.inspected })})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('quality.noData')}</p>
      )}
      <InspectionReport quality={report.quality} />
      <h3>{t('quality.rejectionReasons')}</h3>
      {report.rejectionReasons.length ? (
        <BarChart
          testId="rejection-reasons"
          title={t('quality.rejectionReasons')}
          rows={report.rejectionReasons.map((r, i) => ({ key: `${i}`, label: r.reason || t('quality.noReason'), value: r.count }))}
        />
      ) : (
        <p className="muted">{t('quality.noRejections')}</p>
      )}
    </div>
  );
}

const pct1 = (v: number | null | undefined) => (v == null ? '–' : `${Math.round(v * 1000) / 10}%`);
const LOT_STATES = ['ACCEPTED', 'RETURNED', 'INSPECTING'] as const;
const STATE_KEYS: Record<string, MessageKey> = {
  ACCEPTED: 'report.state.ACCEPTED',
  RETURNED: 'report.state.RETURNED',
  INSPECTING: 'report.state.INSPECTING',
};
const SOURCE_KEYS: Record<string, MessageKey> = {
  LOT_SAMPLE: 'report.source.LOT_SAMPLE',
  LOT_RETURNED: 'report.source.LOT_RETURNED',
  REVIEW: 'report.source.REVIEW',
};

/** Which samples semantic accuracy comes from, each as "lot samples 4 (3 passed)"; empty when nothing was inspected. */
export function semanticSources(t: ReturnType<typeof useT>, sem: QualityReportData['quality']['semanticAccuracy']): string[] {
  return (sem.sources ?? []).map((s) => (s.source in SOURCE_KEYS ? t(SOURCE_KEYS[s.source], { n: s.inspected, passed: s.passed }) : `${s.source} ${s.inspected}`));
}

/**
 * The report's inspection section (issue 11): the policy in force, which samples semantic accuracy comes from, the
 * lots' totals as a sentence and a bar chart by verdict, and a table of the lots with their ISO 2859-1 plans. The
 * adaptive rates per labeler are the table above it in the quality tab (InspectionRates), from the same figures.
 */
export function InspectionReport({ quality }: { quality: QualityReportData['quality'] }) {
  const t = useT();
  const { lang } = useI18n();
  const inspection = quality.inspection;
  const sem = quality.semanticAccuracy;
  const totals = inspection.lotTotals;
  const mode =
    inspection.mode === 'ADAPTIVE'
      ? t('report.mode.ADAPTIVE', { min: pct1(inspection.minRate), base: pct1(inspection.sampleRate), max: pct1(inspection.maxRate), window: inspection.window ?? 0 })
      : inspection.mode === 'SAMPLE'
        ? t('report.mode.SAMPLE', { rate: pct1(inspection.sampleRate) })
        : inspection.mode === 'FULL'
          ? t('report.mode.FULL')
          : inspection.mode;
  const policy = inspection.lots.length ? `${mode} · ${t('report.lotsUsed')}` : mode;
  const sources = semanticSources(t, sem);
  const count: Record<string, number> = { ACCEPTED: totals.accepted, RETURNED: totals.returned, INSPECTING: totals.open };
  return (
    <div data-testid="report-inspection">
      <h3>{t('report.inspection')}</h3>
      <p data-testid="report-policy">{t('report.policy', { policy })}</p>
      <p className="small" data-testid="report-sources">
        {sources.length ? t('report.sources', { list: sources.join(', ') }) : t('quality.noData')}
      </p>
      {inspection.lots.length === 0 ? (
        <p className="muted">{t('lots.none')}</p>
      ) : (
        <>
          <p data-testid="report-lot-totals">
            {t('report.lotTotals', {
              lots: totals.lots,
              accepted: totals.accepted,
              returned: totals.returned,
              open: totals.open,
              inReturned: totals.itemsInReturnedLots,
              inAccepted: totals.itemsInAcceptedLots,
              sampled: totals.sampled,
              inspected: totals.inspected,
              defects: totals.defects,
            })}
          </p>
          <BarChart testId="lot-verdicts" title={t('report.lotVerdicts')} rows={LOT_STATES.map((s) => ({ key: s, label: t(STATE_KEYS[s]), value: count[s] }))} />
          <div className="table-scroll">
            <table className="table" aria-label={t('report.lotsTable')} data-testid="report-lots">
              <thead>
                <tr>
                  <th scope="col">{t('lots.lot')}</th>
                  <th scope="col" className="num">AQL</th>
                  <th scope="col" className="num">{t('report.lotSize')}</th>
                  <th scope="col">{t('report.letter')}</th>
                  <th scope="col" className="num">{t('report.sample')}</th>
                  <th scope="col" className="num">{t('report.acRe')}</th>
                  <th scope="col" className="num">{t('report.defects')}</th>
                  <th scope="col">{t('lots.state')}</th>
                  <th scope="col">{t('report.created')}</th>
                  <th scope="col">{t('report.decided')}</th>
                </tr>
              </thead>
              <tbody>
                {inspection.lots.map((l) => (
                  <tr key={l.id} data-testid="report-lot-row">
                    <th scope="row">#{l.id}</th>
                    <td className="num">{l.aql}</td>
                    <td className="num">{l.lotSize}</td>
                    <td>{l.codeLetter}</td>
                    <td className="num">{l.sampleSize}</td>
                    <td className="num">{`${l.acceptNumber}/${l.rejectNumber}`}</td>
                    <td className="num">{`${l.defects} (${l.inspected}/${l.sampleSize})`}</td>
                    <td>
                      {l.state in STATE_KEYS ? t(STATE_KEYS[l.state]) : l.state}
                      {l.decidedBy != null ? <span className="small muted">{` (${t('report.byManager')}: ${l.reason ?? ''})`}</span> : null}
                    </td>
                    <td>{formatDateTime(lang, l.createdAt)}</td>
                    <td>{l.decidedAt ? formatDateTime(lang, l.decidedAt) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/** Loads the report (its JSON form) for the quality tab and draws it. */
export function QualityReportCharts({ projectId }: { projectId: number }) {
  const report = useApiQuery(['projects', projectId, 'quality', 'report'], () => projects.qualityReport(projectId));
  return (
    <>
      {report.loading && !report.data ? <Loading /> : null}
      <ErrorMessage error={report.error} onRetry={report.reload} />
      {report.data?.distributions ? <ReportCharts report={report.data} /> : null}
    </>
  );
}
