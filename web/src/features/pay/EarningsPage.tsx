import { pay, type PayEntry, type PayMonth } from '../../api/pay';
import { useApiQuery } from '../../api/query';
import { formatDateTime } from '../../app/datetime';
import { useI18n, useT } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { won } from './money';

export const KIND_KEYS: Record<string, MessageKey> = {
  LABELING: 'pay.kind.LABELING',
  GOLD: 'pay.kind.GOLD',
  REVIEW: 'pay.kind.REVIEW',
  CORRECTION_SHARE: 'pay.kind.CORRECTION_SHARE',
  ADJUSTMENT: 'pay.kind.ADJUSTMENT',
};

/** Monthly gross as vertical SVG bars, oldest left, the amount written above each bar (colour is never the only cue). */
export function MonthsChart({ months }: { months: PayMonth[] }) {
  const t = useT();
  const rows = [...months].reverse().slice(-12);
  const max = Math.max(1, ...rows.map((m) => m.gross));
  const W = 640;
  const H = 200;
  const pad = { l: 10, r: 10, t: 24, b: 24 };
  const slot = (W - pad.l - pad.r) / Math.max(rows.length, 1);
  const plotH = H - pad.t - pad.b;
  return (
    <figure className="chart earnings-chart" data-testid="earnings-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="earnings-chart-title earnings-chart-desc" preserveAspectRatio="xMidYMid meet">
        <title id="earnings-chart-title">{t('pay.earnings.chart')}</title>
        <desc id="earnings-chart-desc">{rows.map((m) => `${m.period}: ${won(m.gross)}`).join('; ')}</desc>
        {rows.map((m, i) => {
          const h = (Math.max(m.gross, 0) / max) * plotH;
          const x = pad.l + i * slot + slot * 0.15;
          return (
            <g key={m.period} data-testid="earnings-bar">
              <rect x={x} y={pad.t + plotH - h} width={slot * 0.7} height={Math.max(h, 1)} className="bar approved" />
              <text x={x + slot * 0.35} y={pad.t + plotH - h - 6} textAnchor="middle" className="axis">
                {won(m.gross)}
              </text>
              <text x={x + slot * 0.35} y={H - 6} textAnchor="middle" className="axis">
                {m.period}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function EntriesTable({ entries, label }: { entries: PayEntry[]; label: string }) {
  const { t, lang } = useI18n();
  return (
    <table className="table" aria-label={label} data-testid="pay-entries">
      <thead>
        <tr>
          <th scope="col">{t('pay.when')}</th>
          <th scope="col">{t('pay.kind')}</th>
          <th scope="col">{t('pay.project')}</th>
          <th scope="col" className="num">{t('pay.units')}</th>
          <th scope="col" className="num">{t('pay.amount')}</th>
          <th scope="col">{t('pay.month')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-testid="pay-entry">
            <td><time dateTime={e.occurredAt}>{formatDateTime(lang, e.occurredAt)}</time></td>
            <td>
              {KIND_KEYS[e.kind] ? t(KIND_KEYS[e.kind]) : e.kind}
              {e.reason ? <span className="small muted"> — {e.reason}{e.actor ? ` (${e.actor})` : ''}</span> : null}
            </td>
            <td>{e.projectName ?? '–'}</td>
            <td className="num">{e.units || ''}</td>
            <td className="num">{won(e.amount)}</td>
            <td>{e.period}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A worker's own earnings: the total, each month with its withholding, a chart, and the newest entries. */
export function EarningsPage() {
  const t = useT();
  const earnings = useApiQuery(['me', 'earnings'], () => pay.earnings());
  const e = earnings.data;
  return (
    <div className="page earnings-page">
      <PageHeader title={t('pay.earnings.title')}>
        <button type="button" className="btn small" onClick={earnings.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <p className="muted">{t('pay.earnings.intro')}</p>
      {earnings.loading && !e ? <Loading /> : null}
      <ErrorMessage error={earnings.error} onRetry={earnings.reload} />
      {e ? (
        <>
          <section className="card" aria-labelledby="earnings-total">
            <h2 id="earnings-total">{t('pay.earnings.total')}</h2>
            <p className="big-number" data-testid="earnings-total">
              {won(e.total)}
            </p>
          </section>
          {e.months.length === 0 ? (
            <p className="empty">{t('pay.earnings.none')}</p>
          ) : (
            <>
              <section className="card" aria-labelledby="earnings-months">
                <h2 id="earnings-months">{t('pay.earnings.months')}</h2>
                <MonthsChart months={e.months} />
                <table className="table" aria-label={t('pay.earnings.months')} data-testid="earnings-months">
                  <thead>
                    <tr>
                      <th scope="col">{t('pay.month')}</th>
                      <th scope="col" className="num">{t('pay.count')}</th>
                      <th scope="col" className="num">{t('pay.gross')}</th>
                      <th scope="col" className="num">{t('pay.withholding')}</th>
                      <th scope="col" className="num">{t('pay.net')}</th>
                      <th scope="col">{t('pay.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.months.map((m) => (
                      <tr key={m.period}>
                        <td>{m.period}</td>
                        <td className="num">{m.entries}</td>
                        <td className="num">{won(m.gross)}</td>
                        <td className="num">{won(m.withholding)}</td>
                        <td className="num">{won(m.net)}</td>
                        <td>{m.issued ? t('pay.issued') : t('pay.open')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section className="card" aria-labelledby="earnings-entries">
                <h2 id="earnings-entries">{t('pay.earnings.entries')}</h2>
                <EntriesTable entries={e.entries} label={t('pay.earnings.entries')} />
              </section>
            </>
          )}
        </>
      ) : null}
    </div>
  );
}
