import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { detailText, TaskDetailPage } from './TaskDetailPage';

const schema = { fields: [{ name: 'topic', type: 'choice', options: ['정치', '경제', '사회'] }] };

describe('task detail', () => {
  it('puts a reason first and lists the other details', () => {
    expect(detailText({ reason: '사회 기사입니다', reviewId: 3 })).toBe('사회 기사입니다 — reviewId: 3');
    expect(detailText({ importId: 1 })).toBe('importId: 1');
    expect(detailText(null)).toBe('');
    expect(detailText('text')).toBe('text');
  });

  it('shows the data, each annotation version and the event history in order', async () => {
    mockFetch({
      'GET /api/v1/tasks/7': () =>
        json({
          id: 7,
          projectId: 1,
          state: 'APPROVED',
          data: { text: '미세먼지 기사' },
          assignments: [{ id: 3, labeler: 'kim', state: 'APPROVED', leaseExpiresAt: null }],
          annotations: [
            { id: 1, assignmentId: 3, author: 'kim', kind: 'SUBMISSION', version: 1, result: { topic: '경제' }, createdAt: '2024-05-01T00:00:00Z' },
            { id: 2, assignmentId: 3, author: 'kim', kind: 'SUBMISSION', version: 2, result: { topic: '사회' }, createdAt: '2024-05-01T01:00:00Z' },
          ],
        }),
      'GET /api/v1/tasks/7/history': () =>
        json([
          { id: 1, type: 'CREATE', actor: null, assignmentId: null, detail: { importId: 1 }, at: '2024-05-01T00:00:00Z' },
          { id: 2, type: 'ASSIGN', actor: 'kim', assignmentId: 3, detail: { reason: 'order' }, at: '2024-05-01T00:00:01Z' },
          { id: 3, type: 'REJECT', actor: 'lee', assignmentId: 3, detail: { reason: '사회 기사입니다', reviewId: 3 }, at: '2024-05-01T00:30:00Z' },
          { id: 4, type: 'APPROVE', actor: 'lee', assignmentId: 3, detail: { reviewId: 4 }, at: '2024-05-01T01:30:00Z' },
        ]),
      'GET /api/v1/projects/1': () => json({ id: 1, name: '뉴스', schema }),
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/7', path: '/tasks/:id' });
    expect(await screen.findByText('미세먼지 기사')).toBeInTheDocument();
    const events = await screen.findAllByTestId('history-event');
    expect(events.map((e) => e.getAttribute('data-type'))).toEqual(['CREATE', 'ASSIGN', 'REJECT', 'APPROVE']);
    expect(events[1]).toHaveTextContent('Next in order'); // the queue's reason, in words
    expect(events[2]).toHaveTextContent('사회 기사입니다');
    expect(screen.getByTestId('task-state')).toHaveTextContent('Approved');
    expect(await screen.findAllByRole('radio', { name: '사회', checked: true })).toHaveLength(1);
    expect(screen.getAllByRole('radio', { name: '경제', checked: true })).toHaveLength(1);
  });

  it("draws a spans task's annotation as its text with the spans highlighted, not as offsets", async () => {
    const text = '김철수는 삼성전자에 다닌다';
    mockFetch({
      'GET /api/v1/tasks/8': () =>
        json({
          id: 8,
          projectId: 2,
          state: 'SUBMITTED',
          data: { text },
          assignments: [{ id: 4, labeler: 'kim', state: 'SUBMITTED', leaseExpiresAt: null }],
          annotations: [
            {
              id: 5,
              assignmentId: 4,
              author: 'kim',
              kind: 'SUBMISSION',
              version: 1,
              result: { entities: [{ id: 's1', start: 0, end: 3, label: 'PER' }, { id: 's2', start: 5, end: 9, label: 'ORG' }] },
              createdAt: '2024-05-01T00:00:00Z',
            },
          ],
        }),
      'GET /api/v1/tasks/8/history': () => json([]),
      'GET /api/v1/projects/2': () => json({ id: 2, name: 'NER', schema: { fields: [{ name: 'entities', type: 'spans', labels: ['PER', 'ORG'] }] } }),
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/8', path: '/tasks/:id' });
    const annotation = await screen.findByTestId('annotation-5');
    const drawn = await within(annotation).findByTestId('spans-text-entities');
    expect(drawn).toHaveTextContent('김철수PER는 삼성전자ORG에 다닌다'); // the text, each span tagged with its label
    expect(within(annotation).queryByText(/data\.text/)).toBeNull();
    const marks = [...drawn.querySelectorAll('.spans-mark')].map((m) => m.textContent);
    expect(marks).toEqual(['김철수', '삼성전자']);
    // Read-only: no label buttons to change it.
    expect(within(annotation).queryByRole('toolbar')).toBeNull();
  });
});
