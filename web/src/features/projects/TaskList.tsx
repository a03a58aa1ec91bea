import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { projects } from '../../api/endpoints';
import { LISTED_STATES, type TaskSummary } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ErrorMessage, Loading } from '../../app/ui';
import { STATE_KEYS } from './charts';

export function taskSnippet(data: Record<string, unknown> | undefined, max = 80): string {
  if (!data) return '';
  const text = typeof data.text === 'string' ? data.text : Array.isArray(data.sentences) ? data.sentences.join(' ') : JSON.stringify(data);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The project's tasks, filtered by state, with keyset "more" paging. */
export function TaskList({ projectId }: { projectId: number }) {
  const { t, formatDate } = useI18n();
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
      {!loading && items.length === 0 && !error ? <p className="muted">{t('tasks.empty')}</p> : null}
      {items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('tasks.state')}</th>
              <th scope="col">{t('tasks.data')}</th>
              <th scope="col">{t('tasks.updated')}</th>
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
