import { Link } from 'react-router-dom';
import { academy, type Cohort } from '../../api/academy';
import { useAuth } from '../../app/auth';
import { formatClock, formatDay } from '../../app/datetime';
import { useI18n } from '../../app/i18n';
import { ErrorMessage, Loading, PageHeader, ProgressBar } from '../../app/ui';
import { useApiQuery } from '../../api/query';
import { RegisterButton } from './RegisterButton';

/** Sessions as a list: date, time from–to, place. */
export function Schedule({ cohort, attendance }: { cohort: Cohort; attendance?: Record<string, boolean> }) {
  const { t, lang } = useI18n();
  return (
    <ol className="schedule" aria-label={t('academy.schedule')}>
      {cohort.sessions.map((s, i) => {
        const start = new Date(s.startsAt);
        const end = new Date(s.endsAt);
        const mark = attendance ? attendance[String(s.id)] : undefined;
        return (
          <li key={s.id} data-testid="session">
            <span className="nowrap">
              {t('academy.sessionN', { n: i + 1 })} · {formatDay(lang, start)}{' '}
              {formatClock(lang, start)}–{formatClock(lang, end)}
            </span>{' '}
            · <span>{s.place}</span> <span className="muted">({t('academy.hours', { n: s.hours })})</span>
            {attendance ? (
              <span className={`tag ${mark ? 'state-APPROVED' : mark === false ? 'state-REJECTED' : ''}`} data-testid="session-attendance">
                {mark ? t('academy.present') : mark === false ? t('academy.absent') : t('academy.notRecorded')}
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export function SeatsBar({ cohort }: { cohort: Cohort }) {
  const { t } = useI18n();
  return (
    <div className="seats">
      <ProgressBar value={cohort.registered} max={cohort.capacity} label={t('academy.seatsTaken', { name: cohort.name })} />
      <p className="small" data-testid="seats-line">
        {cohort.seatsLeft > 0
          ? t('academy.seatsLeft', { left: cohort.seatsLeft, capacity: cohort.capacity })
          : t('academy.full', { capacity: cohort.capacity })}
        {cohort.waitlisted > 0 ? ` · ${t('academy.waitlistedCount', { n: cohort.waitlisted })}` : ''}
      </p>
    </div>
  );
}

function CohortCard({ cohort, onChange }: { cohort: Cohort; onChange: () => void }) {
  const { t, formatDate } = useI18n();
  return (
    <article className="card cohort-card" data-testid={`cohort-${cohort.id}`} aria-labelledby={`cohort-title-${cohort.id}`}>
      <div className="row space-between wrap">
        <h2 id={`cohort-title-${cohort.id}`}>{cohort.name}</h2>
        <span className="badge">{t(`academy.window.${cohort.registrationState}`)}</span>
      </div>
      <p className="muted">
        {cohort.courseName} · {t('academy.hours', { n: cohort.totalHours })}
      </p>
      <SeatsBar cohort={cohort} />
      <p className="small">
        {t('academy.windowLine', { opens: formatDate(cohort.registrationOpensAt), closes: formatDate(cohort.registrationClosesAt) })}
      </p>
      <h3 className="small-heading">{t('academy.schedule')}</h3>
      <Schedule cohort={cohort} />
      <RegisterButton cohort={cohort} onChange={onChange} />
    </article>
  );
}

/** Public: open and upcoming cohorts, no account needed. */
export function CohortListPage() {
  const { t } = useI18n();
  const { me, hasRole } = useAuth();
  const list = useApiQuery(['cohorts', 'for', me?.id ?? null], () => academy.cohorts());
  return (
    <section>
      <PageHeader title={t('academy.title')}>
        {me ? (
          <Link className="btn" to="/academy/me">
            {t('nav.myAcademy')}
          </Link>
        ) : (
          <Link className="btn primary" to="/signup">
            {t('academy.signupLink')}
          </Link>
        )}
        {hasRole('ADMIN', 'MANAGER') ? (
          <Link className="btn" to="/academy/manage">
            {t('nav.academyManage')}
          </Link>
        ) : null}
      </PageHeader>
      <p className="muted">{t('academy.intro')}</p>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.data && list.data.length === 0 ? <p className="empty">{t('academy.noCohorts')}</p> : null}
      <div className="cohort-list">
        {list.data?.map((c) => (
          <CohortCard key={c.id} cohort={c} onChange={list.reload} />
        ))}
      </div>
    </section>
  );
}
