import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { academy } from '../../api/academy';
import { splitFieldErrors, useApiAction } from '../../api/query';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useSaidFieldErrors } from '../../app/serverText';
import { ErrorMessage } from '../../app/ui';

/**
 * Self sign-up as a trainee. The privacy notice says what is kept and why; the consent box must be ticked
 * (the server refuses without it too). After sign-up the person is signed in and sent to the cohort list.
 */
export function SignupPage() {
  const { t } = useI18n();
  const sayErrors = useSaidFieldErrors();
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', email: '', phone: '' });
  const [consent, setConsent] = useState(false);
  const [consentMissing, setConsentMissing] = useState(false);
  const signup = useApiAction(
    async (f: typeof form) => {
      await academy.signup({
        username: f.username.trim(),
        password: f.password,
        displayName: f.displayName.trim(),
        email: f.email.trim() || undefined,
        phone: f.phone.trim() || undefined,
        privacyConsent: true,
      });
      await login(f.username.trim(), f.password);
    },
    { onSuccess: () => navigate('/academy', { replace: true }) },
  );
  const { busy, error } = signup;
  // A 422's errors show beside their inputs; the summary above the button stays too (it names fields not shown here).
  const { fieldErrors } = splitFieldErrors(error, (e) => sayErrors(e.errors));

  if (me && !busy) return <Navigate to="/academy" replace />;

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  /** One labelled input; help and server errors sit outside the label and describe the input. */
  const row = (k: keyof typeof form, label: string, props: InputHTMLAttributes<HTMLInputElement>, help?: string) => {
    const errs = fieldErrors[k] ?? [];
    const described = [help ? `signup-${k}-help` : '', errs.length ? `signup-${k}-error` : ''].filter(Boolean).join(' ');
    return (
      <div className="form-row">
        <label htmlFor={`signup-${k}`}>{label}</label>
        <input
          id={`signup-${k}`}
          name={k}
          value={form[k]}
          onChange={set(k)}
          aria-invalid={errs.length > 0}
          aria-describedby={described || undefined}
          {...props}
        />
        {help ? (
          <span className="muted small" id={`signup-${k}-help`}>
            {help}
          </span>
        ) : null}
        {errs.length ? (
          <span className="inline-error" id={`signup-${k}-error`}>
            {errs.join(' ')}
          </span>
        ) : null}
      </div>
    );
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!consent) {
      setConsentMissing(true);
      document.getElementById('signup-consent')?.focus();
      return;
    }
    void signup.run(form);
  }

  return (
    <div className="login-page">
      <form className="card login-card signup-card" onSubmit={submit} noValidate aria-labelledby="signup-title" data-testid="signup-form">
        <h1 id="signup-title">{t('signup.title')}</h1>
        <p className="muted">{t('signup.subtitle')}</p>
        {row('username', t('login.username'), { autoComplete: 'username', required: true })}
        {row('displayName', t('accounts.displayName'), { autoComplete: 'name', required: true })}
        {row('password', t('login.password'), { type: 'password', autoComplete: 'new-password', required: true }, t('signup.passwordHelp'))}
        {row('email', t('signup.email'), { type: 'email', autoComplete: 'email' })}
        {row('phone', t('signup.phone'), { type: 'tel', autoComplete: 'tel' })}
        <section className="privacy-notice" aria-labelledby="privacy-title" data-testid="privacy-notice">
          <h2 id="privacy-title" className="small-heading">
            {t('signup.privacyTitle')}
          </h2>
          <ul className="small">
            <li>{t('signup.privacyWhat')}</li>
            <li>{t('signup.privacyWhy')}</li>
            <li>{t('signup.privacyKeep')}</li>
            <li>{t('signup.privacyRights')}</li>
          </ul>
        </section>
        <label className="check">
          <input
            id="signup-consent"
            type="checkbox"
            checked={consent}
            onChange={(e) => {
              setConsent(e.target.checked);
              if (e.target.checked) setConsentMissing(false);
            }}
            aria-invalid={consentMissing}
            aria-describedby={consentMissing ? 'signup-consent-error' : undefined}
          />{' '}
          {t('signup.consent')}
        </label>
        {consentMissing ? (
          <p className="inline-error" id="signup-consent-error" role="alert">
            {t('signup.consentRequired')}
          </p>
        ) : null}
        <ErrorMessage error={error} />
        <button type="submit" className="btn primary" disabled={busy} data-testid="signup-submit">
          {busy ? t('signup.submitting') : t('signup.submit')}
        </button>
        <p className="small">
          {t('signup.haveAccount')} <Link to="/login">{t('login.submit')}</Link>
        </p>
      </form>
    </div>
  );
}
