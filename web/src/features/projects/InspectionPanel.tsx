import { useState } from 'react';
import { lots } from '../../api/endpoints';
import { useApiAction, useApiQuery } from '../../api/query';
import type { InspectionLot, Quality } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, Loading, ProgressBar, TableHead } from '../../app/ui';

const pct = (v: number | null | undefined) => (v == null ? '–' : `${Math.round(v * 1000) / 10}%`);

/** The AQLs of ISO 2859-1 Table 2-A that a lot may take (the server refuses others). */
const AQLS = [0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5, 10];

/**
 * Review mode ADAPTIVE: each labeler's draw rate in force now, with what it comes from (docs/quality.md has the
 * formula), so that a manager sees who is reviewed how much and why.
 */
export function InspectionRates({ inspection }: { inspection: Quality['inspection'] }) {
  const t = useT();
  if (inspection.mode !== 'ADAPTIVE') return null;
  return (
    <div data-testid="inspection-rates">
      <h3>{t('inspection.rates')}</h3>
      <p className="small muted">
        {t('inspection.policy', {
          min: pct(inspection.minRate),
          base: pct(inspection.sampleRate),
          max: pct(inspection.maxRate),
          window: inspection.window ?? 0,
        })}
      </p>
      {inspection.labelers.length === 0 ? (
        <p className="muted">{t('quality.noData')}</p>
      ) : (
        <table className="table" aria-label={t('inspection.rates')}>
          <TableHead
            columns={[t('inspection.labeler'), t('inspection.rate'), t('inspection.rejections'), t('inspection.goldError'), t('inspection.confidence')]}
          />
          <tbody>
            {inspection.labelers.map((r) => (
              <tr key={r.accountId} data-testid="inspection-rate-row">
                <td>{r.username}</td>
                <td className="num" data-testid="inspection-rate">
                  {pct(r.rate)}
                </td>
                <td className="num">{r.inspected ? `${pct(r.rejectionRate)} (${r.defects}/${r.inspected})` : '–'}</td>
                <td className="num">{r.goldAnswers ? `${pct(r.goldError)} (${t('quality.answers', { n: r.goldAnswers })})` : '–'}</td>
                <td className="num">{pct(r.confidence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function LotRow({ projectId, lot, onChanged }: { projectId: number; lot: InspectionLot; onChanged: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const decide = useApiAction((d: 'ACCEPT' | 'RETURN') => lots.decide(projectId, lot.id, d, reason), { onSuccess: onChanged });
  const state = lot.state === 'ACCEPTED' ? t('lots.accepted') : lot.state === 'RETURNED' ? t('lots.returned') : t('lots.inspecting');
  return (
    <tr data-testid="lot-row" data-state={lot.state}>
      <td>#{lot.id}</td>
      <td className="num">{lot.lotSize}</td>
      <td>{t('lots.plan', { aql: lot.aql, letter: lot.codeLetter, n: lot.sampleSize, ac: lot.acceptNumber, re: lot.rejectNumber })}</td>
      <td>
        <ProgressBar value={lot.inspected} max={lot.sampleSize} label={t('lots.progress', { done: lot.inspected, n: lot.sampleSize })} />
        <span className="small">
          {t('lots.progress', { done: lot.inspected, n: lot.sampleSize })} · {t('lots.defects', { n: lot.defects })}
        </span>
      </td>
      <td data-testid="lot-state">
        <strong>{state}</strong>
        {lot.state !== 'INSPECTING' ? (
          <div className="small muted">
            {lot.decidedBy == null ? t(lot.state === 'ACCEPTED' ? 'lots.acceptedBySample' : 'lots.returnedBySample') : t('lots.byManager', { reason: lot.reason ?? '' })}
          </div>
        ) : null}
      </td>
      <td>
        {lot.state === 'INSPECTING' ? (
          <div className="row">
            <label>
              <span className="visually-hidden">{t('lots.reason')}</span>
              <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('lots.reason')} data-testid="lot-reason" />
            </label>
            <button type="button" className="btn small" disabled={decide.busy} onClick={() => void decide.run('ACCEPT')}>
              {t('lots.accept')}
            </button>
            <button type="button" className="btn small" disabled={decide.busy} onClick={() => void decide.run('RETURN')}>
              {t('lots.return')}
            </button>
            <ErrorMessage error={decide.error} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * Acceptance sampling (ISO 2859-1): declare a lot of the work awaiting review with an AQL; the server draws the
 * sample, reviewers get it first, and the lot is accepted (the rest approved) or returned (the rest reviewed in full).
 */
export function LotsPanel({ projectId }: { projectId: number }) {
  const t = useT();
  const list = useApiQuery(['projects', projectId, 'lots'], () => lots.list(projectId));
  const [aql, setAql] = useState(1);
  const create = useApiAction(() => lots.create(projectId, aql), { onSuccess: () => list.reload() });
  return (
    <div data-testid="lots-panel">
      <h3 id="lots-title">{t('lots.title')}</h3>
      <p className="small muted">{t('lots.help')}</p>
      <div className="row">
        <label>
          {t('lots.aql')}{' '}
          <select value={aql} onChange={(e) => setAql(Number(e.target.value))} data-testid="lot-aql">
            {AQLS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn small" disabled={create.busy} onClick={() => void create.run()} data-testid="lot-create">
          {t('lots.create')}
        </button>
      </div>
      <ErrorMessage error={create.error} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.data?.length ? (
        <table className="table" aria-labelledby="lots-title">
          <TableHead columns={[t('lots.lot'), t('lots.size'), t('lots.planTitle'), t('lots.sample'), t('lots.state')]} actions />
          <tbody>
            {list.data.map((lot) => (
              <LotRow key={lot.id} projectId={projectId} lot={lot} onChanged={list.reload} />
            ))}
          </tbody>
        </table>
      ) : list.data ? (
        <p className="muted">{t('lots.none')}</p>
      ) : null}
    </div>
  );
}
