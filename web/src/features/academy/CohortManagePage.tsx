import { useRef, useState, type KeyboardEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { academy, type Cohort, type RosterRow } from '../../api/academy';
import { ApiError } from '../../api/client';
import { projects as projectsApi } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { useApiQuery } from '../../api/query';
import { Schedule, SeatsBar } from './CohortListPage';
import { ExamForm } from './ExamForm';
import { FunnelChart, STEP_KEYS } from './FunnelChart';
import { PlacementPanel } from './PlacementPanel';
import { StatusBadge } from './RegisterButton';
import { percent } from './time';

type Tab = 'roster' | 'attendance' | 'funnel' | 'exams' | 'placement';
const TABS: Tab[] = ['roster', 'attendance', 'funnel', 'exams', 'placement'];
const TAB_KEYS: Record<Tab, MessageKey> = {
  roster: 'cohort.tab.roster',
  attendance: 'cohort.tab.attendance',
  funnel: 'cohort.tab.funnel',
  exams: 'cohort.tab.exams',
  placement: 'cohort.tab.placement',
};

function Roster({ rows }: { rows: RosterRow[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('cohort.noRegistrations')}</p>;
  return (
    <table className="table" data-testid="roster">
      <thead>
        <tr>
          <th scope="col">{t('placement.person')}</th>
          <th scope="col">{t('cohort.status')}</th>
          <th scope="col">{t('cohort.attendance')}</th>
          <th scope="col" className="num">
            {t('cohort.bestScore')}
          </th>
          <th scope="col">{t('placement.role')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.registrationId} data-testid={`roster-${r.username}`} data-status={r.status}>
            <td>
              {r.displayName} <span className="muted small">({r.username})</span>
            </td>
            <td>
              <StatusBadge status={r.status} position={r.position} />
            </td>
            <td>
              {r.status === 'REGISTERED' ? (
                <>
                  {t('cohort.attendanceCell', { hours: r.attendedHours, total: r.totalHours, ratio: percent(r.attendanceRatio) })}
                  {r.completed ? <span className="tag state-APPROVED">{t('my.completed')}</span> : null}
                </>
              ) : (
                '—'
              )}
            </td>
            <td className="num">
              {r.bestScore == null ? '—' : Math.round(r.bestScore * 10) / 10}
              {r.examPassed ? ` ✓` : ''}
            </td>
            <td>
              {r.placementRole ? t(`placement.role.${r.placementRole}`) : '—'}
              {r.acceptedAt ? ` · ${t('cohort.accepted')}` : ''}
              {r.active ? ` · ${t('funnel.active')}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A check box per seat holder and session; each click is one PUT, shown at once and undone if it fails. */
function AttendanceGrid({ cohort, rows, onChanged }: { cohort: Cohort; rows: RosterRow[]; onChanged: () => void }) {
  const { t, formatDate } = useI18n();
  const seated = rows.filter((r) => r.status === 'REGISTERED');
  const [marks, setMarks] = useState<Record<string, boolean>>(() => {
    const m: Record<string, boolean> = {};
    for (const r of seated) for (const [s, v] of Object.entries(r.attendance ?? {})) m[`${r.accountId}:${s}`] = v;
    return m;
  });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(0);
  if (seated.length === 0) return <p className="muted">{t('cohort.noSeatHolders')}</p>;

  async function toggle(accountId: number, sessionId: number, present: boolean) {
    const key = `${accountId}:${sessionId}`;
    const before = marks[key];
    setMarks((m) => ({ ...m, [key]: present }));
    setError(null);
    setSaving((n) => n + 1);
    try {
      await academy.setAttendance(cohort.id, sessionId, accountId, present);
      onChanged();
    } catch (e) {
      setMarks((m) => ({ ...m, [key]: before }));
      setError(e);
    } finally {
      setSaving((n) => n - 1);
    }
  }

  return (
    <div className="stack">
      <div className="table-scroll">
        <table className="table attendance-grid" data-testid="attendance-grid">
          <thead>
            <tr>
              <th scope="col">{t('placement.person')}</th>
              {cohort.sessions.map((s, i) => (
                <th scope="col" key={s.id}>
                  {t('academy.sessionN', { n: i + 1 })}
                  <br />
                  <span className="muted small">{formatDate(s.startsAt)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {seated.map((r) => (
              <tr key={r.accountId}>
                <th scope="row">
                  {r.displayName} <span className="muted small">({r.username})</span>
                </th>
                {cohort.sessions.map((s, i) => (
                  <td key={s.id}>
                    <input
                      type="checkbox"
                      // The server takes attendance only once a session has started (422 before).
                      disabled={Date.parse(s.startsAt) > Date.now()}
                      title={Date.parse(s.startsAt) > Date.now() ? t('cohort.notYetHeld') : undefined}
                      checked={!!marks[`${r.accountId}:${s.id}`]}
                      onChange={(e) => void toggle(r.accountId, s.id, e.target.checked)}
                      aria-label={t('cohort.presentAt', { name: r.displayName || r.username, n: i + 1 })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small" aria-live="polite" data-testid="attendance-state">
        {saving > 0 ? t('common.saving') : ''}
      </p>
      <ErrorMessage error={error} />
    </div>
  );
}

/** /academy/cohorts/:id — a manager's view of one cohort. */
export function CohortManagePage() {
  const { t, formatDate } = useI18n();
  const { id } = useParams();
  const cohortId = Number(id);
  const cohort = useApiQuery(['cohorts', cohortId], () => academy.cohort(cohortId));
  const roster = useApiQuery(['cohorts', cohortId, 'registrations'], () => academy.roster(cohortId));
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'roster';
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const c = cohort.data;

  const select = (next: Tab, focus = false) => {
    setParams(next === 'roster' ? {} : { tab: next }, { replace: true });
    if (focus) tabRefs.current[next]?.focus();
  };
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    if (e.key === 'ArrowRight') select(TABS[(i + 1) % TABS.length], true);
    else if (e.key === 'ArrowLeft') select(TABS[(i - 1 + TABS.length) % TABS.length], true);
    else if (e.key === 'Home') select(TABS[0], true);
    else if (e.key === 'End') select(TABS[TABS.length - 1], true);
    else return;
    e.preventDefault();
  };

  if (cohort.loading && !c) return <Loading />;
  if (!c) return <ErrorMessage error={cohort.error} onRetry={cohort.reload} />;
  const refresh = () => {
    cohort.reload();
    roster.reload();
  };

  return (
    <section className="stack">
      <p className="crumbs">
        <Link to="/academy/manage">{t('nav.academyManage')}</Link>
      </p>
      <PageHeader title={<span data-testid="cohort-title">{c.name}</span>}>
        <button type="button" className="btn" onClick={refresh}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <div className="card two-col">
        <div>
          <p className="muted">
            {c.courseName} · {t('academy.hours', { n: c.totalHours })} · {t('cohort.minAttendance', { ratio: percent(c.minAttendance) })}
          </p>
          <SeatsBar cohort={c} />
          <p className="small">{t('academy.windowLine', { opens: formatDate(c.registrationOpensAt), closes: formatDate(c.registrationClosesAt) })}</p>
        </div>
        <Schedule cohort={c} />
      </div>
      <div role="tablist" aria-label={t('cohort.sections')} className="tabs" onKeyDown={onTabKey}>
        {TABS.map((k) => (
          <button
            key={k}
            ref={(el) => {
              tabRefs.current[k] = el;
            }}
            role="tab"
            type="button"
            id={`cohort-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`cohort-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            className={`tab${tab === k ? ' active' : ''}`}
            onClick={() => select(k)}
          >
            {t(TAB_KEYS[k])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`cohort-panel-${tab}`} aria-labelledby={`cohort-tab-${tab}`} className="stack">
        {tab === 'roster' ? (
          <>
            {roster.loading && !roster.data ? <Loading /> : null}
            <ErrorMessage error={roster.error} onRetry={roster.reload} />
            {roster.data ? <Roster rows={roster.data} /> : null}
          </>
        ) : null}
        {tab === 'attendance' ? (
          <>
            {roster.loading && !roster.data ? <Loading /> : null}
            <ErrorMessage error={roster.error} onRetry={roster.reload} />
            {roster.data ? <AttendanceGrid cohort={c} rows={roster.data} onChanged={roster.reload} /> : null}
          </>
        ) : null}
        {tab === 'funnel' ? <FunnelTab cohortId={cohortId} /> : null}
        {tab === 'exams' ? <ExamsTab cohortId={cohortId} /> : null}
        {tab === 'placement' ? <PlacementTab cohortId={cohortId} /> : null}
      </div>
    </section>
  );
}

function FunnelTab({ cohortId }: { cohortId: number }) {
  const { t } = useI18n();
  const funnel = useApiQuery(['cohorts', cohortId, 'funnel'], () => academy.funnel(cohortId));
  const f = funnel.data;
  return (
    <section className="card stack" aria-labelledby="funnel-heading">
      <div className="row space-between wrap">
        <h2 id="funnel-heading">{t('funnel.title')}</h2>
        <a className="btn" href={academy.funnelCsvUrl(cohortId)} download={`cohort-${cohortId}-funnel.csv`} data-testid="funnel-csv">
          {t('funnel.csv')}
        </a>
      </div>
      {funnel.loading && !f ? <Loading /> : null}
      <ErrorMessage error={funnel.error} onRetry={funnel.reload} />
      {f ? (
        <>
          <FunnelChart funnel={f} />
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('funnel.step')}</th>
                <th scope="col" className="num">
                  {t('funnel.count')}
                </th>
                <th scope="col" className="num">
                  {t('funnel.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.steps.map((s) => (
                <tr key={s.step} data-testid={`funnel-${s.step}`}>
                  <th scope="row">{STEP_KEYS[s.step] ? t(STEP_KEYS[s.step]) : s.step}</th>
                  <td className="num">{s.count}</td>
                  <td className="num">{percent(s.shareOfRegistered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('funnel.note', { capacity: f.capacity, waitlisted: f.waitlisted })}</p>
        </>
      ) : null}
    </section>
  );
}

function ExamsTab({ cohortId }: { cohortId: number }) {
  const { t } = useI18n();
  const exams = useApiQuery(['exams'], () => academy.exams());
  const projects = useApiQuery(['projects'], () => projectsApi.list());
  const mine = exams.data?.filter((e) => e.cohortId === cohortId) ?? [];
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="exams-heading">
        <h2 id="exams-heading">{t('cohort.tab.exams')}</h2>
        <ErrorMessage error={exams.error} onRetry={exams.reload} />
        {created ? (
          <p className="notice inline" role="status">
            {created}
          </p>
        ) : null}
        {exams.data && mine.length === 0 ? <p className="muted">{t('cohort.noExams')}</p> : null}
        <ul>
          {mine.map((e) => (
            <li key={e.id} data-testid={`exam-${e.id}`}>
              <strong>{e.name}</strong>{' '}
              <span className="muted small">
                {t('exam.itemsCount', { n: e.itemCount })} · {t('exam.timeLimit', { n: e.timeLimitMinutes })} · {t('exam.passScore', { n: e.passScore })} ·{' '}
                {t('examForm.maxAttempts')} {e.maxAttempts}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {projects.data ? (
        <ExamForm
          cohortId={cohortId}
          projects={projects.data.items}
          onCreated={(e) => {
            setCreated(t('examForm.created', { name: e.name, n: e.items.length }));
            exams.reload();
          }}
        />
      ) : (
        <ErrorMessage error={projects.error} />
      )}
    </div>
  );
}

function PlacementTab({ cohortId }: { cohortId: number }) {
  const data = useApiQuery(['cohorts', cohortId, 'placement'], () =>
      Promise.all([
        projectsApi.list(),
        academy.placement(cohortId).catch((e) => {
          if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
          throw e;
        }),
      ]),
  );
  if (data.loading && !data.data) return <Loading />;
  if (!data.data) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  const [projects, placement] = data.data;
  return <PlacementPanel cohortId={cohortId} projects={projects.items} initial={placement && placement.placements.length ? placement : null} />;
}
