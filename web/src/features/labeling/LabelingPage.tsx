import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { assignments, projects, tasks } from '../../api/endpoints';
import { actorName, type AnnotationResult, type NextTask } from '../../api/types';
import { Annotator } from '../../annotator/Annotator';
import { enterHasOwnMeaning, useShortcut } from '../../annotator/core/shortcuts';
import { useAutosave, type SaveState } from '../../annotator/core/autosave';
import { useAnnotationStore } from '../../annotator/core/store';
import { useI18n } from '../../app/i18n';
import { useApiQuery } from '../../api/query';
import { LeaseCountdown } from './LeaseCountdown';
import { QueueState } from './QueueState';
import { reasonLabel } from './reasons';

type Phase = 'loading' | 'ready' | 'empty' | 'error';

export const AUTOSAVE_DELAY_MS = 800;

/** Strips the "result." prefix servers put on annotation field paths. */
export function resultFieldErrors(err: ApiError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of err.errors) {
    // "result.topic", "result[topic]", "topic[0]" → "topic"; anything else is kept whole.
    const path = (e.field ?? '').replace(/^result(?=[.[/]|$)/, '').replace(/^[./]/, '');
    const m = /^\[["']?([^"'\]]+)["']?\]|^([^.[\]/]+)/.exec(path);
    const key = m ? (m[1] ?? m[2]) : path;
    (out[key] ??= []).push(e.message);
  }
  if (err.errors.length === 0) out[''] = [err.detail ?? err.title];
  return out;
}

/**
 * Rework starts from the labeler's own last answer (the one the reviewer rejected), so fixing it is one key, not a
 * relabel. A labeler may read their own work on a task; if that fails, they start from empty.
 */
async function previousResult(taskId: number): Promise<AnnotationResult | null> {
  try {
    const detail = await tasks.get(taskId);
    const latest = [...(detail.annotations ?? [])].sort((a, b) => a.version - b.version || a.id - b.id).at(-1);
    return latest?.result && typeof latest.result === 'object' ? latest.result : null;
  } catch {
    return null;
  }
}

