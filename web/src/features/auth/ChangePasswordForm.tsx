import { useState, type FormEvent } from 'react';
import { auth } from '../../api/endpoints';
import { splitFieldErrors, useApiAction } from '../../api/query';
import { useAuth } from '../../app/auth';
import { useT } from '../../app/i18n';
import { ErrorMessage, PageHeader } from '../../app/ui';
import { useSaidFieldErrors } from '../../app/serverText';

/**
 * One's own new password (PUT /me/password). `forced`: the password was generated or set by an administrator, and the
 * layout shows only this form until it is changed (GET /me `passwordChangeRequired`).
 */
export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const t = useT();
  const sayErrors = useSaidFieldErrors();
  const { refresh } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const change = useApiAction((c: string, n: string) => auth.changePassword(c, n), {
    onSuccess: async () => {
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      await refresh();
    },
  });
  const { fieldErrors, error } = splitFieldErrors(change.error, (e) => sayErrors(e.errors));

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (next !== again) {
      setMismatch(true);
      return;
    }
    void change.run(current, next);
  }
  // An error goes as soon as its field is edited.
  const edit = (set: (v: string) => void, v: string) => {
    set(v);
    setMismatch(false);
    if (change.error) change.reset();
  };

  return (
    <section>
      <PageHeader title={t('password.title')} />
      {forced ? (
        <p className="notice warn" role="alert" data-testid="password-change-required">
          {t('password.required')}
        </p>
      ) : null}
      <form className="card stack" onSubmit={submit} data-testid="change-password-form" noValidate>
        <label className="form-row">
          <span>{t('password.current')}</span>
          <input type="password" autoComplete="current-password" required autoFocus value={current} onChange={(e) => edit(setCurrent, e.target.value)} aria-invalid={!!fieldErrors.currentPassword} />
        </label>
        {fieldErrors.currentPassword ? <p className="field-errors">{fieldErrors.currentPassword.join(' ')}</p> : null}
        <label className="form-row">
          <span>{t('password.new')}</span>
          <input type="password" autoComplete="new-password" required value={next} onChange={(e) => edit(setNext, e.target.value)} aria-invalid={!!fieldErrors.newPassword} />
        </label>
        {fieldErrors.newPassword ? <p className="field-errors">{fieldErrors.newPassword.join(' ')}</p> : null}
        <label className="form-row">
          <span>{t('password.again')}</span>
          <input type="password" autoComplete="new-password" required value={again} onChange={(e) => edit(setAgain, e.target.value)} aria-invalid={mismatch} />
        </label>
        {mismatch ? <p className="field-errors">{t('password.mismatch')}</p> : null}
        <p className="muted small">{t('password.hint')}</p>
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" className="btn primary" disabled={change.busy || !current || !next || !again} data-testid="change-password-submit">
            {t('password.submit')}
          </button>
          {done ? (
            <span role="status" className="notice inline" data-testid="password-changed">
              {t('password.changed')}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
