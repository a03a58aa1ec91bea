import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../app/auth';
import { Layout } from '../../app/Layout';
import { json, mockFetch, noContent, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { LoginPage } from './LoginPage';

async function fill(user: ReturnType<typeof userEvent.setup>, el: HTMLElement, text: string) {
  await user.click(el);
  await user.paste(text);
}

const me = { id: 7, username: 'kim', displayName: '김', roles: ['LABELER'], signInNotice: null };

function app() {
  return (
    <AuthProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/projects" element={<p>project list</p>} />
          <Route path="/academy/me" element={<p>my academy</p>} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}

describe('password change', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is asked for first when an administrator chose the password, and then the page shows', async () => {
    let required = true;
    const m = mockFetch({
      'GET /api/v1/me': () => json({ ...me, passwordChangeRequired: required }),
      'PUT /api/v1/me/password': (call) => {
        const body = call.body as { currentPassword: string; newPassword: string };
        if (body.currentPassword !== 'old-password-1') {
          return problem(422, { title: 'Validation failed', errors: [{ field: 'currentPassword', message: 'is not your current password', code: 'password.notCurrent', params: {} }] });
        }
        required = false;
        return noContent();
      },
    });
    const user = userEvent.setup();
    renderPage(app(), { route: '/projects', path: '/*', lang: 'ko' });
    expect(await screen.findByTestId('password-change-required')).toBeInTheDocument();
    expect(screen.queryByText('project list')).toBeNull();

    await fill(user, screen.getByLabelText('현재 비밀번호'), 'wrong-one');
    await fill(user, screen.getByLabelText('새 비밀번호'), 'a-brand-new-passphrase');
    await fill(user, screen.getByLabelText('새 비밀번호 확인'), 'a-brand-new-passphrase');
    await user.click(screen.getByTestId('change-password-submit'));
    // the server's code, said in the reader's language (its English message is only the fallback)
    expect(await screen.findByText('현재 비밀번호가 아닙니다')).toBeInTheDocument();
    expect(screen.getByLabelText('현재 비밀번호')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByLabelText('현재 비밀번호'));
    expect(screen.queryByText('현재 비밀번호가 아닙니다')).toBeNull();
    await fill(user, screen.getByLabelText('현재 비밀번호'), 'old-password-1');
    await user.click(screen.getByTestId('change-password-submit'));
    expect(await screen.findByText('project list')).toBeInTheDocument();
    expect(m.callsTo('PUT', '/api/v1/me/password').at(-1)?.body).toEqual({ currentPassword: 'old-password-1', newPassword: 'a-brand-new-passphrase' });
  });

  it('says when the two new passwords differ, without asking the server', async () => {
    const m = mockFetch({ 'GET /api/v1/me': () => json({ ...me, passwordChangeRequired: true }) });
    const user = userEvent.setup();
    renderPage(app(), { route: '/projects', path: '/*' });
    await screen.findByTestId('change-password-form');
    await fill(user, screen.getByLabelText('Current password'), 'old-password-1');
    await fill(user, screen.getByLabelText('New password'), 'a-brand-new-passphrase');
    await fill(user, screen.getByLabelText('New password again'), 'a-brand-new-passphrasf');
    await user.click(screen.getByTestId('change-password-submit'));
    expect(screen.getByText('The two new passwords differ.')).toBeInTheDocument();
    expect(m.callsTo('PUT', '/api/v1/me/password')).toHaveLength(0);
  });
});

describe('a citizen in training', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lands on the academy after signing in, and has no tokens in the menu', async () => {
    let signedIn = false;
    mockFetch({
      'GET /api/v1/me': () => (signedIn ? json({ ...me, roles: ['TRAINEE'], passwordChangeRequired: false }) : problem(401, { title: 'Unauthorized' })),
      'POST /api/v1/auth/login': () => {
        signedIn = true;
        return json({ ...me, roles: ['TRAINEE'], passwordChangeRequired: false });
      },
    });
    const user = userEvent.setup();
    renderPage(app(), { route: '/login', path: '/*' });
    await user.type(await screen.findByTestId('login-username'), 'kim');
    await user.type(screen.getByTestId('login-password'), 'a-long-password');
    await user.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('my academy')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'My tokens' })).toBeNull();
  });
});