export function LabelingPage() {
  const { id } = useParams();
  const projectId = Number(id);
  const { t, formatDate } = useI18n();
  const project = useApiQuery(['projects', projectId], () => projects.get(projectId));
  const store = useAnnotationStore();
  const [task, setTask] = useState<NextTask | null>(null);
  const [phase, setPhase] = useState<Phase>('loading');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [skipReason, setSkipReason] = useState('');
  const [done, setDone] = useState(0);
  const [startedFromPrevious, setStartedFromPrevious] = useState(false);
  // Drafts save a moment after each edit; the server extends the lease on each save, so the countdown follows.
  const autosave = useAutosave(store, task?.assignmentId, {
    save: (assignmentId, value) => assignments.saveDraft(assignmentId, value),
    delayMs: AUTOSAVE_DELAY_MS,
    onSaved: (assignmentId, saved) => {
      const until = (saved as { leaseExpiresAt?: string } | undefined)?.leaseExpiresAt;
      if (until) setTask((t) => (t && t.assignmentId === assignmentId ? { ...t, leaseExpiresAt: until } : t));
    },
  });
  const { reset: resetAutosave, cancel: cancelAutosave } = autosave;

  const fetchNext = useCallback(async () => {
    resetAutosave();
    setPhase('loading');
    setError(null);
    try {
      const next = await projects.nextTask(projectId);
      if (!next) {
        setTask(null);
        setPhase('empty');
        return;
      }
      let start = next.draft && typeof next.draft === 'object' ? next.draft : null;
      // Rework starts from the rejected answer: the server hands it back as the draft (older servers did not).
      const fromPrevious = next.reason === 'rework';
      if (fromPrevious && !start) start = await previousResult(next.taskId);
      setTask(next);
      setStartedFromPrevious(fromPrevious && !!start);
      store.reset(start ?? {});
      setFieldErrors({});
      setSkipReason('');
      setPhase('ready');
    } catch (e) {
      setError(e);
      setPhase('error');
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- store.reset is stable; the helpers read only refs
  }, [projectId]);

  // StrictMode mounts twice in development; asking for the next task once is enough.
  const started = useRef<number | null>(null);
  useEffect(() => {
    if (started.current === projectId) return;
    started.current = projectId;
    void fetchNext();
  }, [fetchNext, projectId]);

  const submit = useCallback(async () => {
    if (!task || busy || phase !== 'ready') return;
    cancelAutosave();
    setBusy(true);
    setNotice(null);
    setFieldErrors({});
    try {
      await assignments.submit(task.assignmentId, store.value);
      setDone((n) => n + 1);
      setNotice(t('label.submitted'));
      await fetchNext();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        setFieldErrors(resultFieldErrors(e));
      } else if (e instanceof ApiError && e.status === 409) {
        setNotice(t('label.leaseExpired'));
        await fetchNext();
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  }, [task, busy, phase, store.value, fetchNext, t, cancelAutosave]);

  const skip = async () => {
    if (!task || busy) return;
    cancelAutosave();
    setBusy(true);
    setNotice(null);
    try {
      await assignments.skip(task.assignmentId, skipReason.trim() || 'skipped');
      setNotice(t('label.skipped'));
      await fetchNext();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setNotice(t('label.leaseExpired'));
        await fetchNext();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Enter submits — never while an IME composition is running (the registry checks isComposing / 229),
  // never when Enter already means something (a focused button or link), never inside a text box.
  useShortcut(['enter'], (_combo, e) => {
    if (enterHasOwnMeaning(e.target)) return false;
    void submit();
  }, { enabled: phase === 'ready' });
  // Ctrl+Enter submits from anywhere, text boxes included.
  useShortcut(['ctrl+enter'], () => void submit(), { enabled: phase === 'ready', allowInTextEntry: true });

  const schema = task?.schema ?? project.data?.schema;
  const title = project.data?.name ?? `#${projectId}`;

  return (
    <section className="work-screen" data-testid="labeling-screen">
      <div className="work-head">
        <div>
          <p className="crumbs">
            <Link to={`/projects/${projectId}`}>{title}</Link>
          </p>
          <h1>{t('label.title')}</h1>
        </div>
        <div className="work-status">
          {done > 0 ? <span className="small muted">{t('label.doneCount', { n: done })}</span> : null}
          {task && phase === 'ready' ? (
            <>
              {task.reason ? (
                <span className={`tag reason-${task.reason}`} data-testid="task-reason">
                  {reasonLabel(t, task.reason)}
                </span>
              ) : null}
              <LeaseCountdown expiresAt={task.leaseExpiresAt} onExpire={() => setNotice(t('label.leaseOver'))} />
              <SaveIndicator state={autosave.state} />
            </>
          ) : null}
        </div>
      </div>

      <QueueState
        phase={phase}
        notice={notice}
        noticeTestId="label-notice"
        error={error}
        onNext={fetchNext}
        loadingLabel={t('label.loadingNext')}
        emptyText={t('label.noMore')}
        emptyTestId="no-more-tasks"
        projectId={projectId}
      />

      {phase === 'ready' && task ? (
        <>
          {task.rejection ? (
            <div className="rejection" role="alert" data-testid="rejection">
              <strong>{t('label.rejectedBy', { who: actorName(task.rejection.reviewer) })}</strong>
              <p className="rejection-reason" data-testid="rejection-reason">
                {task.rejection.reason}
              </p>
              <span className="small">{formatDate(task.rejection.at)}</span>
              {startedFromPrevious ? (
                <p className="small" data-testid="previous-answer">
                  {t('label.previousAnswer')}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="card" data-task-id={task.taskId}>
            <p className="small muted">{t('label.taskNo', { id: task.taskId })}</p>
            <Annotator schema={schema} data={task.data ?? {}} store={store} errors={fieldErrors} keyboard="window" />
          </div>
          <div className="work-actions">
            <button type="button" className="btn primary" onClick={submit} disabled={busy} data-testid="submit">
              {t('label.submit')} <kbd>Enter</kbd>
            </button>
            <button type="button" className="btn" onClick={store.undo} disabled={!store.canUndo}>
              {t('label.undo')} <kbd>Ctrl+Z</kbd>
            </button>
            <span className="spacer" />
            <label className="inline">
              <span className="visually-hidden">{t('label.skipReason')}</span>
              <input value={skipReason} onChange={(e) => setSkipReason(e.target.value)} placeholder={t('label.skipReason')} data-testid="skip-reason" />
            </label>
            <button type="button" className="btn" onClick={skip} disabled={busy} data-testid="skip">
              {t('label.skip')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useI18n();
  if (state === 'idle') return null;
  const text = state === 'saved' ? t('label.saved') : state === 'failed' ? t('label.saveFailed') : t('label.saving');
  return (
    <span className={`save-state ${state}`} data-testid="save-state" role="status">
      {text}
    </span>
  );
}
