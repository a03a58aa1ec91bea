import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { MembersPanel } from './MembersPanel';

const paused = {
  accountId: 7,
  username: 'lee',
  displayName: '이작업',
  role: 'LABELER',
  paused: true,
  pauseReason: { code: 'quality.autoPaused', params: { accuracy: 0, minAccuracy: 0.8, answers: 2, minGoldAnswers: 2 }, at: '2026-12-01T00:00:00Z' },
};

describe('members panel', () => {
  it('resumes an automatically paused labeler: the click sends paused false (read before React resets the box)', async () => {
    const user = userEvent.setup();
    const calls = mockFetch({
      'GET /api/v1/projects/3/members': () => json([paused]),
      'GET /api/v1/accounts': () => json({ items: [], next: null }),
      'PUT /api/v1/projects/3/members/7': () => json({ ...paused, paused: false, pauseReason: null }),
      'GET /api/v1/projects/3': () => json({}),
    });
    renderPage(<MembersPanel projectId={3} />);
    expect(await screen.findByTestId('member-pause-reason-lee')).toHaveTextContent('accuracy 0%');
    await user.click(screen.getByTestId('member-paused-lee'));
    await waitFor(() => expect(calls.callsTo('PUT', '/api/v1/projects/3/members/7')).toHaveLength(1));
    expect(calls.callsTo('PUT', '/api/v1/projects/3/members/7')[0].body).toEqual({ role: 'LABELER', paused: false });
  });
});
