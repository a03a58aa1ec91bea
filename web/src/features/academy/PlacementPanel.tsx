import { useState, type FormEvent } from 'react';
import { academy, type Placement, type PlacementList, type PlacementRole } from '../../api/academy';
import { ApiError } from '../../api/client';
import { useApiAction } from '../../api/query';
import type { Project } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { useServerText } from '../../app/serverText';
import { ErrorMessage } from '../../app/ui';
import { useSaidFieldErrors } from '../../app/serverText';

const ROLES: PlacementRole[] = ['REVIEWER', 'LABELER', 'NONE'];

/** Changes one decision; the reason is required (and logged as PLACEMENT_OVERRIDE). */
export function OverrideForm({ placement, onSaved, onClose }: { placement: Placement; onSaved: (p: Placement) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<PlacementRole>(placement.role === 'LABELER' ? 'REVIEWER' : 'LABELER');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const save = useApiAction(academy.override, { onSuccess: (p) => onSaved(p) });
  const { busy, error } = save;
  const who = placement.displayName || placement.username;
  const id = `override-${placement.id}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    void save.run(placement.id, role, reason.trim());
  }

  return (
    <form className="stack override-form" onSubmit={submit} noValidate aria-label={t('placement.overrideOf', { name: who })} data-testid="override-form">
      <div className="form-row">
        <label htmlFor={`${id}-role`}>{t('placement.newRole')}</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as PlacementRole)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`placement.role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="form-row">
        <span>{t('placement.reason')}</span>
        <textarea
          id={`${id}-reason`}
          rows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
          aria-invalid={missing}
          aria-describedby={missing ? `${id}-reason-error` : undefined}
        />
      </label>
      {missing ? (
        <p className="inline-error" id={`${id}-reason-error`} role="alert">
          {t('placement.reasonRequired')}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="btn primary small" disabled={busy}>
          {t('placement.saveOverride')}
        </button>
        <button type="button" className="btn small" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function PlacementTable({ list, onChange }: { list: PlacementList; onChange: (p: Placement) => void }) {
  const { t, formatDate } = useI18n();
  const say = useServerText();
  const [editing, setEditing] = useState<number | null>(null);
  const rows = [...list.placements].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.id - b.id);
  if (rows.length === 0) return <p className="muted">{t('placement.none')}</p>;
  return (
    <table className="table placement-table" data-testid="placement-table">
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('placement.rank')}
          </th>
          <th scope="col">{t('placement.person')}</th>
          <th scope="col">{t('placement.role')}</th>
          <th scope="col" className="num">
            {t('exam.score')}
          </th>
          <th scope="col">{t('placement.why')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id} data-testid={`placement-${p.username}`} data-role={p.role}>
            <td className="num">{p.rank ?? '—'}</td>
            <td>
              {p.displayName} <span className="muted small">({p.username})</span>
            </td>
            <td>
              <span className={`tag ${p.role === 'NONE' ? '' : 'state-APPROVED'}`}>{t(`placement.role.${p.role}`)}</span>
              {p.overridden ? <span className="muted small"> · {t('placement.overridden')}</span> : null}
              {p.acceptedAt ? <span className="muted small"> · {t('placement.acceptedAt', { time: formatDate(p.acceptedAt) })}</span> : null}
            </td>
            <td className="num">{p.score == null ? '—' : Math.round(p.score * 10) / 10}</td>
            <td className="small" data-testid="placement-why">
              {say.reasons(p)}
            </td>
            <td>
              {editing === p.id ? (
                <OverrideForm
                  placement={p}
                  onSaved={(saved) => {
                    setEditing(null);
                    onChange(saved);
                  }}
                  onClose={() => setEditing(null)}
                />
              ) : p.acceptedAt ? null : (
                <button type="button" className="btn small" onClick={() => setEditing(p.id)} aria-label={t('placement.overrideOf', { name: p.displayName || p.username })}>
                  {t('placement.override')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Quotas and minimum scores per role, target projects; runs the rule and shows each decision with its reason. */
export function PlacementPanel({ cohortId, projects, initial }: { cohortId: number; projects: Project[]; initial: PlacementList | null }) {
  const { t } = useI18n();
  const [list, setList] = useState<PlacementList | null>(initial);
  const [form, setForm] = useState({ reviewerQuota: '1', reviewerMinScore: '90', labelerQuota: '10', labelerMinScore: '70' });
  const [targets, setTargets] = useState<number[]>([]);
  const [keepOverrides, setKeepOverrides] = useState(true);
  const placement = useApiAction(academy.runPlacement, { onSuccess: (l) => setList(l) });
  const { busy, error } = placement;
  const sayErrors = useSaidFieldErrors();
  const errors = error instanceof ApiError ? sayErrors(error.errors) : {};
  const managed = projects.filter((p) => p.myRole === 'MANAGER' || p.myRole == null);
  // A re-run keeps accepted placements (they hold their seats) and, unless unticked, overrides nobody accepted yet.
  const accepted = list?.placements.filter((p) => p.acceptedAt).length ?? 0;
  const overrides = list?.placements.filter((p) => p.overridden && !p.acceptedAt).length ?? 0;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  function run(e: FormEvent) {
    e.preventDefault();
    void placement.run(cohortId, {
      reviewerQuota: Number(form.reviewerQuota),
      reviewerMinScore: Number(form.reviewerMinScore),
      labelerQuota: Number(form.labelerQuota),
      labelerMinScore: Number(form.labelerMinScore),
      projectIds: targets,
      ...(overrides > 0 ? { keepOverrides } : {}),
    });
  }

  const number = (k: keyof typeof form, label: string, max?: number) => (
    <label className="form-row">
      <span>{label}</span>
      <input type="number" min={0} max={max} value={form[k]} onChange={set(k)} aria-invalid={!!errors[k]} />
      {errors[k] ? <span className="inline-error">{errors[k].join(' ')}</span> : null}
    </label>
  );

  return (
    <div className="stack" data-testid="placement-panel">
      <form className="card stack" onSubmit={run} aria-labelledby="placement-form-title" data-testid="placement-form">
        <h3 id="placement-form-title">{t('placement.run')}</h3>
        <div className="settings-grid">
          {number('reviewerQuota', t('placement.reviewerQuota'))}
          {number('reviewerMinScore', t('placement.reviewerMinScore'), 100)}
          {number('labelerQuota', t('placement.labelerQuota'))}
          {number('labelerMinScore', t('placement.labelerMinScore'), 100)}
        </div>
        <fieldset>
          <legend>{t('placement.projects')}</legend>
          {managed.length === 0 ? <p className="muted">{t('placement.noProjects')}</p> : null}
          {managed.map((p) => (
            <label key={p.id} className="check">
              <input
                type="checkbox"
                checked={targets.includes(p.id)}
                onChange={(e) => setTargets(e.target.checked ? [...targets, p.id] : targets.filter((x) => x !== p.id))}
              />{' '}
              {p.name}
            </label>
          ))}
          {errors.projectIds ? <span className="inline-error">{errors.projectIds.join(' ')}</span> : null}
        </fieldset>
        {accepted > 0 ? (
          <p className="notice inline" role="status" data-testid="placement-rerun-note">
            {t('placement.rerunKeepsAccepted', { n: accepted })}
          </p>
        ) : null}
        {overrides > 0 ? (
          <label className="check">
            <input type="checkbox" checked={keepOverrides} onChange={(e) => setKeepOverrides(e.target.checked)} /> {t('placement.keepOverrides', { n: overrides })}
          </label>
        ) : null}
        <ErrorMessage error={error} />
        <div>
          <button type="submit" className="btn primary" disabled={busy}>
            {t('placement.runButton')}
          </button>
        </div>
      </form>
      {list ? (
        <section className="card" aria-labelledby="placement-results">
          <h3 id="placement-results">{t('placement.results')}</h3>
          <PlacementTable
            list={list}
            onChange={(saved) => setList((l) => (l ? { ...l, placements: l.placements.map((p) => (p.id === saved.id ? saved : p)) } : l))}
          />
        </section>
      ) : null}
    </div>
  );
}
