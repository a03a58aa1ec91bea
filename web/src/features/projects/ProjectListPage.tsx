import { Link } from 'react-router-dom';
import { mine, projects } from '../../api/endpoints';
import { sayCode } from '../../app/serverText';
import { useAuth } from '../../app/auth';
import { useI18n, useT } from '../../app/i18n';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { useApiQuery } from '../../api/query';
import { roleLabel } from './roles';
import { StateBar } from './charts';

export function ProjectListPage() {
  const t = useT();
  const { hasRole } = useAuth();
  const { data, error, loading, reload } = useApiQuery(['projects'], () => projects.list());
  const canCreate = hasRole('ADMIN', 'MANAGER');
  const { lang } = useI18n();
  // Returned lots holding this person's work to rework (issue 11): an aside, so a failure to load it shows nothing.
  const returned = useApiQuery(['me', 'returned-lots'], () => mine.returnedLots());

  return (
    <section>
      <PageHeader title={t('projects.title')}>
        {canCreate ? (
          <Link to="/projects/new" className="btn primary" data-testid="new-project">
            {t('projects.new')}
          </Link>
        ) : null}
      </PageHeader>
      {loading && !data ? <Loading /> : null}
      <ErrorMessage error={error} onRetry={reload} />
      {data && data.items.length === 0 ? <p className="empty">{t('projects.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <ul className="project-list" data-testid="project-list">
          {data.items.map((p) => (
            <li key={p.id} className="card project-card">
              <div className="project-card-head">
                <Link to={`/projects/${p.id}`} className="project-name" data-testid={`project-link-${p.id}`}>
                  {p.name}
                </Link>
                <span className="badge">{p.myRole ? roleLabel(t, p.myRole) : t('projects.noRole')}</span>
              </div>
              {p.description ? <p className="muted">{p.description}</p> : null}
              {p.counts?.myRework ? (
                <p className="rework-waiting" role="status" data-testid={`rework-waiting-${p.id}`}>
                  {t('projects.reworkWaiting', { n: p.counts.myRework })}{' '}
                  <Link to={`/projects/${p.id}/label`} className="btn small primary">
                    {t('projects.reworkStart')}
                  </Link>
                </p>
              ) : null}
              {(returned.data ?? [])
                .filter((n) => n.projectId === p.id)
                .map((n) => (
                  <p key={n.lotId} className="rework-waiting" role="status" data-testid={`lot-returned-${n.lotId}`}>
                    {sayCode(lang, n.code, n.params, '')}
                  </p>
                ))}
              <StateBar counts={p.counts} showLegend={false} />
              <p className="small muted">
                {t('projects.progressLine', { approved: p.counts?.APPROVED ?? 0, total: p.counts?.total ?? 0 })}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
