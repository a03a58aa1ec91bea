import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabelSchema } from '../../api/types';
import { json, mockFetch, noContent } from '../../test/fetchMock';
import { counts, decided, nextReview, project as projectOf } from '../../test/fixtures';
import { renderPage } from '../../test/render';
import { ReviewPage } from './ReviewPage';

const schema: LabelSchema = { fields: [{ name: 'topic', type: 'choice', options: ['정치', '경제'], multiple: false, required: true }] };

function routes(projectIds: number[]) {
  const r: Record<string, () => Response> = {};
  for (const p of projectIds) {
    const queue = [1, 2].map((n) =>
      nextReview({ reviewId: p * 100 + n, taskId: p * 10 + n, assignmentId: p * 1000 + n, data: { text: `기사 ${p}-${n}` }, result: { topic: '경제' }, schema }),
    );
    r[`GET /api/v1/projects/${p}`] = () => json(projectOf({ id: p, name: `P${p}`, schema, myRole: 'REVIEWER', counts: counts() }));
    r[`POST /api/v1/projects/${p}/next-review`] = () => {
      const next = queue.shift();
      return next ? json(next) : noContent();
    };
    for (const n of [1, 2]) r[`POST /api/v1/reviews/${p * 100 + n}/decision`] = () => json(decided(p * 100 + n, 'APPROVE'));
  }
  return r;
}

describe('review screen, a working day', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('counts the reviews of this project only (the count carried over to the next project)', async () => {
    mockFetch(routes([1, 2]));
    const user = userEvent.setup();
    renderPage(
      <>
        <ReviewPage />
        <Link to="/projects/2/review">other project</Link>
      </>,
      { route: '/projects/1/review', path: '/projects/:id/review' },
    );
    await screen.findByText('기사 1-1');
    await user.click(screen.getByTestId('approve'));
    // The decision waits in the undo bar (a11y, WCAG 2.1.4); send it now.
    await user.click(await screen.findByTestId('send-now'));
    await screen.findByText('기사 1-2');
    expect(screen.getByText('1 reviewed this session')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'other project' }));
    await screen.findByText('기사 2-1');
    expect(screen.queryByText(/reviewed this session/)).toBeNull();
  });

  it('takes the "reason needed" error away as soon as a reason is typed', async () => {
    mockFetch(routes([1]));
    const user = userEvent.setup();
    renderPage(<ReviewPage />, { route: '/projects/1/review', path: '/projects/:id/review' });
    await screen.findByText('기사 1-1');
    await user.click(screen.getByTestId('reject'));
    const reason = screen.getByTestId('reject-reason');
    fireEvent.keyDown(reason, { key: 'Enter', code: 'Enter', ctrlKey: true });
    expect(await screen.findByText('Please write a reason.')).toBeInTheDocument();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    await user.type(reason, '사');
    expect(screen.queryByText('Please write a reason.')).toBeNull();
    expect(reason).toHaveAttribute('aria-invalid', 'false');
  });
});
