import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cohort } from '../../api/academy';
import { AuthProvider } from '../../app/auth';
import { json, mockFetch, noContent } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { RegisterButton } from './RegisterButton';

const trainee = { id: 7, username: 'citizen', displayName: '김시민', roles: ['TRAINEE'] };
const HOUR = 3600_000;

function cohort(over: Partial<Cohort> = {}): Cohort {
  const later = Date.now() + 48 * HOUR;
  return {
    id: 5, courseId: 1, courseName: '기초', name: '2025년 1기', capacity: 2, registered: 2, seatsLeft: 0, waitlisted: 3,
    registrationOpensAt: new Date(Date.now() - HOUR).toISOString(), registrationClosesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    registrationState: 'OPEN', minAttendance: 0.8, totalHours: 6, places: ['서울'],
    sessions: [{ id: 1, startsAt: new Date(later).toISOString(), endsAt: new Date(later + 6 * HOUR).toISOString(), hours: 6, place: '서울' }],
    me: { registrationId: 9, status: 'REGISTERED', position: null },
    ...over,
  };
}

describe('a citizen gives up a first-come seat only after a confirmation', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says the seat goes to the next person, and keeping it sends nothing', async () => {
    const m = mockFetch({ 'GET /api/v1/me': () => json(trainee), 'DELETE /api/v1/cohorts/5/registrations/me': () => noContent() });
    const user = userEvent.setup();
    renderPage(<AuthProvider><RegisterButton cohort={cohort()} /></AuthProvider>, { lang: 'ko' });
    await user.click(await screen.findByTestId('cancel-registration'));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('내 자리는 바로 대기 1번에게 넘어가고(대기 3명)');
    expect(m.callsTo('DELETE', '/api/v1/cohorts/5/registrations/me')).toHaveLength(0);
    await user.click(screen.getByTestId('cancel-confirm-no'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(m.callsTo('DELETE', '/api/v1/cohorts/5/registrations/me')).toHaveLength(0);

    await user.click(screen.getByTestId('cancel-registration'));
    await user.click(screen.getByTestId('cancel-confirm-yes'));
    expect(await screen.findByTestId('register-notice')).toHaveTextContent('신청을 취소했습니다.');
    expect(m.callsTo('DELETE', '/api/v1/cohorts/5/registrations/me')).toHaveLength(1);
  });

  it('offers no cancel once the cohort is completed', async () => {
    mockFetch({ 'GET /api/v1/me': () => json(trainee) });
    const past = Date.now() - 48 * HOUR;
    const done = cohort({ sessions: [{ id: 1, startsAt: new Date(past).toISOString(), endsAt: new Date(past + 6 * HOUR).toISOString(), hours: 6, place: '서울' }] });
    renderPage(<AuthProvider><RegisterButton cohort={done} /></AuthProvider>);
    expect(await screen.findByTestId('cohort-completed')).toHaveTextContent('This cohort is completed');
    expect(screen.queryByTestId('cancel-registration')).toBeNull();
  });
});
