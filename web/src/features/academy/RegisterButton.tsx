import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { academy, type Cohort, type MyRegistrationRef } from '../../api/academy';
import { ApiError } from '../../api/client';
import { useApiAction } from '../../api/query';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorMessage } from '../../app/ui';
import { formatCountdown, useNow } from './time';

export type WindowState = 'UPCOMING' | 'OPEN' | 'CLOSED';

/** The registration window by the browser's clock, so the button opens at the minute without a reload. */
export function windowState(cohort: Pick<Cohort, 'registrationOpensAt' | 'registrationClosesAt'>, now: number): WindowState {
  if (now < Date.parse(cohort.registrationOpensAt)) return 'UPCOMING';
  if (now >= Date.parse(cohort.registrationClosesAt)) return 'CLOSED';
  return 'OPEN';
}

/** My registration status in words: "Registered", "Waitlisted — position 3". */
export function StatusBadge({ status, position }: { status: string; position: number | null | undefined }) {
  const { t } = useI18n();
  if (status === 'WAITLISTED') {
    return (
      <span className="tag state-SUBMITTED" data-testid="registration-status" data-status={status}>
        {t('academy.status.WAITLISTED')} · {t('academy.position', { n: position ?? '?' })}
      </span>
    );
  }
  return (
    <span className={`tag ${status === 'REGISTERED' ? 'state-APPROVED' : ''}`} data-testid="registration-status" data-status={status}>
      {status === 'REGISTERED' ? t('academy.status.REGISTERED') : status === 'CANCELLED' ? t('academy.status.CANCELLED') : status}
    </span>
  );
}

/**
 * Register for a cohort, or see and cancel my registration. Before the window it shows when registration opens (with
 * a countdown) and turns into a live button at that minute; a 409 from the server shows when it opens.
 */
export function RegisterButton({ cohort, onChange }: { cohort: Cohort; onChange?: () => void }) {
  const { t, formatDate } = useI18n();
  const { me } = useAuth();
  const now = useNow(1000);
  const [mine, setMine] = useState<MyRegistrationRef | null>(cohort.me);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const register = useApiAction(
    async () => {
      setNotice(null);
      try {
        return await academy.register(cohort.id);
      } catch (e) {
        // A 409 is an answer, not a failure: registration has not opened yet, or the server says why not.
        if (!(e instanceof ApiError && e.status === 409)) throw e;
        const opensAt = e.problem.opensAt;
        setNotice(typeof opensAt === 'string' && Date.parse(opensAt) > Date.now() ? t('academy.opensAtServer', { time: formatDate(opensAt) }) : (e.detail ?? e.title));
        return null;
      }
    },
    {
      onSuccess: (r) => {
        if (!r) return;
        setMine({ registrationId: r.registrationId, status: r.status, position: r.position });
        onChange?.();
      },
    },
  );
  const cancel = useApiAction(
    async () => {
      setNotice(null);
      await academy.cancel(cohort.id);
    },
    {
      onSuccess: () => {
        setMine(null);
        setNotice(t('academy.cancelled'));
        onChange?.();
      },
    },
  );
  const busy = register.busy || cancel.busy;
  const error = register.error ?? cancel.error;
  // A reload of the list (after my change or another's) brings the server's word on my registration.
  useEffect(() => setMine(cohort.me), [cohort.me?.registrationId, cohort.me?.status, cohort.me?.position]); // eslint-disable-line react-hooks/exhaustive-deps -- the server's fields, not the object a reload renews
  const state = windowState(cohort, now);
  const label = cohort.name;

  if (!me) {
    return (
      <p className="register-box" data-testid="register-signin">
        <Link to="/login" state={{ from: '/academy' }}>
          {t('academy.signInToRegister')}
        </Link>{' '}
        · <Link to="/signup">{t('academy.signupLink')}</Link>
      </p>
    );
  }

  const live = mine && mine.status !== 'CANCELLED';
  // Once the last session has ended the cohort is completed: nothing to cancel (the server answers 409).
  const lastEnd = Math.max(...cohort.sessions.map((s) => Date.parse(s.endsAt)));
  const completed = cohort.sessions.length > 0 && lastEnd <= now;
  return (
    <div className="register-box" data-testid="register-box">
      {live ? (
        <div className="row wrap">
          <StatusBadge status={mine.status} position={mine.position} />
          {completed ? (
            <span className="muted small" data-testid="cohort-completed">
              {t('academy.completedCohort')}
            </span>
          ) : (
            <button type="button" className="btn small" onClick={() => { register.reset(); setConfirming(true); }} disabled={busy || confirming} data-testid="cancel-registration">
              {/* The name starts with the words shown (WCAG 2.5.3); which cohort is for screen readers. */}
              {mine.status === 'WAITLISTED' ? t('academy.leaveWaitlist') : t('academy.cancel')}
              {' '}
              <span className="visually-hidden">· {label}</span>
            </button>
          )}
        </div>
      ) : (
        <div className="row wrap">
          <button
            type="button"
            className="btn primary"
            onClick={() => { cancel.reset(); void register.run(); }}
            disabled={busy || state !== 'OPEN'}
            aria-describedby={`window-${cohort.id}`}
            data-testid="register-button"
          >
            {cohort.seatsLeft > 0 || state !== 'OPEN' ? t('academy.register') : t('academy.joinWaitlist')}
          </button>
          <span id={`window-${cohort.id}`} className="muted" role="timer" aria-live="off" data-testid="window-note">
            {state === 'UPCOMING'
              ? t('academy.opensAt', { time: formatDate(cohort.registrationOpensAt), left: formatCountdown(Date.parse(cohort.registrationOpensAt) - now) })
              : state === 'CLOSED'
                ? t('academy.closed')
                : t('academy.closesAt', { time: formatDate(cohort.registrationClosesAt) })}
          </span>
        </div>
      )}
      {confirming && live && !completed ? (
        <div className="confirm-box" role="alertdialog" aria-labelledby={`cancel-confirm-${cohort.id}`} data-testid="cancel-confirm">
          <p id={`cancel-confirm-${cohort.id}`}>
            {mine.status === 'WAITLISTED'
              ? t('academy.confirmLeaveWaitlist', { name: label })
              : cohort.waitlisted > 0
                ? t('academy.confirmCancelToNext', { name: label, n: cohort.waitlisted })
                : t('academy.confirmCancel', { name: label })}
          </p>
          <div className="row">
            <button type="button" className="btn danger small" onClick={() => { setConfirming(false); void cancel.run(); }} data-testid="cancel-confirm-yes">
              {mine.status === 'WAITLISTED' ? t('academy.confirmLeaveYes') : t('academy.confirmCancelYes')}
            </button>
            <button type="button" className="btn small" autoFocus onClick={() => setConfirming(false)} data-testid="cancel-confirm-no">
              {t('academy.confirmKeep')}
            </button>
          </div>
        </div>
      ) : null}
      {notice ? (
        <p className="notice inline" role="status" data-testid="register-notice">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  );
}
