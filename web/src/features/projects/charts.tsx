import { TASK_STATES, type Counts, type Stats, type TaskState } from '../../api/types';
import { useT } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';

export const STATE_KEYS: Record<TaskState, MessageKey> = {
  NEW: 'state.NEW',
  ASSIGNED: 'state.ASSIGNED',
  SUBMITTED: 'state.SUBMITTED',
  REJECTED: 'state.REJECTED',
  APPROVED: 'state.APPROVED',
  GOLD: 'state.GOLD',
};

function totalOf(counts: Partial<Counts> | undefined): number {
  if (!counts) return 0;
  const sum = TASK_STATES.reduce((s, k) => s + (counts[k] ?? 0), 0);
  return Math.max(counts.total ?? 0, sum);
}

/** Task counts by state as one stacked bar, with the numbers beside it (colour is never the only cue). */
export function StateBar({ counts, showLegend = true, testId }: { counts: Partial<Counts> | undefined; showLegend?: boolean; testId?: string }) {
  const t = useT();
  const total = totalOf(counts);
  const summary = TASK_STATES.map((s) => `${t(STATE_KEYS[s])} ${counts?.[s] ?? 0}`).join(', ');
  return (
    <div className="state-bar-wrap" data-testid={testId}>
      <div className="state-bar" role="img" aria-label={`${t('progress.title')}: ${summary} / ${total}`}>
        {total > 0
          ? TASK_STATES.map((s) => {
              const n = counts?.[s] ?? 0;
              if (!n) return null;
              return <span key={s} className={`seg state-${s}`} style={{ width: `${(n / total) * 100}%` }} title={`${t(STATE_KEYS[s])}: ${n}`} />;
            })
          : null}
      </div>
      {showLegend ? (
        <ul className="legend">
          {TASK_STATES.map((s) => (
            <li key={s} data-testid={`count-${s}`}>
              <span className={`swatch state-${s}`} aria-hidden="true" />
              {t(STATE_KEYS[s])} <strong>{counts?.[s] ?? 0}</strong>
            </li>
          ))}
          <li data-testid="count-total">
            {t('progress.total')} <strong>{total}</strong>
          </li>
          {counts?.GOLD ? (
            <li data-testid="count-GOLD">
              <span className="swatch state-GOLD" aria-hidden="true" />
              {t('state.GOLD')} <strong>{counts.GOLD}</strong> <span className="small muted">{t('progress.goldApart')}</span>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

/** Submitted and approved per day, as grouped SVG bars. */
export function ThroughputChart({ throughput }: { throughput: Stats['throughput'] }) {
  const t = useT();
  const days = throughput.slice(-30);
  if (days.length === 0) return <p className="muted">{t('progress.noThroughput')}</p>;
  const max = Math.max(1, ...days.map((d) => Math.max(d.submitted, d.approved)));
  const W = 640;
  const H = 200;
  const pad = { l: 32, r: 8, t: 10, b: 36 };
  const plotW = W - pad.l - pad.r;
  const plotH = H - pad.t - pad.b;
  const slot = plotW / days.length;
  const barW = Math.max(2, Math.min(18, slot / 2 - 2));
  const y = (v: number) => pad.t + plotH - (v / max) * plotH;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  const labelEvery = Math.ceil(days.length / 8);
  return (
    <figure className="chart" data-testid="throughput-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="tp-title tp-desc" preserveAspectRatio="xMidYMid meet">
        <title id="tp-title">{t('progress.throughput')}</title>
        <desc id="tp-desc">{days.map((d) => `${d.day}: ${t('progress.submitted')} ${d.submitted}, ${t('progress.approved')} ${d.approved}`).join('; ')}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={pad.l - 4} y={y(v) + 4} textAnchor="end" className="axis">
              {v}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x0 = pad.l + i * slot + slot / 2;
          return (
            <g key={d.day}>
              <rect x={x0 - barW - 1} y={y(d.submitted)} width={barW} height={pad.t + plotH - y(d.submitted)} className="bar submitted">
                <title>{`${d.day} ${t('progress.submitted')}: ${d.submitted}`}</title>
              </rect>
              <rect x={x0 + 1} y={y(d.approved)} width={barW} height={pad.t + plotH - y(d.approved)} className="bar approved">
                <title>{`${d.day} ${t('progress.approved')}: ${d.approved}`}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text x={x0} y={H - pad.b + 16} textAnchor="middle" className="axis">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span>
          <span className="swatch submitted" aria-hidden="true" /> {t('progress.submitted')}
        </span>
        <span>
          <span className="swatch approved" aria-hidden="true" /> {t('progress.approved')}
        </span>
      </figcaption>
    </figure>
  );
}
