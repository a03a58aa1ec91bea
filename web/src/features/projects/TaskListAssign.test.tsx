import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { TaskList } from './TaskList';

const page = {
  items: [
    { id: 11, state: 'NEW', data: { text: '첫째' }, createdAt: '2026-12-01T00:00:00Z', updatedAt: null },
    { id: 12, state: 'GOLD', data: { text: '금' }, createdAt: '2026-12-01T00:00:00Z', updatedAt: null },
  ],
  next: null,
};
const members = [
  { accountId: 5, username: 'kim', displayName: '김라벨', role: 'LABELER', paused: false, pauseReason: null },
  { accountId: 6, username: 'lee', displayName: '이쉼', role: 'LABELER', paused: true, pauseReason: null },
  { accountId: 7, username: 'park', displayName: '박검수', role: 'REVIEWER', paused: false, pauseReason: null },
];

describe('task list: open or assign a chosen task (issue 13)', () => {
  it('"Open" takes the task for the manager and goes to the labeling screen', async () => {
    const user = userEvent.setup();
    const { callsTo } = mockFetch({
      'GET /api/v1/projects/1/tasks': () => json(page),
      'POST /api/v1/tasks/11/assign': () => json({ assignmentId: 3, taskId: 11, projectId: 1, accountId: 2, leaseExpiresAt: '2026-12-01T01:00:00Z' }, 201),
    });
    renderPage(<TaskList projectId={1} manage openAs={2} />);
    await user.click(await screen.findByTestId('task-open-11'));
    await waitFor(() => expect(screen.getByText('elsewhere')).toBeInTheDocument());
    expect(callsTo('POST', '/api/v1/tasks/11/assign')[0].body).toEqual({ accountId: 2 });
  });

  it('"Assign to…" offers the project’s active labelers, gives the task and says so; gold has no actions', async () => {
    const user = userEvent.setup();
    const { callsTo } = mockFetch({
      'GET /api/v1/projects/1/tasks': () => json(page),
      'GET /api/v1/projects/1/members': () => json(members),
      'POST /api/v1/tasks/11/assign': () => json({ assignmentId: 3, taskId: 11, projectId: 1, accountId: 5, leaseExpiresAt: '2026-12-01T01:00:00Z' }, 201),
    });
    renderPage(<TaskList projectId={1} manage />);
    await screen.findByTestId('task-assign-11');
    expect(screen.queryByTestId('task-assign-12')).toBeNull();
    expect(screen.queryByTestId('task-open-11')).toBeNull(); // not a member manager: no "Open"
    await user.click(screen.getByTestId('task-assign-11'));
    const who = await screen.findByRole('combobox', { name: 'Labeler to give task 11 to' });
    expect([...(who as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['김라벨']);
    await user.click(screen.getByTestId('assign-confirm'));
    expect(await screen.findByTestId('task-assigned')).toHaveTextContent('Task 11 is given to 김라벨: it is their next task.');
    expect(callsTo('POST', '/api/v1/tasks/11/assign')[0].body).toEqual({ accountId: 5 });
  });

  it('says the server’s refusal in the reader’s language', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/v1/projects/1/tasks': () => json(page),
      'GET /api/v1/projects/1/members': () => json(members),
      'POST /api/v1/tasks/11/assign': () => problem(409, { title: 'Conflict', detail: 'no free slot', code: 'task.assign.noSlot', params: { taskId: 11, held: 1, overlap: 1 } }),
    });
    renderPage(<TaskList projectId={1} manage />, { lang: 'ko' });
    await user.click(await screen.findByTestId('task-assign-11'));
    await user.click(await screen.findByTestId('assign-confirm'));
    expect(await screen.findByRole('alert')).toHaveTextContent('작업 11에 빈 자리가 없습니다 (1자리 중 1자리 사용 중).');
  });
});
