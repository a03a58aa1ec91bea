import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApiAction } from '../../api/query';
import { isTraineeOnly, useAuth } from '../../app/auth';
import { useT } from '../../app/i18n';
import { ErrorMessage } from '../../app/ui';

export function LoginPage() {
  const t = useT();
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const asked = (location.state as { from?: string } | null)?.from;
  // A trainee (no project role yet) lands on their academy page, not on an empty project list.
  const home = (m: typeof me) => (asked && asked !== '/login' && asked !== '/projects' ? asked : isTraineeOnly(m) ? '/academy/me' : '/projects');
  const signIn = useApiAction(login, { onSuccess: (m) => navigate(home(m), { replace: true }) });
  const { busy, error } = signIn;

  if (me && !busy) return <Navigate to={home(me)} replace />;

  function submit(e: FormEvent) {
    e.preventDefault();
    void signIn.run(username.trim(), password);
  }

  const message =
    error instanceof ApiError && error.status === 401 ? (
      <div className="error-box" role="alert">
        <strong>{t('login.bad')}</strong>
      </div>
    ) : (
      <ErrorMessage error={error} />
    );

  return (
    <div className="login-page">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <label className="form-row">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
          />
        </label>
        <label className="form-row">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {message}
        <button type="submit" className="btn primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
        <p className="small" data-testid="signup-link">
          {t('login.newHere')} <Link to="/signup">{t('nav.signup')}</Link> · <Link to="/academy">{t('nav.academy')}</Link>
        </p>
      </form>
    </div>
  );
}
