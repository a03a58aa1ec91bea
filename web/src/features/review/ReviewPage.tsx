import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { projects, reviews } from '../../api/endpoints';
import type { AnnotationResult, NextReview, Verdict } from '../../api/types';
import { Annotator } from '../../annotator/Annotator';
import { enterHasOwnMeaning, useShortcut } from '../../annotator/core/shortcuts';
import { useAnnotationStore } from '../../annotator/core/store';
import { useI18n } from '../../app/i18n';
import { useApiQuery } from '../../api/query';
import { LeaseCountdown } from '../labeling/LeaseCountdown';
import { QueueState } from '../labeling/QueueState';
import { useFocusOnItem, useQueue, useQueueAction } from '../labeling/queue';
import { CommentsPanel } from '../tasks/CommentsPanel';
import { EarlierRejection } from './EarlierRejection';

type Mode = 'view' | 'reject' | 'correct';

/** How long an approve or reject waits for an undo before it is sent (Enter sends at once; a page close sends it). */
export const UNDO_MS = 5000;
/** 'off' when the person turned the single-key shortcuts (A, R) off (WCAG 2.1.4); kept in this browser. */
export const SINGLE_KEYS_STORAGE_KEY = 'labelcrew.review.singleKeys';

interface Pending {
  reviewId: number;
  verdict: 'APPROVE' | 'REJECT';
  extra: { reason?: string };
}

