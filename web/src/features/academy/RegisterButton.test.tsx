import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../api/academy';
import { AuthProvider } from '../../app/auth';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { RegisterButton, windowState } from './RegisterButton';

const trainee = { id: 7, username: 'citizen', displayName: '김시민', roles: ['TRAINEE'] };
const HOUR = 3600_000;

function cohort(over: Partial<Cohort> = {}): Cohort {
  return {
    id: 5,
    courseId: 1,
    courseName: '텍스트 라벨링 기초',
    name: '2025년 1기',
    capacity: 2,
    registered: 0,
    seatsLeft: 2,
    waitlisted: 0,
    registrationOpensAt: new Date(Date.now() - HOUR).toISOString(),
    registrationClosesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    registrationState: 'OPEN',
    minAttendance: 0.8,
    totalHours: 6,
    places: ['서울'],
    sessions: [],
    me: null,
    ...over,
  };
}

function render(c: Cohort) {
  return renderPage(
    <AuthProvider>
      <RegisterButton cohort={c} />
    </AuthProvider>,
  );
}

describe('registration button', () => {
  it('before the window: disabled, with the opening time and a countdown', async () => {
    mockFetch({ 'GET /api/v1/me': () => json(trainee) });
    const opens = new Date(Date.now() + 2 * HOUR + 5 * 60_000);
    render(cohort({ registrationOpensAt: opens.toISOString(), registrationState: 'UPCOMING' }));
    const button = await screen.findByRole('button', { name: 'Register' });
    expect(button).toBeDisabled();
    const note = screen.getByTestId('window-note');
    expect(note).toHaveTextContent(/^Opens at .+ \(in 2:0[45]:\d\d\)$/);
    expect(note.textContent).toContain(String(opens.getFullYear()));
    expect(button).toHaveAccessibleDescription(note.textContent!);
  });

  it('opens by the browser clock and registers: REGISTERED', async () => {
    const user = userEvent.setup();
    const m = mockFetch({
      'GET /api/v1/me': () => json(trainee),
      'POST /api/v1/cohorts/5/registrations': () =>
        json({ registrationId: 11, cohortId: 5, status: 'REGISTERED', position: null, registeredAt: new Date().toISOString() }, 201),
    });
    // The list said UPCOMING a moment ago, but the opening minute has come: the button is live.
    render(cohort({ registrationState: 'UPCOMING', registrationOpensAt: new Date(Date.now() - 1000).toISOString() }));
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    const status = await screen.findByTestId('registration-status');
    expect(status).toHaveTextContent('Registered');
    expect(status).toHaveAttribute('data-status', 'REGISTERED');
    expect(m.callsTo('POST', '/api/v1/cohorts/5/registrations')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Cancel registration · 2025년 1기' })).toBeEnabled();
  });

  it('a full cohort offers the wait list and shows the position', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/v1/me': () => json(trainee),
      'POST /api/v1/cohorts/5/registrations': () =>
        json({ registrationId: 12, cohortId: 5, status: 'WAITLISTED', position: 3, registeredAt: new Date().toISOString() }, 201),
    });
    render(cohort({ registered: 2, seatsLeft: 0, waitlisted: 2 }));
    await user.click(await screen.findByRole('button', { name: 'Join the wait list' }));
    expect(await screen.findByTestId('registration-status')).toHaveTextContent('Waitlisted · position 3');
    expect(screen.getByRole('button', { name: /^Leave the wait list · / })).toHaveTextContent('Leave the wait list');
  });

  it('shows my existing wait-list place in Korean', async () => {
    mockFetch({ 'GET /api/v1/me': () => json(trainee) });
    renderPage(
      <AuthProvider>
        <RegisterButton cohort={cohort({ me: { registrationId: 3, status: 'WAITLISTED', position: 1 } })} />
      </AuthProvider>,
      { lang: 'ko' },
    );
    expect(await screen.findByTestId('registration-status')).toHaveTextContent('대기 중 · 대기 1번');
  });

  it('a 409 from the server says when registration opens', async () => {
    const user = userEvent.setup();
    const opensAt = new Date(Date.now() + 10 * 60_000).toISOString();
    mockFetch({
      'GET /api/v1/me': () => json(trainee),
      'POST /api/v1/cohorts/5/registrations': () =>
        problem(409, { title: 'Registration is not open', detail: `opens at ${opensAt}`, opensAt, closesAt: new Date(Date.now() + HOUR).toISOString() }),
    });
    // The browser's clock runs ahead of the server's.
    render(cohort());
    await user.click(await screen.findByRole('button', { name: 'Register' }));
    expect(await screen.findByTestId('register-notice')).toHaveTextContent(/^Registration is not open yet\. It opens at .+\.$/);
    expect(screen.queryByTestId('registration-status')).toBeNull();
  });

  it('signed out: a link to sign in and to sign up', async () => {
    mockFetch({ 'GET /api/v1/me': () => problemUnauthorized() });
    render(cohort());
    expect(await screen.findByRole('link', { name: 'Sign in to register' })).toHaveAttribute('href', '/login');
    expect(screen.getByRole('link', { name: 'Sign up as a trainee' })).toHaveAttribute('href', '/signup');
  });

  it('window state by the clock', () => {
    const c = { registrationOpensAt: '2025-03-01T00:00:00Z', registrationClosesAt: '2025-03-02T00:00:00Z' };
    expect(windowState(c, Date.parse('2025-02-28T23:59:59Z'))).toBe('UPCOMING');
    expect(windowState(c, Date.parse('2025-03-01T00:00:00Z'))).toBe('OPEN');
    expect(windowState(c, Date.parse('2025-03-02T00:00:00Z'))).toBe('CLOSED');
  });
});

function problemUnauthorized() {
  return problem(401, { title: 'Unauthorized' });
}
