import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isImeComposing } from '../../annotator/core/shortcuts';
import type { LabelSchema, NextTask } from '../../api/types';
import { json, mockFetch, noContent, problem } from '../../test/fetchMock';
import { counts, nextTask, project as projectOf, submitted, taskDetail } from '../../test/fixtures';
import { renderPage } from '../../test/render';
import { LabelingPage } from './LabelingPage';

const schema: LabelSchema = { fields: [{ name: 'sentiment', type: 'choice', options: ['긍정', '부정', '중립'], multiple: false, required: true }] };
const project = projectOf({ id: 1, name: '감성 분류', schema, myRole: 'LABELER', counts: counts({ NEW: 3, total: 3 }) });

function task(n: number, extra: Partial<NextTask> = {}): NextTask {
  return nextTask({ assignmentId: 100 + n, taskId: n, data: { text: `문장 ${n}`, source: 'news' }, schema, ...extra });
}

function setup(tasks: ReturnType<typeof task>[], submit?: (n: number) => Response) {
  const queue = [...tasks];
  let submits = 0;
  const routes: Record<string, () => Response> = {
    'GET /api/v1/projects/1': () => json(project),
    'GET /api/v1/tasks/1': () =>
      json(taskDetail({
        id: 1,
        projectId: 1,
        state: 'REJECTED',
        data: { text: '문장 1' },
        assignments: [],
        annotations: [
          { id: 8, assignmentId: 101, author: 'labeler1', kind: 'SUBMISSION', version: 2, result: { sentiment: '중립' }, createdAt: '2024-05-01T09:00:00Z' },
          { id: 7, assignmentId: 101, author: 'labeler1', kind: 'SUBMISSION', version: 1, result: { sentiment: '부정' }, createdAt: '2024-04-30T09:00:00Z' },
        ],
      })),
    'POST /api/v1/projects/1/next-task': () => {
      const next = queue.shift();
      return next ? json(next) : noContent();
    },
  };
  for (const t of tasks) {
    routes[`POST /api/v1/assignments/${t.assignmentId}/submit`] = () => (submit ? submit(++submits) : json(submitted(t.assignmentId)));
    routes[`PUT /api/v1/assignments/${t.assignmentId}/draft`] = () => noContent();
  }
  const m = mockFetch(routes);
  renderPage(<LabelingPage />, { route: '/projects/1/label', path: '/projects/:id/label' });
  return m;
}

const submits = (m: ReturnType<typeof mockFetch>) => m.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/submit'));

describe('isImeComposing', () => {
  it('is true for isComposing and for keyCode 229', () => {
    expect(isImeComposing({ isComposing: true, keyCode: 13 })).toBe(true);
    expect(isImeComposing({ isComposing: false, keyCode: 229 })).toBe(true);
    expect(isImeComposing({ isComposing: false, keyCode: 13 })).toBe(false);
  });
});

describe('labeling screen: Enter to submit', () => {
  it('does not submit while an IME composition is active; submits on a plain Enter', async () => {
    const m = setup([task(1), task(2)]);
    expect(await screen.findByText('문장 1')).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    expect(screen.getByRole('radio', { name: '긍정' })).toBeChecked();

    // the Enter that confirms a Hangul syllable
    fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter', isComposing: true });
    // Chrome/Safari send keyCode 229 for keys the IME handles
    fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter', keyCode: 229 });
    await new Promise((r) => setTimeout(r, 20));
    expect(submits(m)).toHaveLength(0);

    fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await screen.findByText('문장 2');
    expect(submits(m)).toHaveLength(1);
    expect(submits(m)[0].body).toEqual({ result: { sentiment: '긍정' } });
  });

  it('Enter in a text box is text, not submit (but Ctrl+Enter submits, unless composing)', async () => {
    const m = setup([task(1), task(2)]);
    await screen.findByText('문장 1');
    const input = screen.getByTestId('skip-reason');
    input.focus();
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', ctrlKey: true, isComposing: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(submits(m)).toHaveLength(0);
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', ctrlKey: true });
    await screen.findByText('문장 2');
    expect(submits(m)).toHaveLength(1);
  });

  it('Enter on a focused button does what the button does, not submit', async () => {
    const m = setup([task(1)]);
    await screen.findByText('문장 1');
    const undo = screen.getByRole('button', { name: /Undo/ });
    fireEvent.keyDown(undo, { key: 'Enter', code: 'Enter' });
    await new Promise((r) => setTimeout(r, 20));
    expect(submits(m)).toHaveLength(0);
  });
});

