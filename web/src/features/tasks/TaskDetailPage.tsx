import { Link, useParams } from 'react-router-dom';
import { projects, tasks } from '../../api/endpoints';
import { actorName, type AnnotationResult, type LabelSchema, type TaskData, type TaskEvent } from '../../api/types';
import { AnswerView } from '../../annotator/viewers/AnswerView';
import { MetadataList, TextViewer } from '../../annotator/viewers/TextViewer';
import { useI18n } from '../../app/i18n';
import { useServerText } from '../../app/serverText';
import type { MessageKey } from '../../app/messages';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { useApiQuery } from '../../api/query';
import { reasonLabel } from '../labeling/reasons';
import { STATE_KEYS } from '../projects/charts';
import { GoldPanel } from './GoldPanel';
import { CommentsPanel } from './CommentsPanel';

const EVENT_KEYS: Record<string, MessageKey> = {
  CREATE: 'event.CREATE',
  IMPORT: 'event.IMPORT',
  ASSIGN: 'event.ASSIGN',
  DRAFT: 'event.DRAFT',
  SUBMIT: 'event.SUBMIT',
  SKIP: 'event.SKIP',
  APPROVE: 'event.APPROVE',
  REJECT: 'event.REJECT',
  CORRECT: 'event.CORRECT',
  EXPIRE: 'event.EXPIRE',
  REVIEW_ASSIGN: 'event.REVIEW_ASSIGN',
  REVIEW_START: 'event.REVIEW_ASSIGN',
  PAUSE: 'event.PAUSE',
  GOLD: 'event.GOLD',
  SCORE: 'event.SCORE',
  COMMENT: 'event.COMMENT',
};

/** An event's detail for people: a reviewer's or skip reason first (it matters most), then the other keys. */
export function detailText(detail: unknown): string {
  if (detail == null || detail === '') return '';
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'object' && !Array.isArray(detail)) {
    const { reason, ...rest } = detail as Record<string, unknown>;
    const parts = Object.entries(rest)
      .filter(([, v]) => v != null && v !== '')
      .map(([k, v]) => `${k}: ${typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}`);
    return [typeof reason === 'string' ? reason : reason != null ? `reason: ${JSON.stringify(reason)}` : '', parts.join(' · ')]
      .filter(Boolean)
      .join(' — ');
  }
  return String(detail);
}

/**
 * One stored annotation drawn read-only by the annotator's tools over the task's data (spans highlighted in the text,
 * not offsets), with its raw JSON folded away for whoever needs the exact stored form.
 */
function AnnotationView({ schema, data, result }: { schema: LabelSchema | undefined; data: TaskData; result: AnnotationResult }) {
  return (
    <div className="annotation-view">
      <AnswerView schema={schema} data={data} result={result} />
      <details className="small">
        <summary>JSON</summary>
        <pre className="code small">{JSON.stringify(result)}</pre>
      </details>
    </div>
  );
}

