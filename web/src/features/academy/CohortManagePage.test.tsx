import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cohort, RosterRow } from '../../api/academy';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { CohortManagePage } from './CohortManagePage';

const past = '2025-03-01T01:00:00Z';
const future = new Date(Date.now() + 7 * 86_400_000).toISOString();

const cohort: Cohort = {
  id: 4, name: '1기', capacity: 10, courseId: 1, courseName: '기초', me: null, minAttendance: 0.8, places: ['서울'],
  registered: 1, waitlisted: 0, seatsLeft: 9, totalHours: 4, registrationOpensAt: past, registrationClosesAt: past,
  registrationState: 'CLOSED',
  sessions: [
    { id: 11, startsAt: past, endsAt: past, hours: 2, place: '서울' },
    { id: 12, startsAt: future, endsAt: future, hours: 2, place: '서울' },
  ],
};
const row: RosterRow = {
  acceptedAt: null, accountId: 7, active: true, attendance: {}, attendanceRatio: 0, attendedHours: 0, attendedSessions: 0,
  bestScore: null, bestSubmittedAt: null, completed: false, displayName: '김', examPassed: false, placementId: null,
  placementRole: null, position: null, registeredAt: past, registrationId: 1, status: 'REGISTERED', totalHours: 4, username: 'kim',
};

describe('attendance grid', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets a session be marked only once it has started (the server refuses earlier ones)', async () => {
    mockFetch({
      'GET /api/v1/cohorts/4': () => json(cohort),
      'GET /api/v1/cohorts/4/registrations': () => json([row]),
    });
    renderPage(<CohortManagePage />, { route: '/academy/cohorts/4?tab=attendance', path: '/academy/cohorts/:id' });
    await screen.findByTestId('attendance-grid');
    expect(screen.getByRole('checkbox', { name: /1/ })).toBeEnabled();
    const later = screen.getByRole('checkbox', { name: /2/ });
    expect(later).toBeDisabled();
    expect(later).toHaveAttribute('title', 'This session has not started yet');
  });
});
