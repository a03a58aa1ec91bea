import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../test/fetchMock';
import { renderPage } from '../test/render';
import { AuthProvider } from './auth';
import { Layout } from './Layout';

const me = { id: 7, username: 'kim', displayName: '김', roles: ['LABELER'] };

describe('Layout sign-in notice', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tells the owner about failed sign-ins since the last one, in the chosen language, until dismissed', async () => {
    mockFetch({
      'GET /api/v1/me': () => json({ ...me, signInNotice: { code: 'FAILED_SIGN_INS', count: 21, lastAt: '2026-12-01T06:00:00Z' } }),
    });
    renderPage(
      <AuthProvider>
        <Layout />
      </AuthProvider>,
      { lang: 'ko' },
    );
    const notice = await screen.findByTestId('sign-in-notice');
    expect(notice.textContent).toContain('로그인 실패가 21번');
    await userEvent.click(screen.getByRole('button', { name: '확인' }));
    expect(screen.queryByTestId('sign-in-notice')).toBeNull();
  });

  it('shows nothing without a notice', async () => {
    mockFetch({ 'GET /api/v1/me': () => json({ ...me, signInNotice: null }) });
    renderPage(
      <AuthProvider>
        <Layout />
      </AuthProvider>,
    );
    await screen.findByTestId('current-user');
    expect(screen.queryByTestId('sign-in-notice')).toBeNull();
  });
});
