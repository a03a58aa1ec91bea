import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { projects, reviews } from '../../api/endpoints';
import type { AnnotationResult, NextReview, Verdict } from '../../api/types';
import { Annotator } from '../../annotator/Annotator';
import { useShortcut } from '../../annotator/core/shortcuts';
import { useAnnotationStore } from '../../annotator/core/store';
import { useI18n } from '../../app/i18n';
import { useApiQuery } from '../../api/query';
import { LeaseCountdown } from '../labeling/LeaseCountdown';
import { QueueState } from '../labeling/QueueState';
import { useQueue, useQueueAction } from '../labeling/queue';
import { CommentsPanel } from '../tasks/CommentsPanel';
import { EarlierRejection } from './EarlierRejection';

type Mode = 'view' | 'reject' | 'correct';

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

  const decide = (verdict: Verdict) => {
    if (!review || busy) return;
    if (verdict === 'REJECT' && !reason.trim()) {
      setLocalErrors({ reason: [t('review.reasonRequired')] });
      reasonRef.current?.focus();
      return;
    }
    setLocalErrors({});
    const extra = verdict === 'REJECT' ? { reason: reason.trim() } : verdict === 'CORRECT' ? { result: store.value } : {};
    void send.run(review.reviewId, verdict, extra);
  };

  const inView = phase === 'ready' && mode === 'view';
  useShortcut(['a'], () => decide('APPROVE'), { enabled: inView });
  useShortcut(['r'], () => setMode('reject'), { enabled: inView });
  // Ctrl+Enter sends what is open (the rejection from its reason box, or the correction); never mid-composition.
  useShortcut(['ctrl+enter'], () => decide(mode === 'reject' ? 'REJECT' : 'CORRECT'), {
    enabled: phase === 'ready' && mode !== 'view',
    allowInTextEntry: true,
  });
  useShortcut(['escape'], () => {
    setMode('view');
    setReason('');
    clearErrors();
    if (review) store.reset(review.result ?? {});
  }, { enabled: phase === 'ready' && mode !== 'view', allowInTextEntry: true });

  const schema = review?.schema ?? project.data?.schema;
  // The reason's errors show under the reason box; the annotator shows the rest.
  const { reason: _reasonErrors, ...resultErrors } = fieldErrors;

  return (
    <section className="work-screen" data-testid="review-screen">
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
          <div className="card" data-task-id={review.taskId}>
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
          <CommentsPanel taskId={review.taskId} folded />
          {mode === 'reject' ? (
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
                  {t('review.sendReject')} <kbd>Ctrl+Enter</kbd>
                </button>
                <button type="button" className="btn" onClick={() => { setMode('view'); setReason(''); clearErrors(); }}>
                  {t('common.cancel')} <kbd>Esc</kbd>
                </button>
              </div>
            </div>
          ) : null}
          {mode === 'view' ? (
            <div className="work-actions">
              <button type="button" className="btn primary" disabled={busy} onClick={() => decide('APPROVE')} data-testid="approve">
                {t('review.approve')} <kbd>A</kbd>
              </button>
              <button type="button" className="btn danger" disabled={busy} onClick={() => setMode('reject')} data-testid="reject">
                {t('review.reject')} <kbd>R</kbd>
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => setMode('correct')} data-testid="correct">
                {t('review.correct')}
              </button>
            </div>
          ) : null}
          {mode === 'correct' ? (
            <div className="work-actions">
              <button type="button" className="btn primary" disabled={busy} onClick={() => decide('CORRECT')} data-testid="send-correct">
                {t('review.sendCorrect')} <kbd>Ctrl+Enter</kbd>
              </button>
              <button type="button" className="btn" onClick={store.undo} disabled={!store.canUndo}>
                {t('label.undo')} <kbd>Ctrl+Z</kbd>
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
                {t('common.cancel')} <kbd>Esc</kbd>
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
