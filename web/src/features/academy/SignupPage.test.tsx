import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../../app/auth';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { SignupPage } from './SignupPage';

describe('sign-up page', () => {
  it('requires the privacy consent, then signs up, signs in and goes to the cohorts', async () => {
    const user = userEvent.setup();
    let signedIn = false;
    const me = { id: 9, username: 'minji', displayName: '이민지', roles: ['TRAINEE'] };
    const m = mockFetch({
      'GET /api/v1/me': () => (signedIn ? json(me) : problem(401, { title: 'Unauthorized' })),
      'POST /api/v1/signup': () => json(me, 201),
      'POST /api/v1/auth/login': () => {
        signedIn = true;
        return json(me);
      },
    });
    renderPage(
      <AuthProvider>
        <SignupPage />
      </AuthProvider>,
      { route: '/signup', path: '/signup' },
    );
    await user.type(await screen.findByLabelText('Username'), 'minji');
    await user.type(screen.getByLabelText('Display name'), '이민지');
    await user.type(screen.getByLabelText('Password'), 'long-Passw0rd');
    // The notice says what is kept.
    expect(screen.getByRole('region', { name: 'What personal data we keep' })).toHaveTextContent(/password \(stored only as a hash\)/);

    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please agree to the use of your personal data to sign up.');
    const consent = screen.getByRole('checkbox', { name: /I agree to the collection and use of my personal data/ });
    expect(consent).toHaveAttribute('aria-invalid', 'true');
    expect(consent).toHaveFocus();
    expect(m.callsTo('POST', '/api/v1/signup')).toHaveLength(0);

    await user.click(consent);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByText('elsewhere')).toBeInTheDocument(); // navigated to /academy
    expect(m.callsTo('POST', '/api/v1/signup')[0].body).toEqual({
      username: 'minji',
      password: 'long-Passw0rd',
      displayName: '이민지',
      privacyConsent: true,
    });
    expect(m.callsTo('POST', '/api/v1/auth/login')[0].body).toEqual({ username: 'minji', password: 'long-Passw0rd' });
  });

  it('shows the server field errors beside the fields', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/v1/me': () => problem(401, { title: 'Unauthorized' }),
      'POST /api/v1/signup': () =>
        problem(422, { title: 'The account is not valid', errors: [{ field: 'password', message: 'must be at least 8 characters' }] }),
    });
    renderPage(
      <AuthProvider>
        <SignupPage />
      </AuthProvider>,
      { route: '/signup', path: '/signup' },
    );
    await user.type(await screen.findByLabelText('Username'), 'minji');
    await user.type(screen.getByLabelText('Display name'), '이민지');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('checkbox', { name: /I agree/ }));
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByText('must be at least 8 characters', { selector: '.inline-error' })).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
  });
});
