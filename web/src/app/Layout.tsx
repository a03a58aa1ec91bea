import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm';
import { isTraineeOnly, useAuth } from './auth';
import { formatDateTime } from './datetime';
import { LANGS, useI18n, type Lang } from './i18n';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="lang-switch" aria-label={t('nav.language')}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {l === 'ko' ? '한국어' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Tells the owner about failed sign-ins since their previous sign-in (the server sends a code and a count). */
function SignInNoticeBanner() {
  const { me } = useAuth();
  const { t, lang } = useI18n();
  const [dismissed, setDismissed] = useState(false);
  const notice = me?.signInNotice;
  if (!notice || dismissed || notice.code !== 'FAILED_SIGN_INS') return null;
  const at = formatDateTime(lang, notice.lastAt);
  return (
    <p className="notice warn" role="alert" data-testid="sign-in-notice">
      {t('signInNotice.failed', { count: notice.count, at })}{' '}
      <button type="button" className="btn small" onClick={() => setDismissed(true)}>
        {t('signInNotice.dismiss')}
      </button>
    </p>
  );
}

export function Layout() {
  const { me, logout, hasRole } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <NavLink to="/projects" className="brand">
          LabelCrew
        </NavLink>
        {me ? (
          <nav aria-label={t('nav.main')} className="main-nav">
            <NavLink to="/projects">{t('nav.projects')}</NavLink>
            <NavLink to="/academy" end>
              {t('nav.academy')}
            </NavLink>
            <NavLink to="/academy/me">{t('nav.myAcademy')}</NavLink>
            {hasRole('ADMIN', 'MANAGER') ? <NavLink to="/academy/manage">{t('nav.academyManage')}</NavLink> : null}
            {hasRole('ADMIN') ? <NavLink to="/accounts">{t('nav.accounts')}</NavLink> : null}
            {/* Tokens are for scripts of project work; a citizen in training has none to run. */}
            {isTraineeOnly(me) ? null : <NavLink to="/tokens">{t('nav.tokens')}</NavLink>}
            {/* Earnings are for workers; a citizen in training has none yet. */}
            {isTraineeOnly(me) ? null : <NavLink to="/earnings">{t('nav.earnings')}</NavLink>}
            {hasRole('ADMIN') ? <NavLink to="/pay">{t('nav.pay')}</NavLink> : null}
          </nav>
        ) : (
          <nav aria-label={t('nav.main')} className="main-nav">
            <NavLink to="/academy" end>
              {t('nav.academy')}
            </NavLink>
            <NavLink to="/login">{t('login.submit')}</NavLink>
            <NavLink to="/signup">{t('nav.signup')}</NavLink>
          </nav>
        )}
        <div className="header-end">
          <LanguageSwitch />
          {me ? (
            <>
              <NavLink className="who" to="/me/password" data-testid="current-user" title={`${me.username} · ${t('password.title')}`}>
                {me.displayName || me.username}
              </NavLink>
              <button
                type="button"
                className="btn small"
                data-testid="logout"
                onClick={async () => {
                  await logout();
                  navigate('/login');
                }}
              >
                {t('nav.logout')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <SignInNoticeBanner />
        {/* A password someone else chose is changed before anything else (the API itself keeps answering). */}
        {me?.passwordChangeRequired ? <ChangePasswordForm forced /> : <Outlet />}
      </main>
    </div>
  );
}
