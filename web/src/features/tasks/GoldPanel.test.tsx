import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TaskDetail } from '../../api/types';
import { json, mockFetch, noContent, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { GoldPanel } from './GoldPanel';
import { TaskDetailPage } from './TaskDetailPage';

const schema = { fields: [{ name: 'topic', type: 'choice', options: ['정치', '경제', '사회'] }] };

function task(extra: Partial<TaskDetail> = {}): TaskDetail {
  return { id: 7, projectId: 1, state: 'NEW', data: { text: '금리 인상' }, goldReference: null, assignments: [], annotations: [], ...extra };
}

describe('gold panel', () => {
  it('saves the reference entered with the field tools and reports success', async () => {
    const user = userEvent.setup();
    const changed = vi.fn();
    const { callsTo } = mockFetch({
      'PUT /api/v1/tasks/7/gold': () => json({ taskId: 7, projectId: 1, reference: { topic: '경제' }, answers: 0, meanScore: null }),
    });
    renderPage(<GoldPanel task={task()} schema={schema} onChanged={changed} />);
    expect(screen.getByTestId('gold-status')).toHaveTextContent('Enter the reference answer');
    await user.click(screen.getByRole('radio', { name: '경제' }));
    await user.click(screen.getByTestId('gold-save'));
    await waitFor(() => expect(changed).toHaveBeenCalled());
    expect(callsTo('PUT', '/api/v1/tasks/7/gold')[0].body).toEqual({ reference: { topic: '경제' } });
    expect(screen.getByRole('status')).toHaveTextContent('Reference saved');
  });

  it('authors a span reference with the labeler’s keys — select, label key — not typed offsets (issue 13)', async () => {
    const user = userEvent.setup();
    const spans = { fields: [{ name: 'ents', type: 'spans', labels: ['PER', 'LOC'] }] };
    const { callsTo } = mockFetch({
      'PUT /api/v1/tasks/7/gold': () => json({ taskId: 7, projectId: 1, reference: {}, answers: 0, meanScore: null }),
    });
    renderPage(<GoldPanel task={task({ data: { text: '서울에서 만나' } })} schema={spans} onChanged={() => {}} />);
    const text = screen.getByRole('textbox', { name: /Text to mark spans in/ });
    act(() => text.focus());
    fireEvent.keyDown(text, { key: 'ArrowRight', ctrlKey: true, shiftKey: true }); // "서울" up to its particle
    fireEvent.keyDown(text, { key: '2', code: 'Digit2' });
    // The JSON disclosure shows what the tools made, for experts.
    expect(JSON.parse((screen.getByRole('textbox', { name: 'JSON (for experts)' }) as HTMLTextAreaElement).value)).toEqual({
      ents: [{ id: 's1', start: 0, end: 2, label: 'LOC' }],
    });
    await user.click(screen.getByTestId('gold-save'));
    await waitFor(() => expect(callsTo('PUT', '/api/v1/tasks/7/gold')).toHaveLength(1));
    expect(callsTo('PUT', '/api/v1/tasks/7/gold')[0].body).toEqual({ reference: { ents: [{ id: 's1', start: 0, end: 2, label: 'LOC' }] } });
  });

  it('takes a reference pasted as JSON by an expert, and refuses what is not an object', async () => {
    const user = userEvent.setup();
    const { callsTo } = mockFetch({
      'PUT /api/v1/tasks/7/gold': () => json({ taskId: 7, projectId: 1, reference: {}, answers: 0, meanScore: null }),
    });
    renderPage(<GoldPanel task={task()} schema={schema} onChanged={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'JSON (for experts)' });
    fireEvent.change(box, { target: { value: '[1]' } });
    await user.click(screen.getByTestId('gold-json-apply'));
    expect(screen.getByRole('alert')).toHaveTextContent('must be an object keyed by field name');
    fireEvent.change(box, { target: { value: '{"topic": "사회"}' } });
    await user.click(screen.getByTestId('gold-json-apply'));
    expect(screen.getByRole('radio', { name: '사회' })).toBeChecked();
    await user.click(screen.getByTestId('gold-save'));
    await waitFor(() => expect(callsTo('PUT', '/api/v1/tasks/7/gold')).toHaveLength(1));
    expect(callsTo('PUT', '/api/v1/tasks/7/gold')[0].body).toEqual({ reference: { topic: '사회' } });
  });

  it('shows the server’s 422 on the field it names', async () => {
    const user = userEvent.setup();
    mockFetch({
      'PUT /api/v1/tasks/7/gold': () =>
        problem(422, { title: 'Validation failed', detail: 'The reference breaks the label schema in 1 field(s)', errors: [{ field: 'reference.topic', message: 'is required' }] }),
    });
    renderPage(<GoldPanel task={task()} schema={schema} onChanged={() => {}} />);
    await user.click(screen.getByTestId('gold-save'));
    expect(await screen.findByText('is required')).toBeInTheDocument();
  });

  it('a gold item shows its reference, its answers, and can stop being gold', async () => {
    const user = userEvent.setup();
    const changed = vi.fn();
    const { callsTo } = mockFetch({ 'DELETE /api/v1/tasks/7/gold': () => noContent() });
    const gold = task({
      state: 'GOLD',
      goldReference: { topic: '사회' },
      assignments: [
        { id: 1, labeler: 'kim', state: 'SCORED', leaseExpiresAt: null, goldScore: 1, goldFeedback: null },
        { id: 2, labeler: 'lee', state: 'SCORED', leaseExpiresAt: null, goldScore: 0, goldFeedback: null },
      ],
    });
    renderPage(<GoldPanel task={gold} schema={schema} onChanged={changed} />);
    expect(screen.getByTestId('gold-status')).toHaveTextContent('This task is a gold item');
    expect(screen.getByTestId('gold-answers')).toHaveTextContent('2 answers, mean 50%');
    expect(screen.getByRole('radio', { name: '사회' })).toBeChecked();
    expect(screen.getByTestId('gold-save')).toHaveTextContent('Replace the reference');
    await user.click(screen.getByTestId('gold-remove'));
    await waitFor(() => expect(changed).toHaveBeenCalled());
    expect(callsTo('DELETE', '/api/v1/tasks/7/gold')).toHaveLength(1);
  });

  it('appears on the task page for managers only, in Korean too', async () => {
    mockFetch({
      'GET /api/v1/tasks/7': () => json(task({ state: 'GOLD', goldReference: { topic: '경제' } })),
      'GET /api/v1/tasks/7/history': () => json([]),
      'GET /api/v1/projects/1': () => json({ id: 1, name: '뉴스', schema, myRole: 'MANAGER' }),
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/7', path: '/tasks/:id', lang: 'ko' });
    expect(await screen.findByTestId('gold-panel')).toHaveTextContent('정답 문항');
    expect(screen.getByTestId('task-state')).toHaveTextContent('정답 문항');
  });

  it('is not offered to a reviewer', async () => {
    mockFetch({
      'GET /api/v1/tasks/7': () => json(task()),
      'GET /api/v1/tasks/7/history': () => json([]),
      'GET /api/v1/projects/1': () => json({ id: 1, name: '뉴스', schema, myRole: 'REVIEWER' }),
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/7', path: '/tasks/:id' });
    expect(await screen.findByText('금리 인상')).toBeInTheDocument();
    expect(screen.queryByTestId('gold-panel')).toBeNull();
  });
});