function storedSingleKeys(): boolean {
  try {
    return localStorage.getItem(SINGLE_KEYS_STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function ReviewPage() {
  const { id } = useParams();
  const projectId = Number(id);
  const { t } = useI18n();
  const project = useApiQuery(['projects', projectId], () => projects.get(projectId));
  const store = useAnnotationStore();
  const [mode, setMode] = useState<Mode>('view');
  const [reason, setReason] = useState('');
  // Checked here before sending (a rejection needs a reason); the server's 422s come from the action.
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const queue = useQueue<NextReview>(
    projectId,
    () => {
      setMode('view');
      setReason('');
      setLocalErrors({});
      return projects.nextReview(projectId);
    },
    (next) => store.reset(next.result && typeof next.result === 'object' ? next.result : {}),
  );
  const { item: review, phase } = queue;
  const screenRef = useRef<HTMLElement>(null);
  const cardRef = useFocusOnItem<HTMLDivElement>(phase, review?.reviewId);
  const [singleKeys, setSingleKeys] = useState(storedSingleKeys);
  // An approve or reject waits UNDO_MS for an undo; the ref is what a timer, Enter or a page close sends.
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);
  // The wait stops while focus is on the undo bar's buttons: no time limit while a keyboard user chooses.
  const [held, setHeld] = useState(false);
  const barRef = useRef<HTMLDivElement>(null);
  const pressed = useRef(false); // a pointer is down on the undo bar
  const send = useQueueAction(
    queue,
    (reviewId: number, verdict: Verdict, extra: { reason?: string; result?: AnnotationResult }) => reviews.decide(reviewId, verdict, extra),
    {
      done: (_id, verdict) => (verdict === 'APPROVE' ? t('review.approved') : verdict === 'REJECT' ? t('review.rejected') : t('review.corrected')),
      gone: t('review.gone'),
    },
  );
  const { busy } = send;
  const error = queue.error ?? send.error;
  const fieldErrors = { ...send.fieldErrors, ...localErrors };
  const clearErrors = () => {
    setLocalErrors({});
    send.reset();
  };

  useEffect(() => {
    if (mode === 'reject') reasonRef.current?.focus();
  }, [mode]);

  const commit = () => {
    const p = pendingRef.current;
    if (!p) return;
    pendingRef.current = null;
    setPending(null);
    void send.run(p.reviewId, p.verdict, p.extra);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    if (!pending || held) return;
    const timer = setTimeout(() => commitRef.current(), UNDO_MS);
    return () => clearTimeout(timer);
  }, [pending, held]);
  // The buttons that led here are gone: focus goes to the undo bar (Enter sends now, Ctrl+Z undoes, Tab reaches both).
  useEffect(() => {
    if (pending) barRef.current?.focus();
    else setHeld(false);
  }, [pending]);
  // Leaving the reject or correct form: back to the task, not to the page body.
  const backToTask = () => setTimeout(() => cardRef.current?.focus());
  // Closing the tab or leaving the page still sends the decision (keepalive outlives the page).
  useEffect(() => {
    const flush = () => {
      const p = pendingRef.current;
      if (!p) return;
      pendingRef.current = null;
      reviews.decide(p.reviewId, p.verdict, p.extra, { keepalive: true }).catch(() => {});
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
  const undo = () => {
    const p = pendingRef.current;
    if (!p) return;
    pendingRef.current = null;
    setPending(null);
    queue.setNotice(t('review.undone'));
    // Back where the person was: the reason box of a rejection, or the task.
    setTimeout(() => (p.verdict === 'REJECT' ? reasonRef.current : cardRef.current)?.focus());
  };

  const decide = (verdict: Verdict) => {
    if (!review || busy || pendingRef.current) return;
    if (verdict === 'REJECT' && !reason.trim()) {
      setLocalErrors({ reason: [t('review.reasonRequired')] });
      reasonRef.current?.focus();
      return;
    }
    setLocalErrors({});
    if (verdict === 'CORRECT') {
      void send.run(review.reviewId, verdict, { result: store.value });
      return;
    }
    const p: Pending = { reviewId: review.reviewId, verdict, extra: verdict === 'REJECT' ? { reason: reason.trim() } : {} };
    pendingRef.current = p;
    setPending(p);
    queue.setNotice(null);
  };

  const inView = phase === 'ready' && mode === 'view' && !pending;
  // Single-key shortcuts only while focus is in the review screen, and only when the person keeps them on (WCAG 2.1.4).
  useShortcut(['a'], () => decide('APPROVE'), { enabled: inView && singleKeys, scope: screenRef });
  useShortcut(['r'], () => setMode('reject'), { enabled: inView && singleKeys, scope: screenRef });
  useShortcut(['ctrl+z'], () => undo(), { enabled: !!pending, allowInTextEntry: true });
  useShortcut(['enter'], (_combo, e) => {
    if (enterHasOwnMeaning(e.target)) return false;
    commit();
  }, { enabled: !!pending });
  // Ctrl+Enter sends what is open (the rejection from its reason box, or the correction); never mid-composition.
  useShortcut(['ctrl+enter'], () => decide(mode === 'reject' ? 'REJECT' : 'CORRECT'), {
    enabled: phase === 'ready' && mode !== 'view' && !pending,
    allowInTextEntry: true,
  });
  useShortcut(['escape'], () => {
    setMode('view');
    setReason('');
    clearErrors();
    if (review) store.reset(review.result ?? {});
    backToTask();
  }, { enabled: phase === 'ready' && mode !== 'view' && !pending, allowInTextEntry: true });

  const schema = review?.schema ?? project.data?.schema;
  // The reason's errors show under the reason box; the annotator shows the rest.
  const { reason: _reasonErrors, ...resultErrors } = fieldErrors;

  return (
    <section className="work-screen" data-testid="review-screen" ref={screenRef}>
      <div className="work-head">
        <div>
          <p className="crumbs">
            <Link to={`/projects/${projectId}`}>{project.data?.name ?? `#${projectId}`}</Link>
          </p>
          <h1>{t('review.title')}</h1>
        </div>
        <div className="work-status">
          {queue.done > 0 ? <span className="small muted">{t('review.doneCount', { n: queue.done })}</span> : null}
          {review?.leaseExpiresAt && phase === 'ready' ? <LeaseCountdown expiresAt={review.leaseExpiresAt} /> : null}
          <label className="check small">
            <input
              type="checkbox"
              checked={singleKeys}
              onChange={(e) => {
                setSingleKeys(e.target.checked);
                try {
                  localStorage.setItem(SINGLE_KEYS_STORAGE_KEY, e.target.checked ? 'on' : 'off');
                } catch {
                  // private mode: the choice lasts for this page only
                }
              }}
              data-testid="review-shortcuts-toggle"
            />
            {t('review.singleKeys')}
          </label>
        </div>
      </div>
      <QueueState
        phase={phase}
        notice={queue.notice}
        noticeTestId="review-notice"
        error={error}
        onNext={queue.next}
        loadingLabel={t('review.loadingNext')}
        emptyText={t('review.noMore')}
        emptyTestId="no-more-reviews"
        projectId={projectId}
      />
      {phase === 'ready' && review ? (
        <>
          <EarlierRejection review={review} schema={schema} />
          <div className="card" data-task-id={review.taskId} ref={cardRef} tabIndex={-1}>
            <p className="small muted">
              {t('label.taskNo', { id: review.taskId })} · {t('review.labeler')}{' '}
              <strong data-testid="review-labeler">{review.labeler?.username ?? '—'}</strong>
            </p>
            {mode === 'correct' ? <p className="notice">{t('review.correcting')}</p> : null}
            <Annotator
              schema={schema}
              data={review.data ?? {}}
              store={store}
              readOnly={mode !== 'correct'}
              errors={resultErrors}
              keyboard={mode === 'correct' ? 'window' : 'none'}
            />
          </div>
          {pending ? (
            <div
              className="card decision-pending"
              data-testid="decision-pending"
              data-verdict={pending.verdict}
              data-held={held}
              ref={barRef}
              tabIndex={-1}
              // Held for the keyboard only: a mouse press focuses a button too, and the longer "waiting" text would move
              // the buttons from under the pointer before the release, so the click would be lost.
              onPointerDown={() => (pressed.current = true)}
              onPointerUp={() => (pressed.current = false)}
              onFocus={(e) => setHeld(e.target !== barRef.current && !pressed.current)}
              onBlur={(e) => {
                if (!barRef.current?.contains(e.relatedTarget as Node | null)) setHeld(false);
              }}
            >
              <p role="status">
                {held ? t('review.pendingHeld') : t(pending.verdict === 'APPROVE' ? 'review.pendingApprove' : 'review.pendingReject', { s: UNDO_MS / 1000 })}
              </p>
              <div className="row wrap">
                <button type="button" className="btn" onClick={undo} data-testid="undo-decision">
                  {t('review.undo')} <kbd lang="en">Ctrl+Z</kbd>
                </button>
                <button type="button" className="btn primary" onClick={commit} disabled={busy} data-testid="send-now">
                  {t('review.sendNow')} <kbd lang="en">Enter</kbd>
                </button>
              </div>
            </div>
          ) : null}
          <CommentsPanel taskId={review.taskId} folded />
          {mode === 'reject' && !pending ? (
            <div className="card reject-box">
              <label className="form-row">
                <span>{t('review.reason')}</span>
                <textarea
                  ref={reasonRef}
                  rows={3}
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    // A reason typed answers "a rejection needs a reason" (it stayed until the next send).
                    if (fieldErrors.reason) clearErrors();
                  }}
                  required
                  aria-invalid={!!fieldErrors.reason}
                  data-testid="reject-reason"
                />
              </label>
              {fieldErrors.reason ? (
                <p className="field-errors" role="alert">
                  {fieldErrors.reason.join(' ')}
                </p>
              ) : null}
              <div className="row">
                <button type="button" className="btn danger" disabled={busy || !reason.trim()} onClick={() => decide('REJECT')} data-testid="send-reject">
                  {t('review.sendReject')} <kbd lang="en">Ctrl+Enter</kbd>
                </button>
                <button type="button" className="btn" onClick={() => { setMode('view'); setReason(''); clearErrors(); backToTask(); }}>
                  {t('common.cancel')} <kbd lang="en">Esc</kbd>
                </button>
              </div>
            </div>
          ) : null}
          {mode === 'view' && !pending ? (
            <div className="work-actions">
              <button type="button" className="btn primary" disabled={busy} onClick={() => decide('APPROVE')} data-testid="approve">
                {t('review.approve')} {singleKeys ? <kbd lang="en">A</kbd> : null}
              </button>
              <button type="button" className="btn danger" disabled={busy} onClick={() => setMode('reject')} data-testid="reject">
                {t('review.reject')} {singleKeys ? <kbd lang="en">R</kbd> : null}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => setMode('correct')} data-testid="correct">
                {t('review.correct')}
              </button>
            </div>
          ) : null}
          {mode === 'correct' ? (
            <div className="work-actions">
              <button type="button" className="btn primary" disabled={busy} onClick={() => decide('CORRECT')} data-testid="send-correct">
                {t('review.sendCorrect')} <kbd lang="en">Ctrl+Enter</kbd>
              </button>
              <button type="button" className="btn" onClick={store.undo} disabled={!store.canUndo}>
                {t('label.undo')} <kbd lang="en">Ctrl+Z</kbd>
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  store.reset(review.result ?? {});
                  setMode('view');
                  clearErrors();
                }}
              >
                {t('common.cancel')} <kbd lang="en">Esc</kbd>
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
