import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { projects } from '../../api/endpoints';
import type { Project } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { splitFieldErrors, useApiAction, useApiQuery } from '../../api/query';
import { ExportPanel } from '../imports/ExportPanel';
import { ImportPanel } from '../imports/ImportPanel';
import { RateCardPanel } from '../pay/RateCardPanel';
import { MyQualityCard } from '../quality/MyQualityCard';
import { StateBar, ThroughputChart } from './charts';
import { MembersPanel } from './MembersPanel';
import { QualityPanel } from './QualityPanel';
import { roleLabel } from './roles';
import { reviewPayload, SettingsFields, type SettingsValue } from './SettingsFields';
import { TaskList } from './TaskList';
import { useSaidFieldErrors } from '../../app/serverText';

type Tab = 'overview' | 'tasks' | 'members' | 'data' | 'quality' | 'settings' | 'pay';
const TAB_KEYS: Record<Tab, MessageKey> = {
  overview: 'project.tab.overview',
  tasks: 'project.tab.tasks',
  members: 'project.tab.members',
  data: 'project.tab.data',
  quality: 'quality.tab',
  settings: 'project.tab.settings',
  pay: 'pay.tab',
};

export function ProjectPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const projectId = Number(id);
  const { hasRole, me } = useAuth();
  const project = useApiQuery(['projects', projectId], () => projects.get(projectId));
  const [params, setParams] = useSearchParams();
  const p = project.data;
  const manages = !!p && (p.myRole === 'MANAGER' || hasRole('ADMIN'));
  // The task list answers reviewers and managers only (a labeler's tab said "no permission" on every visit).
  const tabs: Tab[] = manages
    ? ['overview', 'tasks', 'members', 'data', 'quality', 'settings', 'pay']
    : p?.myRole === 'REVIEWER'
      ? ['overview', 'tasks']
      : ['overview'];
  const requested = (params.get('tab') as Tab) ?? 'overview';
  const tab: Tab = tabs.includes(requested) ? requested : 'overview';
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const select = (next: Tab, focus = false) => {
    setParams(next === 'overview' ? {} : { tab: next }, { replace: true });
    if (focus) tabRefs.current[next]?.focus();
  };
  const onTabKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(tab);
    if (e.key === 'ArrowRight') select(tabs[(i + 1) % tabs.length], true);
    else if (e.key === 'ArrowLeft') select(tabs[(i - 1 + tabs.length) % tabs.length], true);
    else if (e.key === 'Home') select(tabs[0], true);
    else if (e.key === 'End') select(tabs[tabs.length - 1], true);
    else return;
    e.preventDefault();
  };

  if (project.loading && !p) return <Loading />;
  if (!p) return <ErrorMessage error={project.error} onRetry={project.reload} />;

  const canLabel = p.myRole === 'LABELER';
  const canReview = p.myRole === 'REVIEWER' || p.myRole === 'MANAGER';

  return (
    <section>
      <p className="crumbs">
        <Link to="/projects">{t('projects.title')}</Link>
      </p>
      <PageHeader title={<span data-testid="project-title">{p.name}</span>}>
        {p.myRole ? <span className="badge">{roleLabel(t, p.myRole)}</span> : null}
        {canLabel ? (
          <Link className="btn primary" to={`/projects/${p.id}/label`} data-testid="start-labeling">
            {t('project.startLabeling')}
          </Link>
        ) : null}
        {canReview ? (
          <Link className="btn primary" to={`/projects/${p.id}/review`} data-testid="start-reviewing">
            {t('project.startReviewing')}
          </Link>
        ) : null}
      </PageHeader>
      {p.description ? <p className="muted">{p.description}</p> : null}
      <ErrorMessage error={project.error} />

      <div role="tablist" aria-label={t('project.sections')} className="tabs" onKeyDown={onTabKey}>
        {tabs.map((k) => (
          <button
            key={k}
            ref={(el) => {
              tabRefs.current[k] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            className={`tab${tab === k ? ' active' : ''}`}
            onClick={() => select(k)}
            data-testid={`tab-${k}`}
          >
            {t(TAB_KEYS[k])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'overview' ? <Overview project={p} onRefresh={project.reload} /> : null}
        {tab === 'tasks' ? <TaskList projectId={p.id} manage={manages} openAs={p.myRole === 'MANAGER' ? me?.id : undefined} /> : null}
        {tab === 'members' ? <MembersPanel projectId={p.id} /> : null}
        {tab === 'data' ? (
          <div className="stack">
            <ImportPanel projectId={p.id} onFinished={project.reload} />
            <ExportPanel projectId={p.id} />
          </div>
        ) : null}
        {tab === 'quality' ? <QualityPanel projectId={p.id} /> : null}
        {tab === 'pay' ? <RateCardPanel projectId={p.id} schema={p.schema} /> : null}
        {tab === 'settings' ? <SettingsPanel project={p} onSaved={project.setData} /> : null}
      </div>
    </section>
  );
}

function Overview({ project, onRefresh }: { project: Project; onRefresh: () => void }) {
  const { t } = useI18n();
  const stats = useApiQuery(['projects', project.id, 'stats'], () => projects.stats(project.id));
  const counts = stats.data?.counts ?? project.counts;
  const forbidden = stats.error instanceof ApiError && stats.error.status === 403;
  return (
    <div className="stack">
      {project.myRole === 'LABELER' ? <MyQualityCard projectId={project.id} /> : null}
      {project.myRole === 'MANAGER' && counts.total === 0 ? (
        // A new project says what comes next instead of an empty progress bar (issue 13).
        <section className="card" aria-labelledby="next-steps-title" data-testid="next-steps">
          <h2 id="next-steps-title">{t('project.nextSteps')}</h2>
          <ol>
            <li>
              <Link to={`/projects/${project.id}?tab=members`}>{t('project.step.members')}</Link>
            </li>
            <li>
              <Link to={`/projects/${project.id}?tab=data`}>{t('project.step.import')}</Link>
            </li>
            <li>
              <Link to={`/projects/${project.id}?tab=settings`}>{t('project.step.settings')}</Link>
            </li>
          </ol>
        </section>
      ) : null}
      <section className="card" aria-labelledby="progress-title">
        <div className="row space-between">
          <h2 id="progress-title">{t('progress.title')}</h2>
          <button
            type="button"
            className="btn small"
            onClick={() => {
              onRefresh();
              stats.reload();
            }}
          >
            {t('common.refresh')}
          </button>
        </div>
        <StateBar counts={counts} testId="project-progress" />
      </section>
      <section className="card" aria-labelledby="throughput-title">
        <h2 id="throughput-title">{t('progress.throughput')}</h2>
        {stats.loading && !stats.data ? <Loading /> : null}
        {forbidden ? <p className="muted">{t('progress.noAccess')}</p> : <ErrorMessage error={stats.error} onRetry={stats.reload} />}
        {stats.data ? <ThroughputChart throughput={stats.data.throughput ?? []} /> : null}
      </section>
      {stats.data?.workers?.length ? (
        <section className="card" aria-labelledby="workers-title">
          <h2 id="workers-title">{t('progress.workers')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('accounts.username')}</th>
                <th scope="col" className="num">{t('progress.submitted')}</th>
                <th scope="col" className="num">{t('progress.approved')}</th>
                <th scope="col" className="num">{t('progress.rejected')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.data.workers.map((w) => (
                <tr key={w.accountId}>
                  <td>{w.username}</td>
                  <td className="num">{w.submitted}</td>
                  <td className="num">{w.approved}</td>
                  <td className="num">{w.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

function SettingsPanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const { t } = useI18n();
  const sayErrors = useSaidFieldErrors();
  const [value, setValue] = useState<SettingsValue>(() => ({
    overlap: project.overlap ?? 1,
    leaseMinutes: project.leaseMinutes ?? 30,
    review: project.review ?? { mode: 'FULL' },
    goldRate: project.goldRate ?? 0,
    autoPause:
      project.autoPause?.minGoldAnswers != null && project.autoPause.minAccuracy != null
        ? { minGoldAnswers: project.autoPause.minGoldAnswers, minAccuracy: project.autoPause.minAccuracy }
        : null,
    consensus: project.consensus ?? null,
  }));
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [value]);
  const update = useApiAction(projects.update, {
    onSuccess: (p) => {
      onSaved(p);
      setSaved(true);
    },
  });
  const { busy } = update;
  const { fieldErrors: errors, error } = splitFieldErrors(update.error, (e) => sayErrors(e.errors));

  function save() {
    void update.run(project.id, { overlap: value.overlap, leaseMinutes: value.leaseMinutes, review: reviewPayload(value.review), goldRate: value.goldRate,
      autoPause: value.autoPause ?? { minGoldAnswers: null, minAccuracy: null }, consensus: value.consensus ?? 'NONE' });
  }

  return (
    <div className="stack">
      <section className="card" aria-labelledby="settings-title">
        <h2 id="settings-title">{t('project.tab.settings')}</h2>
        <SettingsFields value={value} onChange={setValue} errors={errors} />
        <ErrorMessage error={error} />
        <div className="row">
          <button type="button" className="btn primary" onClick={save} disabled={busy} data-testid="settings-save">
            {busy ? t('common.saving') : t('common.save')}
          </button>
          {saved ? (
            <span role="status" className="notice inline">
              {t('common.saved')}
            </span>
          ) : null}
        </div>
      </section>
      <section className="card">
        <h2>{t('schema.title')}</h2>
        <p className="small muted">
          {t('schema.version', { n: project.schemaVersion ?? 1 })} · {t('schema.fieldCount', { n: project.schema?.fields?.length ?? 0 })}
        </p>
        <Link className="btn" to={`/projects/${project.id}/schema`} data-testid="edit-schema">
          {t('schema.edit')}
        </Link>
      </section>
    </div>
  );
}
