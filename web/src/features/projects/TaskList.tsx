import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { projects, tasks } from '../../api/endpoints';
import { LISTED_STATES, type Member, type TaskSummary } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ErrorMessage, Loading } from '../../app/ui';
import { STATE_KEYS } from './charts';

export function taskSnippet(data: Record<string, unknown> | undefined, max = 80): string {
  if (!data) return '';
  const text = typeof data.text === 'string' ? data.text : Array.isArray(data.sentences) ? data.sentences.join(' ') : JSON.stringify(data);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The project's tasks, filtered by state, with keyset "more" paging. For the project's managers (`manage`) each task
 * that is not gold can be opened ("Open": the manager takes it and labels it on the labeling screen — `openAs`, the
 * account id of a manager who is a member) or given to a chosen labeler ("Assign to…"), who gets it as their next task.
 */
export function TaskList({ projectId, manage = false, openAs }: { projectId: number; manage?: boolean; openAs?: number }) {
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const [assigning, setAssigning] = useState<number | null>(null);
  const [labelers, setLabelers] = useState<Member[] | null>(null);
  const [who, setWho] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const open = async (taskId: number) => {
    if (openAs === undefined) return;
    setActionError(null);
    try {
      await tasks.assign(taskId, openAs);
    } catch (e) {
      // Opened before (a reload, a second click): the lease is already the manager's, so go and work it.
      if (!(e instanceof ApiError && e.problem.code === 'task.assign.already')) {
        setActionError(e);
        return;
      }
    }
    navigate(`/projects/${projectId}/label`);
  };

  const startAssign = async (taskId: number) => {
    setAssigning(taskId);
    setActionError(null);
    setNotice('');
    if (labelers === null) {
      try {
        const members = await projects.members(projectId);
        const active = members.filter((m) => m.role === 'LABELER' && !m.paused);
        setLabelers(active);
        setWho(active[0] ? String(active[0].accountId) : '');
      } catch (e) {
        setActionError(e);
      }
    } else if (!who && labelers[0]) setWho(String(labelers[0].accountId));
  };

  const assign = async (taskId: number) => {
    const person = labelers?.find((m) => String(m.accountId) === who);
    if (!person) return;
    setActionError(null);
    try {
      await tasks.assign(taskId, person.accountId);
      setAssigning(null);
      setNotice(t('tasks.assigned', { id: taskId, name: person.displayName || person.username }));
      void load(null);
    } catch (e) {
      setActionError(e);
    }
  };

  const [state, setState] = useState('');
  const [items, setItems] = useState<TaskSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await projects.tasks(projectId, state || undefined, after, 20);
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setNext(page.next ?? null);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [projectId, state],
  );

  useEffect(() => {
    setItems([]);
    void load(null);
  }, [load]);

  return (
    <section className="card" aria-labelledby="tasks-title" data-testid="task-list">
      <div className="row space-between">
        <h2 id="tasks-title">{t('tasks.title')}</h2>
        <label className="inline">
          {t('tasks.filter')}{' '}
          <select aria-label={t('tasks.filter')} value={state} onChange={(e) => setState(e.target.value)} data-testid="task-state-filter">
            <option value="">{t('tasks.all')}</option>
            {LISTED_STATES.map((s) => (
              <option key={s} value={s}>
                {t(STATE_KEYS[s])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={error} onRetry={() => load(null)} />
      <ErrorMessage error={actionError} />
      {notice ? (
        <p className="notice" role="status" data-testid="task-assigned">
          {notice}
        </p>
      ) : null}
      {!loading && items.length === 0 && !error ? <p className="muted">{t('tasks.empty')}</p> : null}
      {items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('tasks.state')}</th>
              <th scope="col">{t('tasks.data')}</th>
              <th scope="col">{t('tasks.updated')}</th>
              {manage ? <th scope="col">{t('tasks.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((task) => (
              <tr key={task.id} data-testid={`task-row-${task.id}`}>
                <td>
                  <Link to={`/tasks/${task.id}`} data-testid={`task-link-${task.id}`}>
                    {task.id}
                  </Link>
                </td>
                <td>
                  <span className={`tag state-${task.state}`}>{STATE_KEYS[task.state] ? t(STATE_KEYS[task.state]) : <span lang="en">{task.state}</span>}</span>
                </td>
                <td>
                  <Link to={`/tasks/${task.id}`} className="plain-link">
                    {taskSnippet(task.data)}
                  </Link>
                </td>
                <td className="nowrap">{formatDate(task.updatedAt ?? task.createdAt)}</td>
                {manage ? (
                  <td>
                    {task.state === 'GOLD' ? null : assigning === task.id ? (
                      <span className="row">
                        {labelers && labelers.length === 0 ? <span className="muted small">{t('tasks.noLabelers')}</span> : null}
                        {labelers && labelers.length > 0 ? (
                          <>
                            <select aria-label={t('tasks.assignWho', { id: task.id })} value={who} onChange={(e) => setWho(e.target.value)} data-testid="assign-who">
                              {labelers.map((m) => (
                                <option key={m.accountId} value={String(m.accountId)}>
                                  {m.displayName || m.username}
                                </option>
                              ))}
                            </select>
                            <button type="button" className="btn small primary" onClick={() => void assign(task.id)} data-testid="assign-confirm">
                              {t('tasks.assign')}
                            </button>
                          </>
                        ) : null}
                        <button type="button" className="btn small" onClick={() => setAssigning(null)}>
                          {t('tasks.assignCancel')}
                        </button>
                      </span>
                    ) : (
                      <span className="row nowrap">
                        {openAs !== undefined ? (
                          <button type="button" className="btn small" title={t('tasks.openHelp')} onClick={() => void open(task.id)} data-testid={`task-open-${task.id}`}>
                            {t('tasks.open')}
                          </button>
                        ) : null}
                        <button type="button" className="btn small" onClick={() => void startAssign(task.id)} data-testid={`task-assign-${task.id}`}>
                          {t('tasks.assignTo')}
                        </button>
                      </span>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {loading ? <Loading /> : null}
      {next && !loading ? (
        <button type="button" className="btn" onClick={() => load(next)} data-testid="tasks-more">
          {t('tasks.more')}
        </button>
      ) : null}
    </section>
  );
}