describe('labeling screen: flow', () => {
  it('loads the next task after submit and says when there are none left', async () => {
    setup([task(1)]);
    await screen.findByText('문장 1');
    expect(screen.getByText('news')).toBeInTheDocument(); // other data keys as metadata
    expect(screen.getByTestId('task-reason')).toHaveTextContent('Next in order');
    fireEvent.keyDown(document.body, { key: '3', code: 'Digit3' });
    fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter' });
    expect(await screen.findByTestId('no-more-tasks')).toBeInTheDocument();
  });

  it('shows the reviewer reason on rework and starts from the draft', async () => {
    setup([
      task(1, {
        reason: 'rework',
        draft: { sentiment: '부정' },
        rejection: { reason: '문맥상 긍정입니다', reviewer: 'reviewer1', at: '2024-05-01T10:00:00Z' },
      }),
    ]);
    expect(await screen.findByTestId('rejection-reason')).toHaveTextContent('문맥상 긍정입니다');
    expect(screen.getByTestId('rejection')).toHaveTextContent('reviewer1');
    expect(screen.getByTestId('task-reason')).toHaveTextContent('Rework');
    expect(screen.getByRole('radio', { name: '부정' })).toBeChecked();
  });

  it('rework without a draft starts from the labeler’s rejected answer', async () => {
    setup([
      task(1, {
        reason: 'rework',
        rejection: { reason: '다시 보세요', reviewer: 'reviewer1', at: '2024-05-01T10:00:00Z' },
      }),
    ]);
    // GET /tasks/1 (in setup) holds the labeler's own work: two versions, the latest one was rejected
    expect(await screen.findByTestId('rejection-reason')).toHaveTextContent('다시 보세요');
    await waitFor(() => expect(screen.getByRole('radio', { name: '중립' })).toBeChecked());
    expect(screen.getByTestId('previous-answer')).toBeInTheDocument();
  });

  it('shows 422 errors next to the field and keeps the task', async () => {
    setup([task(1)], () => problem(422, { title: 'Invalid', errors: [{ field: 'result.sentiment', message: 'is required' }] }));
    await screen.findByText('문장 1');
    fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter' });
    const field = screen.getByTestId('field-sentiment');
    await waitFor(() => expect(field).toHaveTextContent('is required'));
    expect(screen.getByText('문장 1')).toBeInTheDocument();
  });

  it('says coded 422 errors in the reader language next to the field (the server English is only the fallback)', async () => {
    const errors = [{ field: 'result.sentiment', message: "'x' is not one of [긍정, 부정, 중립]", code: 'value.notAllowed', params: { value: 'x', allowed: ['긍정', '부정', '중립'] } }];
    mockFetch({
      'GET /api/v1/projects/1': () => json(project),
      'POST /api/v1/projects/1/next-task': () => json(task(1)),
      'POST /api/v1/assignments/101/submit': () => problem(422, { title: 'Invalid', errors }),
      'PUT /api/v1/assignments/101/draft': () => noContent(),
    });
    renderPage(<LabelingPage />, { route: '/projects/1/label', path: '/projects/:id/label', lang: 'ko' });
    await screen.findByText('문장 1');
    fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter' });
    const field = screen.getByTestId('field-sentiment');
    await waitFor(() => expect(field).toHaveTextContent("'x'은(는) 허용된 값이 아닙니다 ([긍정, 부정, 중립] 중 하나)"));
    expect(field).not.toHaveTextContent('is not one of');
    expect(screen.getByTestId('error-summary')).toHaveTextContent("sentiment: 'x'은(는) 허용된 값이 아닙니다");
  });

  it('on 409 says the lease expired and fetches the next task', async () => {
    setup([task(1), task(2)], () => problem(409, { title: 'Lease gone' }));
    await screen.findByText('문장 1');
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter' });
    expect(await screen.findByText('문장 2')).toBeInTheDocument();
    expect(screen.getByTestId('label-notice')).toHaveTextContent('lease expired');
  });

  it('autosaves the draft after an edit', async () => {
    const m = setup([task(1)]);
    await screen.findByText('문장 1');
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2' });
    await waitFor(() => expect(m.callsTo('PUT', '/api/v1/assignments/101/draft')).toHaveLength(1), { timeout: 3000 });
    expect(m.callsTo('PUT', '/api/v1/assignments/101/draft')[0].body).toEqual({ result: { sentiment: '부정' } });
    expect(await screen.findByTestId('save-state')).toHaveTextContent('Draft saved');
  });
});

describe('labeling screen: paused automatically', () => {
  it('says why in the reader’s language from the problem’s code, not the server’s English', async () => {
    mockFetch({
      'GET /api/v1/projects/1': () => json(project),
      'POST /api/v1/projects/1/next-task': () =>
        problem(403, {
          title: 'Forbidden',
          detail: 'Your work in project 1 is paused automatically: …',
          code: 'quality.autoPaused',
          params: { answers: 10, accuracy: 0.62, minAccuracy: 0.8, minGoldAnswers: 10 },
        }),
    });
    renderPage(<LabelingPage />, { route: '/projects/1/label', path: '/projects/:id/label', lang: 'ko' });
    expect(await screen.findByText(/정답 문항 정확도가 62%\(정답 문항 응답 10개\)로 이 프로젝트의 기준 80%보다 낮아/)).toBeInTheDocument();
  });
});
