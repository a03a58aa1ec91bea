import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch, noContent, problem } from '../../test/fetchMock';
import { counts, decided, nextReview, project as projectOf } from '../../test/fixtures';
import { renderPage } from '../../test/render';
import type { LabelSchema } from '../../api/types';
import { ReviewPage, SINGLE_KEYS_STORAGE_KEY, UNDO_MS } from './ReviewPage';

const schema: LabelSchema = { fields: [{ name: 'topic', type: 'choice', options: ['정치', '경제', '사회'], multiple: false, required: true }] };
const project = projectOf({ id: 1, name: '뉴스 주제', schema, myRole: 'REVIEWER', counts: counts({ SUBMITTED: 2, total: 2 }) });

function review(n: number, topic: string) {
  return nextReview({ reviewId: 500 + n, taskId: n, assignmentId: 100 + n, data: { text: `기사 ${n}` }, result: { topic }, schema });
}

function setup(reviews: ReturnType<typeof review>[], decision?: () => Response) {
  const queue = [...reviews];
  const routes: Record<string, () => Response> = {
    'GET /api/v1/projects/1': () => json(project),
    'POST /api/v1/projects/1/next-review': () => {
      const next = queue.shift();
      return next ? json(next) : noContent();
    },
  };
  for (const r of reviews) {
    routes[`POST /api/v1/reviews/${r.reviewId}/decision`] = decision ?? (() => json(decided(r.reviewId, 'APPROVE')));
  }
  const m = mockFetch(routes);
  renderPage(<ReviewPage />, { route: '/projects/1/review', path: '/projects/:id/review' });
  return { ...m, decisions: () => m.calls.filter((c) => c.path.endsWith('/decision')) };
}

