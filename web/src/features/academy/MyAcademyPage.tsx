import { useState } from 'react';
import { Link } from 'react-router-dom';
import { academy, type Agreement, type Notification, type Placement } from '../../api/academy';
import { useI18n } from '../../app/i18n';
import { useServerText } from '../../app/serverText';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { useApiAction, useApiQuery } from '../../api/query';
import { Schedule } from './CohortListPage';
import { RegisterButton } from './RegisterButton';
import { percent } from './time';

function Notifications({ items, onRead }: { items: Notification[]; onRead: () => void }) {
  const { t, formatDate } = useI18n();
  const say = useServerText();
  const markRead = useApiAction(academy.markRead, { onSuccess: () => onRead() });
  const { error } = markRead;
  if (items.length === 0) return <p className="muted">{t('my.noNotifications')}</p>;
  return (
    <>
      <ul className="notifications" data-testid="notifications">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-testid="notification" data-kind={n.kind}>
            {!n.readAt ? <span className="badge">{t('my.new')}</span> : null} <strong>{n.kind === 'SEAT_OFFERED' || n.kind === 'PLACED' ? t(`notification.${n.kind}`) : <span lang="en">{n.kind}</span>}</strong>{' '}
            {say.notification(n)} <time className="muted small">{formatDate(n.createdAt)}</time>{' '}
            {!n.readAt ? (
              <button
                type="button"
                className="btn small"
                onClick={() => void markRead.run(n.id)}
                aria-label={t('my.markReadOf', { what: say.notification(n) })}
              >
                {t('my.markRead')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
    </>
  );
}

/** The versioned agreement, read in full, then accepted with its version (a stale version gets a 409). */
function AcceptAgreement({ placement, onAccepted }: { placement: Placement; onAccepted: () => void }) {
  const { t } = useI18n();
  const [agreement, setAgreement] = useState<Agreement | null>(null);
  const [read, setRead] = useState(false);
  const load = useApiAction(academy.agreement, { onSuccess: (a) => setAgreement(a) });
  const accept = useApiAction(academy.accept, { onSuccess: () => onAccepted() });
  const busy = accept.busy;
  const error = load.error ?? accept.error;

  if (!agreement) {
    return (
      <>
        <button type="button" className="btn primary" onClick={() => void load.run()} data-testid="read-agreement">
          {t('my.readAgreement')}
        </button>
        <ErrorMessage error={error} />
      </>
    );
  }
  return (
    <div className="agreement stack" role="region" aria-labelledby={`agreement-${placement.id}`} data-testid="agreement">
      <h3 id={`agreement-${placement.id}`}>
        {agreement.title} <span className="muted small">{t('my.agreementVersion', { n: agreement.version })}</span>
      </h3>
      <div className="agreement-body" tabIndex={0} role="document" aria-label={agreement.title} data-testid="agreement-body">
        {agreement.body.split(/\n+/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <label className="check">
        <input type="checkbox" checked={read} onChange={(e) => setRead(e.target.checked)} /> {t('my.agreementRead', { n: agreement.version })}
      </label>
      <ErrorMessage error={error} />
      <div>
        <button type="button" className="btn primary" disabled={!read || busy} onClick={() => void accept.run(placement.id, agreement.version)} data-testid="accept-agreement">
          {t('my.accept')}
        </button>
      </div>
    </div>
  );
}

function PlacementCard({ placement, onAccepted }: { placement: Placement; onAccepted: () => void }) {
  const { t, formatDate } = useI18n();
  const say = useServerText();
  return (
    <li className="card stack" data-testid="my-placement" data-role={placement.role}>
      <p>
        <strong>{t(`placement.role.${placement.role}`)}</strong>
        {placement.score != null ? ` · ${t('placement.scoreOf', { score: Math.round(placement.score * 10) / 10 })}` : ''}
      </p>
      <p className="small" data-testid="placement-why">
        {say.reasons(placement)}
      </p>
      {placement.role === 'NONE' ? null : placement.acceptedAt ? (
        <div className="stack">
          <p className="notice inline" role="status" data-testid="placement-accepted">
            {t('my.accepted', { time: formatDate(placement.acceptedAt) })}
          </p>
          <ul className="row wrap">
            {placement.projectIds.map((p) => (
              <li key={p}>
                <Link className="btn" to={`/projects/${p}`} data-testid="placement-project">
                  {t('my.openProject', { id: p })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <AcceptAgreement placement={placement} onAccepted={onAccepted} />
      )}
    </li>
  );
}

/** /academy/me — my registrations, schedule and attendance, exams and results, placement, notifications. */
export function MyAcademyPage() {
  const { t, formatDate } = useI18n();
  const data = useApiQuery(['me', 'academy'], () => Promise.all([academy.mine(), academy.notifications()]));
  const [mine, notifications] = data.data ?? [null, []];
  const attemptsOf = (examId: number) => mine?.attempts.filter((a) => a.examId === examId) ?? [];

  return (
    <section className="stack">
      <PageHeader title={t('nav.myAcademy')}>
        <Link className="btn" to="/academy">
          {t('my.findCohorts')}
        </Link>
        <button type="button" className="btn" onClick={data.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      {data.loading && !mine ? <Loading /> : null}
      <ErrorMessage error={data.error} onRetry={data.reload} />
      {mine ? (
        <>
          <section className="card" aria-labelledby="my-notifications">
            <h2 id="my-notifications">{t('my.notifications')}</h2>
            <Notifications items={notifications} onRead={data.reload} />
          </section>

          <section aria-labelledby="my-registrations" className="stack">
            <h2 id="my-registrations">{t('my.registrations')}</h2>
            {mine.registrations.length === 0 ? <p className="muted">{t('my.noRegistrations')}</p> : null}
            {mine.registrations.map((r) => (
              <article key={r.registrationId} className="card stack" data-testid={`my-registration-${r.cohort.id}`}>
                <h3>{r.cohort.name}</h3>
                <p className="muted small">
                  {r.cohort.courseName} · {t('my.registeredAt', { time: formatDate(r.registeredAt) })}
                </p>
                <RegisterButton cohort={{ ...r.cohort, me: { registrationId: r.registrationId, status: r.status, position: r.position } }} onChange={data.reload} />
                <Schedule cohort={r.cohort} attendance={r.status === 'REGISTERED' ? r.attendance.sessions : undefined} />
                {r.status === 'REGISTERED' ? (
                  <p className="small" data-testid="my-attendance">
                    {t('my.attendanceLine', {
                      hours: r.attendance.attendedHours,
                      total: r.attendance.totalHours,
                      ratio: percent(r.attendance.ratio),
                      required: percent(r.attendance.required),
                    })}{' '}
                    <span className={`tag ${r.attendance.completed ? 'state-APPROVED' : ''}`}>
                      {r.attendance.completed ? t('my.completed') : t('my.notCompleted')}
                    </span>
                  </p>
                ) : null}
              </article>
            ))}
          </section>

          <section aria-labelledby="my-exams" className="card">
            <h2 id="my-exams">{t('my.exams')}</h2>
            {mine.exams.length === 0 ? <p className="muted">{t('my.noExams')}</p> : null}
            <ul className="stack">
              {mine.exams.map((e) => (
                <li key={e.id} data-testid={`my-exam-${e.id}`}>
                  <strong>{e.name}</strong>{' '}
                  <span className="muted small">
                    {t('exam.itemsCount', { n: e.itemCount })} · {t('exam.timeLimit', { n: e.timeLimitMinutes })} · {t('exam.passScore', { n: e.passScore })} ·{' '}
                    {t('exam.attemptsUsed', { used: e.attemptsUsed, max: e.maxAttempts })}
                  </span>{' '}
                  {e.bestScore != null ? (
                    <span className={`tag ${e.passed ? 'state-APPROVED' : 'state-REJECTED'}`}>
                      {t('exam.best', { score: Math.round(e.bestScore * 10) / 10 })} · {e.passed ? t('exam.passed') : t('exam.failed')}
                    </span>
                  ) : null}{' '}
                  {e.attemptsUsed < e.maxAttempts || attemptsOf(e.id).some((a) => !a.submittedAt) ? (
                    <Link className="btn small primary" to={`/academy/exams/${e.id}`} data-testid={`take-exam-${e.id}`}>
                      {attemptsOf(e.id).some((a) => !a.submittedAt) ? t('my.resumeExam') : t('my.takeExam')}
                    </Link>
                  ) : null}
                  {attemptsOf(e.id).length ? (
                    <ul className="small">
                      {attemptsOf(e.id).map((a) => (
                        <li key={a.attemptId}>
                          <Link to={`/academy/attempts/${a.attemptId}`} data-testid={`attempt-${a.attemptId}`}>
                            {t('my.attemptN', { n: a.number })}
                          </Link>{' '}
                          ·{' '}
                          {a.submittedAt
                            ? `${t('exam.scoreShort', { score: Math.round((a.score ?? 0) * 10) / 10 })} · ${a.passed ? t('exam.passed') : t('exam.failed')}`
                            : t('my.running', { time: formatDate(a.deadline) })}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="my-placements" className="stack">
            <h2 id="my-placements">{t('my.placements')}</h2>
            {mine.placements.length === 0 ? <p className="muted">{t('my.noPlacements')}</p> : null}
            <ul className="stack my-placements">
              {mine.placements.map((p) => (
                <PlacementCard key={p.id} placement={p} onAccepted={data.reload} />
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </section>
  );
}