export function TaskDetailPage() {
  const { t, formatDate } = useI18n();
  const say = useServerText();
  const { id } = useParams();
  const taskId = Number(id);
  const task = useApiQuery(['tasks', taskId], () => tasks.get(taskId));
  const history = useApiQuery(['tasks', taskId, 'history'], () => tasks.history(taskId));
  const projectId = task.data?.projectId;
  const project = useApiQuery(['projects', projectId], () => projects.get(projectId!), { enabled: projectId != null });
  const d = task.data;
  // Administrators are managers of every project (the server reports myRole MANAGER for them).
  const manages = project.data?.myRole === 'MANAGER';
  // Only a task no one has worked on can become gold; a gold item stays editable (its reference can be replaced).
  const goldEditable = !!d && (d.state === 'GOLD' || !d.assignments?.length);
  // An ASSIGN's reason says why the queue chose this task ("rework", "order"): show it in words.
  const eventDetail = (ev: TaskEvent) => {
    const det = ev.detail as Record<string, unknown> | null;
    if (ev.type === 'ASSIGN' && det && typeof det === 'object' && typeof det.reason === 'string') {
      return detailText({ ...det, reason: reasonLabel(t, det.reason) });
    }
    // A comment's history entry is its words.
    if (ev.type === 'COMMENT' && det && typeof det === 'object' && typeof det.text === 'string') return det.text;
    return detailText(ev.detail);
  };

  return (
    <section data-testid="task-detail">
      {projectId ? (
        <p className="crumbs">
          <Link to={`/projects/${projectId}?tab=tasks`}>{project.data?.name ?? `#${projectId}`}</Link>
        </p>
      ) : null}
      <PageHeader title={t('task.title', { id: taskId })}>
        {d ? (
          <span className={`tag state-${d.state}`} data-testid="task-state">
            {STATE_KEYS[d.state] ? t(STATE_KEYS[d.state]) : <span lang="en">{d.state}</span>}
          </span>
        ) : null}
      </PageHeader>
      {task.loading && !d ? <Loading /> : null}
      <ErrorMessage error={task.error} onRetry={task.reload} />
      {d ? (
        <div className="two-col">
          <div className="stack">
            <section className="card" aria-labelledby="task-data-title">
              <h2 id="task-data-title">{t('task.data')}</h2>
              <TextViewer data={d.data ?? {}} />
              <MetadataList data={d.data ?? {}} />
            </section>
            <section className="card" aria-labelledby="task-ann-title">
              <h2 id="task-ann-title">{t('task.annotations')}</h2>
              {d.annotations?.length ? (
                <ol className="annotation-list">
                  {d.annotations.map((a) => (
                    <li key={a.id} data-testid={`annotation-${a.id}`}>
                      <p className="small">
                        <strong>{a.kind === 'CORRECTION' ? t('task.correction') : t('task.submission')}</strong> v{a.version} · {actorName(a.author)} ·{' '}
                        {formatDate(a.createdAt)}
                      </p>
                      <AnnotationView schema={project.data?.schema} data={d.data ?? {}} result={a.result ?? {}} />
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="muted">{t('task.noAnnotations')}</p>
              )}
            </section>
            {d.assignments?.length ? (
              <section className="card" aria-labelledby="task-asg-title">
                <h2 id="task-asg-title">{t('task.assignments')}</h2>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('review.labeler')}</th>
                      <th scope="col">{t('tasks.state')}</th>
                      <th scope="col">{t('task.lease')}</th>
                      {d.state === 'GOLD' && manages ? <th scope="col" className="num">{t('gold.score')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {d.assignments.map((a) => (
                      <tr key={a.id}>
                        <td>{a.id}</td>
                        <td>{actorName(a.labeler)}</td>
                        <td lang="en">{a.state}</td>
                        <td>{formatDate(a.leaseExpiresAt)}</td>
                        {d.state === 'GOLD' && manages ? (
                          <td className="num" title={a.goldFeedback?.map((f) => `${f.field}: ${say.feedback(f)}`).join('\n') ?? ''}>
                            {a.goldScore == null ? '–' : `${Math.round(a.goldScore * 100)}%`}
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ) : null}
            {manages && goldEditable && project.data ? <GoldPanel task={d} schema={project.data.schema} onChanged={() => { task.reload(); history.reload(); }} /> : null}
            <CommentsPanel taskId={taskId} />
          </div>
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">{t('task.history')}</h2>
            {history.loading && !history.data ? <Loading /> : null}
            <ErrorMessage error={history.error} onRetry={history.reload} />
            {history.data ? (
              history.data.length ? (
                <ol className="timeline" data-testid="history">
                  {history.data.map((ev) => (
                    <li key={ev.id} className={`event event-${ev.type}`} data-testid="history-event" data-type={ev.type}>
                      <span className="event-type">{EVENT_KEYS[ev.type] ? t(EVENT_KEYS[ev.type]) : <span lang="en">{ev.type}</span>}</span>
                      <span className="event-actor">{actorName(ev.actor)}</span>
                      <time dateTime={ev.at}>{formatDate(ev.at)}</time>
                      {eventDetail(ev) ? <p className="event-detail">{eventDetail(ev)}</p> : null}
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="muted">{t('task.noHistory')}</p>
              )
            ) : null}
          </section>
        </div>
      ) : null}
    </section>
  );
}
