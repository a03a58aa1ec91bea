import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { academy, type Course } from '../../api/academy';
import { ApiError } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { ErrorMessage, Loading, PageHeader, TableHead } from '../../app/ui';
import { useApiAction, useApiQuery } from '../../api/query';
import { fromLocalInput, toLocalInput } from './time';
import { useSaidFieldErrors } from '../../app/serverText';

function FieldError({ errors, name }: { errors: Record<string, string[]>; name: string }) {
  const list = errors[name];
  if (!list?.length) return null;
  return <span className="inline-error">{list.join(' ')}</span>;
}

function CourseForm({ onCreated }: { onCreated: (c: Course) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [hours, setHours] = useState('6');
  const [done, setDone] = useState<string | null>(null);
  const create = useApiAction(academy.createCourse, {
    onSuccess: (c) => {
      setDone(t('manage.courseCreated', { name: c.name }));
      setName('');
      setDescription('');
      onCreated(c);
    },
  });
  const { busy, error } = create;
  const sayErrors = useSaidFieldErrors();
  const errors = error instanceof ApiError ? sayErrors(error.errors) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    void create.run({ name: name.trim(), description: description.trim() || undefined, hours: Number(hours) });
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="course-form-title" data-testid="course-form">
      <h2 id="course-form-title">{t('manage.newCourse')}</h2>
      <label className="form-row">
        <span>{t('manage.courseName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={!!errors.name} />
        <FieldError errors={errors} name="name" />
      </label>
      <label className="form-row">
        <span>{t('projects.description')}</span>
        <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="form-row">
        <span>{t('manage.courseHours')}</span>
        <input type="number" min={0.5} step={0.5} value={hours} onChange={(e) => setHours(e.target.value)} required aria-invalid={!!errors.hours} />
        <FieldError errors={errors} name="hours" />
      </label>
      <ErrorMessage error={error} />
      {done ? (
        <p className="notice inline" role="status">
          {done}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn primary" disabled={busy}>
          {t('manage.createCourse')}
        </button>
      </div>
    </form>
  );
}

interface SessionRow {
  key: number;
  startsAt: string;
  endsAt: string;
  place: string;
}

function defaultSession(key: number, daysAhead: number): SessionRow {
  const start = new Date();
  start.setDate(start.getDate() + daysAhead);
  start.setHours(10, 0, 0, 0);
  const end = new Date(start);
  end.setHours(13);
  return { key, startsAt: toLocalInput(start), endsAt: toLocalInput(end), place: '' };
}

/** A new cohort: course, name, capacity, registration window, attendance rule and the sessions as rows. */
function CohortForm({ courses, onCreated }: { courses: Course[]; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const now = new Date();
  now.setSeconds(0, 0);
  const week = new Date(now.getTime() + 7 * 86400_000);
  const [courseId, setCourseId] = useState<string>('');
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState('30');
  const [opens, setOpens] = useState(toLocalInput(now));
  const [closes, setCloses] = useState(toLocalInput(week));
  const [minAttendance, setMinAttendance] = useState('80');
  const [sessions, setSessions] = useState<SessionRow[]>([defaultSession(1, 8)]);
  const [nextKey, setNextKey] = useState(2);
  const create = useApiAction(academy.createCohort, { onSuccess: (c) => onCreated(c.id) });
  const { busy, error } = create;
  const sayErrors = useSaidFieldErrors();
  const errors = error instanceof ApiError ? sayErrors(error.errors) : {};
  const chosenCourse = courseId || (courses.length ? String(courses[courses.length - 1].id) : '');

  const setSession = (key: number, patch: Partial<SessionRow>) => setSessions((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addSession = () => {
    const last = sessions[sessions.length - 1];
    const row = defaultSession(nextKey, 8 + sessions.length);
    if (last) {
      const start = new Date(last.startsAt);
      const end = new Date(last.endsAt);
      if (!Number.isNaN(start.getTime()) && !Number.isNaN(end.getTime())) {
        start.setDate(start.getDate() + 1);
        end.setDate(end.getDate() + 1);
        row.startsAt = toLocalInput(start);
        row.endsAt = toLocalInput(end);
        row.place = last.place;
      }
    }
    setSessions([...sessions, row]);
    setNextKey(nextKey + 1);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    void create.run({
      courseId: Number(chosenCourse),
      name: name.trim(),
      capacity: Number(capacity),
      registrationOpensAt: fromLocalInput(opens) ?? '',
      registrationClosesAt: fromLocalInput(closes) ?? '',
      minAttendance: Number(minAttendance) / 100,
      sessions: sessions.map((s) => ({ startsAt: fromLocalInput(s.startsAt) ?? '', endsAt: fromLocalInput(s.endsAt) ?? '', place: s.place.trim() })),
    });
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="cohort-form-title" data-testid="cohort-form">
      <h2 id="cohort-form-title">{t('manage.newCohort')}</h2>
      {courses.length === 0 ? <p className="muted">{t('manage.needCourse')}</p> : null}
      <div className="settings-grid">
        <div className="form-row">
          <label htmlFor="cohort-course">{t('manage.course')}</label>
          <select id="cohort-course" value={chosenCourse} onChange={(e) => setCourseId(e.target.value)} required aria-invalid={!!errors.courseId}>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="courseId" />
        </div>
        <label className="form-row">
          <span>{t('manage.cohortName')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={!!errors.name} />
          <FieldError errors={errors} name="name" />
        </label>
        <label className="form-row">
          <span>{t('manage.capacity')}</span>
          <input type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} required aria-invalid={!!errors.capacity} />
          <FieldError errors={errors} name="capacity" />
        </label>
        <label className="form-row">
          <span>{t('manage.minAttendance')}</span>
          <input type="number" min={1} max={100} value={minAttendance} onChange={(e) => setMinAttendance(e.target.value)} aria-invalid={!!errors.minAttendance} />
          <FieldError errors={errors} name="minAttendance" />
        </label>
        <label className="form-row">
          <span>{t('manage.opensAt')}</span>
          <input type="datetime-local" value={opens} onChange={(e) => setOpens(e.target.value)} required aria-invalid={!!errors.registrationOpensAt} />
          <FieldError errors={errors} name="registrationOpensAt" />
        </label>
        <label className="form-row">
          <span>{t('manage.closesAt')}</span>
          <input type="datetime-local" value={closes} onChange={(e) => setCloses(e.target.value)} required aria-invalid={!!errors.registrationClosesAt} />
          <FieldError errors={errors} name="registrationClosesAt" />
        </label>
      </div>
      <fieldset>
        <legend>{t('academy.schedule')}</legend>
        <table className="table sessions-table">
          <TableHead columns={['#', t('manage.sessionStart'), t('manage.sessionEnd'), t('manage.sessionPlace')]} actions />
          <tbody>
            {sessions.map((s, i) => {
              const at = `sessions[${i}]`;
              const rowErrors = [...(errors[at] ?? []), ...(errors[`${at}.startsAt`] ?? []), ...(errors[`${at}.endsAt`] ?? []), ...(errors[`${at}.place`] ?? [])];
              return (
                <tr key={s.key} data-testid="session-row">
                  <td>{i + 1}</td>
                  <td>
                    <input
                      type="datetime-local"
                      value={s.startsAt}
                      onChange={(e) => setSession(s.key, { startsAt: e.target.value })}
                      aria-label={t('manage.sessionStartN', { n: i + 1 })}
                      aria-invalid={!!errors[`${at}.startsAt`]}
                    />
                  </td>
                  <td>
                    <input
                      type="datetime-local"
                      value={s.endsAt}
                      onChange={(e) => setSession(s.key, { endsAt: e.target.value })}
                      aria-label={t('manage.sessionEndN', { n: i + 1 })}
                      aria-invalid={!!errors[`${at}.endsAt`]}
                    />
                  </td>
                  <td>
                    <input
                      value={s.place}
                      onChange={(e) => setSession(s.key, { place: e.target.value })}
                      aria-label={t('manage.sessionPlaceN', { n: i + 1 })}
                      aria-invalid={!!errors[`${at}.place`]}
                    />
                    {rowErrors.length ? <span className="inline-error">{rowErrors.join(' ')}</span> : null}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn small"
                      onClick={() => setSessions(sessions.filter((r) => r.key !== s.key))}
                      disabled={sessions.length === 1}
                      aria-label={t('manage.removeSessionN', { n: i + 1 })}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FieldError errors={errors} name="sessions" />
        <button type="button" className="btn small" onClick={addSession}>
          {t('manage.addSession')}
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      <div>
        <button type="submit" className="btn primary" disabled={busy || courses.length === 0}>
          {t('manage.createCohort')}
        </button>
      </div>
    </form>
  );
}

/** /academy/manage — courses and cohorts for managers and administrators. */
export function AcademyManagePage() {
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const courses = useApiQuery(['courses'], () => academy.courses());
  const cohorts = useApiQuery(['cohorts', 'all'], () => academy.cohorts(true));
  return (
    <section className="stack">
      <PageHeader title={t('nav.academyManage')}>
        <Link className="btn" to="/academy">
          {t('academy.title')}
        </Link>
      </PageHeader>
      <section className="card" aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">{t('manage.cohorts')}</h2>
        {cohorts.loading && !cohorts.data ? <Loading /> : null}
        <ErrorMessage error={cohorts.error} onRetry={cohorts.reload} />
        {cohorts.data?.length === 0 ? <p className="muted">{t('academy.noCohorts')}</p> : null}
        {cohorts.data?.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('manage.cohortName')}</th>
                <th scope="col">{t('manage.course')}</th>
                <th scope="col" className="num">
                  {t('manage.seats')}
                </th>
                <th scope="col" className="num">
                  {t('manage.waitlist')}
                </th>
                <th scope="col">{t('manage.window')}</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/academy/cohorts/${c.id}`} data-testid={`manage-cohort-${c.id}`}>
                      {c.name}
                    </Link>
                  </td>
                  <td>{c.courseName}</td>
                  <td className="num">
                    {c.registered}/{c.capacity}
                  </td>
                  <td className="num">{c.waitlisted}</td>
                  <td>
                    {t(`academy.window.${c.registrationState}`)} · {formatDate(c.registrationOpensAt)} – {formatDate(c.registrationClosesAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <div className="two-col">
        <CourseForm onCreated={courses.reload} />
        <section className="card" aria-labelledby="courses-title">
          <h2 id="courses-title">{t('manage.courses')}</h2>
          {courses.data?.length === 0 ? <p className="muted">{t('manage.noCourses')}</p> : null}
          <ul>
            {courses.data?.map((c) => (
              <li key={c.id} data-testid="course">
                <strong>{c.name}</strong> <span className="muted small">{t('academy.hours', { n: c.hours })}</span>
                {c.description ? <p className="small muted">{c.description}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
      {courses.data ? <CohortForm courses={courses.data} onCreated={(id) => navigate(`/academy/cohorts/${id}`)} /> : null}
    </section>
  );
}