describe('review screen', () => {
  it('shows the labeler’s answer read-only and approves with A', async () => {
    const m = setup([review(1, '경제'), review(2, '정치')]);
    await screen.findByText('기사 1');
    expect(screen.getByTestId('review-labeler')).toHaveTextContent('labeler1');
    expect(screen.getByRole('radio', { name: '경제' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '경제' })).toBeDisabled();
    // option hotkeys do nothing while only viewing
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    expect(screen.getByRole('radio', { name: '경제' })).toBeChecked();
    // the task has the focus, so the review screen's keys work at once
    expect(document.activeElement).toHaveAttribute('data-task-id', '1');
    fireEvent.keyDown(document.activeElement!, { key: 'a', code: 'KeyA' });
    // held for an undo: nothing sent yet; Enter sends at once
    expect(screen.getByTestId('decision-pending')).toHaveTextContent('Approving');
    expect(m.decisions()).toHaveLength(0);
    fireEvent.keyDown(document.activeElement!, { key: 'Enter', code: 'Enter' });
    await screen.findByText('기사 2');
    expect(m.decisions()).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-task-id', '2'));
    expect(m.decisions()[0].body).toEqual({ verdict: 'APPROVE' });
  });

  it('reject requires a reason: nothing is sent until one is written', async () => {
    const user = userEvent.setup();
    const m = setup([review(1, '경제'), review(2, '정치')]);
    await screen.findByText('기사 1');
    await user.click(screen.getByRole('button', { name: /Reject/ }));
    const reason = screen.getByRole('textbox', { name: /Reason/ });
    expect(reason).toHaveFocus();
    expect(reason).toBeRequired();
    const send = screen.getByRole('button', { name: /Send rejection/ });
    expect(send).toBeDisabled();
    await user.type(reason, '   ');
    expect(send).toBeDisabled();
    fireEvent.click(send); // even if the click got through, no request without a reason
    await new Promise((r) => setTimeout(r, 20));
    expect(m.decisions()).toHaveLength(0);

    await user.clear(reason);
    await user.type(reason, '사회 기사입니다');
    expect(send).toBeEnabled();
    await user.click(send);
    await user.click(screen.getByRole('button', { name: /Send now/ }));
    await screen.findByText('기사 2');
    expect(m.decisions()).toHaveLength(1);
    expect(m.decisions()[0].body).toEqual({ verdict: 'REJECT', reason: '사회 기사입니다' });
    expect(screen.getByTestId('review-notice')).toHaveTextContent('Rejected.');
  });

  it('R opens the reason box; typing "a" there is text, not approve; Escape cancels', async () => {
    const user = userEvent.setup();
    const m = setup([review(1, '경제')]);
    await screen.findByText('기사 1');
    fireEvent.keyDown(document.activeElement!, { key: 'r', code: 'KeyR' });
    const reason = await screen.findByRole('textbox', { name: /Reason/ });
    await user.type(reason, 'a');
    expect(reason).toHaveValue('a');
    expect(m.decisions()).toHaveLength(0);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: /Reason/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Approve/ })).toBeInTheDocument();
  });

  it('Ctrl+Enter sends the rejection from the reason box, but not while composing Hangul', async () => {
    const user = userEvent.setup();
    const m = setup([review(1, '경제'), review(2, '정치')]);
    await screen.findByText('기사 1');
    fireEvent.keyDown(document.activeElement!, { key: 'r', code: 'KeyR' });
    const reason = await screen.findByRole('textbox', { name: /Reason/ });
    fireEvent.keyDown(reason, { key: 'Enter', code: 'Enter', ctrlKey: true }); // empty: nothing to send
    await user.type(reason, '사회');
    fireEvent.keyDown(reason, { key: 'Enter', code: 'Enter', ctrlKey: true, isComposing: true });
    fireEvent.keyDown(reason, { key: 'Enter', code: 'Enter', ctrlKey: true, keyCode: 229 });
    await new Promise((r) => setTimeout(r, 20));
    expect(m.decisions()).toHaveLength(0);
    fireEvent.keyDown(reason, { key: 'Enter', code: 'Enter', ctrlKey: true });
    await user.click(await screen.findByRole('button', { name: /Send now/ }));
    await screen.findByText('기사 2');
    expect(m.decisions()[0].body).toEqual({ verdict: 'REJECT', reason: '사회' });
  });

  it('correct: edits the result with hotkeys and sends it as a new version', async () => {
    const user = userEvent.setup();
    const m = setup([review(1, '경제')]);
    await screen.findByText('기사 1');
    await user.click(screen.getByRole('button', { name: 'Correct' }));
    expect(screen.getByRole('radio', { name: '사회' })).toBeEnabled();
    fireEvent.keyDown(document.body, { key: '3', code: 'Digit3' });
    expect(screen.getByRole('radio', { name: '사회' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: /Save correction/ }));
    await screen.findByTestId('no-more-reviews');
    expect(m.decisions()[0].body).toEqual({ verdict: 'CORRECT', result: { topic: '사회' } });
  });

  it('a 422 on reject shows the server’s words and keeps the review open', async () => {
    const user = userEvent.setup();
    setup([review(1, '경제')], () => problem(422, { title: 'Invalid', errors: [{ field: 'reason', message: 'is too short' }] }));
    await screen.findByText('기사 1');
    await user.click(screen.getByRole('button', { name: /Reject/ }));
    await user.type(screen.getByRole('textbox', { name: /Reason/ }), 'x');
    await user.click(screen.getByRole('button', { name: /Send rejection/ }));
    await user.click(screen.getByRole('button', { name: /Send now/ }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('is too short'));
    expect(screen.getByText('기사 1')).toBeInTheDocument();
  });

  // a11y (issue 15): WCAG 2.1.4 character key shortcuts, and an undo before an approve or reject goes out
  it('A and R work only inside the review screen, and can be turned off (remembered in this browser)', async () => {
    const user = userEvent.setup();
    localStorage.removeItem(SINGLE_KEYS_STORAGE_KEY);
    const m = setup([review(1, '경제')]);
    await screen.findByText('기사 1');
    const outside = document.createElement('input');
    outside.type = 'checkbox';
    document.body.append(outside);
    fireEvent.keyDown(outside, { key: 'a', code: 'KeyA' });
    expect(screen.queryByTestId('decision-pending')).not.toBeInTheDocument();
    outside.remove();
    await user.click(screen.getByTestId('review-shortcuts-toggle'));
    expect(localStorage.getItem(SINGLE_KEYS_STORAGE_KEY)).toBe('off');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument(); // no key shown any more
    fireEvent.keyDown(screen.getByText('기사 1'), { key: 'a', code: 'KeyA' });
    fireEvent.keyDown(screen.getByText('기사 1'), { key: 'r', code: 'KeyR' });
    expect(screen.queryByTestId('decision-pending')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Reason/ })).not.toBeInTheDocument();
    expect(m.decisions()).toHaveLength(0);
    localStorage.removeItem(SINGLE_KEYS_STORAGE_KEY);
  });

  it('undo (button or Ctrl+Z) keeps the review and sends nothing; a page close sends what is held', async () => {
    const user = userEvent.setup();
    const m = setup([review(1, '경제'), review(2, '정치')]);
    await screen.findByText('기사 1');
    fireEvent.keyDown(document.activeElement!, { key: 'a', code: 'KeyA' });
    await user.click(screen.getByRole('button', { name: /Undo/ }));
    expect(screen.queryByTestId('decision-pending')).not.toBeInTheDocument();
    expect(screen.getByTestId('review-notice')).toHaveTextContent('Undone');
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-task-id', '1'));
    fireEvent.keyDown(document.activeElement!, { key: 'a', code: 'KeyA' });
    fireEvent.keyDown(document.activeElement!, { key: 'z', code: 'KeyZ', ctrlKey: true });
    expect(screen.queryByTestId('decision-pending')).not.toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 20));
    expect(m.decisions()).toHaveLength(0);
    expect(screen.getByText('기사 1')).toBeInTheDocument();

    fireEvent.keyDown(document.activeElement!, { key: 'a', code: 'KeyA' });
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(() => expect(m.decisions()).toHaveLength(1));
    expect(m.decisions()[0].body).toEqual({ verdict: 'APPROVE' });
  });

  it('a mouse press on "send now" does not hold the bar (its text would move the button from under the pointer)', async () => {
    const m = setup([review(1, '경제'), review(2, '정치')]);
    await screen.findByText('기사 1');
    fireEvent.keyDown(document.activeElement!, { key: 'a', code: 'KeyA' });
    const now = screen.getByTestId('send-now');
    fireEvent.pointerDown(now);
    act(() => now.focus());
    expect(screen.getByTestId('decision-pending')).toHaveAttribute('data-held', 'false');
    fireEvent.pointerUp(now);
    fireEvent.click(now);
    await waitFor(() => expect(m.decisions()).toHaveLength(1));
    await screen.findByText('기사 2');
  });

  it('sends after the wait, but not while focus is on the undo bar’s buttons', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const m = setup([review(1, '경제'), review(2, '정치')]);
      await screen.findByText('기사 1');
      fireEvent.keyDown(document.activeElement!, { key: 'a', code: 'KeyA' });
      expect(document.activeElement).toHaveAttribute('data-testid', 'decision-pending');
      act(() => screen.getByTestId('undo-decision').focus());
      act(() => vi.advanceTimersByTime(UNDO_MS * 3));
      expect(m.decisions()).toHaveLength(0);
      expect(screen.getByTestId('decision-pending')).toHaveTextContent('Waiting until you choose');
      act(() => screen.getByTestId('decision-pending').focus());
      act(() => vi.advanceTimersByTime(UNDO_MS));
      await screen.findByText('기사 2');
      expect(m.decisions()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
