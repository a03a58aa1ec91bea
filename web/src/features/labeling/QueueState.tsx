import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { ErrorMessage, Loading } from '../../app/ui';

/**
 * What the labeling and review screens show around the current item: a notice, an error with retry, "loading the
 * next one", and the empty queue with "check again" and the way back to the project.
 */
export function QueueState(props: {
  phase: 'loading' | 'empty' | 'ready' | 'error' | string;
  notice: string | null;
  noticeTestId: string;
  error: unknown;
  onNext: () => void;
  loadingLabel: string;
  emptyText: string;
  emptyTestId: string;
  projectId: number;
}) {
  const { t } = useI18n();
  const { phase, notice, error, onNext } = props;
  // The last item sent: focus goes to the empty state rather than to the page body.
  const emptyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (phase === 'empty') emptyRef.current?.focus();
  }, [phase]);
  return (
    <>
      {notice ? (
        <p className="notice" role="status" data-testid={props.noticeTestId}>
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={error} onRetry={phase === 'error' ? onNext : undefined} />
      {phase === 'loading' ? <Loading label={props.loadingLabel} /> : null}
      {phase === 'empty' ? (
        <div className="empty card" data-testid={props.emptyTestId} ref={emptyRef} tabIndex={-1}>
          <p>{props.emptyText}</p>
          <div className="row">
            <button type="button" className="btn" onClick={onNext}>
              {t('label.checkAgain')}
            </button>
            <Link className="btn" to={`/projects/${props.projectId}`}>
              {t('label.backToProject')}
            </Link>
          </div>
        </div>
      ) : null}
    </>
  );
}
