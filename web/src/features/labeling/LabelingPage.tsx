import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { assignments, projects, tasks } from '../../api/endpoints';
import { actorName, type AnnotationResult, type NextTask } from '../../api/types';
import { Annotator } from '../../annotator/Annotator';
import { enterHasOwnMeaning, useShortcut } from '../../annotator/core/shortcuts';
import { useAutosave, type SaveState } from '../../annotator/core/autosave';
import { useAnnotationStore } from '../../annotator/core/store';
import { useI18n } from '../../app/i18n';
import { useApiQuery } from '../../api/query';
import { useFocusOnItem, useQueue, useQueueAction } from './queue';
import { LeaseCountdown } from './LeaseCountdown';
import { QueueState } from './QueueState';
import { reasonLabel } from './reasons';
import { CommentsPanel } from '../tasks/CommentsPanel';

export const AUTOSAVE_DELAY_MS = 800;
const MAIN_CONTENT = '[data-main-content]';

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
  const [skipReason, setSkipReason] = useState('');
  const [startedFromPrevious, setStartedFromPrevious] = useState(false);
  const queue = useQueue<NextTask>(
    projectId,
    () => {
      resetAutosave();
      return projects.nextTask(projectId);
    },
    async (next) => {
      let start = next.draft && typeof next.draft === 'object' ? next.draft : null;
      // Rework starts from the rejected answer: the server hands it back as the draft (older servers did not).
      const fromPrevious = next.reason === 'rework';
      if (fromPrevious && !start) start = await previousResult(next.taskId);
      setStartedFromPrevious(fromPrevious && !!start);
      store.reset(start ?? {});
      setSkipReason('');
    },
  );
  const { item: task, setItem: setTask, phase, setNotice } = queue;
  // The task's main content (a tool that draws the text, marked data-main-content) takes the focus when it opens.
  const cardRef = useFocusOnItem<HTMLDivElement>(phase, task?.assignmentId, MAIN_CONTENT);
  // Drafts save a moment after each edit; the server extends the lease on each save, so the countdown follows.
  const autosave = useAutosave(store, task?.assignmentId, {
    save: (assignmentId, value, how) => assignments.saveDraft(assignmentId, value, how),
    delayMs: AUTOSAVE_DELAY_MS,
    onSaved: (assignmentId, saved) => {
      const until = (saved as { leaseExpiresAt?: string } | undefined)?.leaseExpiresAt;
      if (until) setTask((t) => (t && t.assignmentId === assignmentId ? { ...t, leaseExpiresAt: until } : t));
    },
  });
  const { reset: resetAutosave, cancel: cancelAutosave } = autosave;

  const gone = t('label.leaseExpired');
  const sendAnswer = useQueueAction(queue, assignments.submit, { done: () => t('label.submitted'), gone });
  const sendSkip = useQueueAction(queue, assignments.skip, { done: () => t('label.skipped'), gone });
  const busy = sendAnswer.busy || sendSkip.busy;
  const error = queue.error ?? sendAnswer.error ?? sendSkip.error;
  const fieldErrors = sendAnswer.fieldErrors;

  const submit = () => {
    if (!task || busy || phase !== 'ready') return;
    cancelAutosave();
    sendSkip.reset();
    void sendAnswer.run(task.assignmentId, store.value);
  };

  const skip = () => {
    if (!task || busy) return;
    cancelAutosave();
    sendAnswer.reset();
    void sendSkip.run(task.assignmentId, skipReason.trim() || 'skipped');
  };

  // Enter submits — never while an IME composition is running (the registry checks isComposing / 229),
  // never when Enter already means something (a focused button or link), never inside a text box.
  useShortcut(['enter'], (_combo, e) => {
    if (enterHasOwnMeaning(e.target)) return false;
    submit();
  }, { enabled: phase === 'ready' });
  // Ctrl+Enter submits from anywhere, text boxes included.
  useShortcut(['ctrl+enter'], () => submit(), { enabled: phase === 'ready', allowInTextEntry: true });

  const schema = task?.schema ?? project.data?.schema;
  const title = project.data?.name ?? `#${projectId}`;
  // The project's guidelines (its description) are one key away: ? opens and closes them, Escape closes.
  const [guideOpen, setGuideOpen] = useState(false);
  useShortcut(['?'], () => setGuideOpen((o) => !o));
  useShortcut(['escape'], () => setGuideOpen(false), { enabled: guideOpen });

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
          <button type="button" className="btn small" aria-expanded={guideOpen} aria-controls="guidelines" onClick={() => setGuideOpen((o) => !o)} data-testid="guidelines-toggle">
            {t('label.guidelines')} <kbd>?</kbd>
          </button>
          {queue.done > 0 ? <span className="small muted">{t('label.doneCount', { n: queue.done })}</span> : null}
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

      {guideOpen ? (
        <section id="guidelines" className="card guidelines" aria-labelledby="guidelines-title" data-testid="guidelines">
          <h2 id="guidelines-title">{t('label.guidelines')}</h2>
          <p className="comment-text">{project.data?.description || t('label.noGuidelines')}</p>
        </section>
      ) : null}
      <QueueState
        phase={phase}
        notice={queue.notice}
        noticeTestId="label-notice"
        error={error}
        onNext={queue.next}
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
          <div className="card" data-task-id={task.taskId} ref={cardRef} tabIndex={-1}>
            <p className="small muted">{t('label.taskNo', { id: task.taskId })}</p>
            <Annotator schema={schema} data={task.data ?? {}} store={store} errors={fieldErrors} keyboard="window" />
          </div>
          <div className="work-actions">
            <button type="button" className="btn primary" onClick={submit} disabled={busy} data-testid="submit">
              {t('label.submit')} <kbd lang="en">Enter</kbd>
              {/* In a text box Enter is a line (or the IME's); the hint says which key submits there. */}
              {schema?.fields.some((f) => f.type === 'text' || f.type === 'abstractive') ? (
                <span className="small" data-testid="submit-hint-text">
                  {' '}
                  {t('label.inTextBoxes')} <kbd lang="en">Ctrl+Enter</kbd>
                </span>
              ) : null}
            </button>
            <button type="button" className="btn" onClick={store.undo} disabled={!store.canUndo}>
              {t('label.undo')} <kbd lang="en">Ctrl+Z</kbd>
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
          <CommentsPanel taskId={task.taskId} folded />
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
