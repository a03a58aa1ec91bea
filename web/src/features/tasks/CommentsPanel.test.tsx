import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskComment } from '../../api/types';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { CommentsPanel } from './CommentsPanel';

const first: TaskComment = { id: 1, author: { id: 2, username: 'rev', displayName: '박검수' }, text: '비는 날씨 주제입니다', createdAt: '2026-12-01T01:00:00Z' };

describe('comments on a task', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the comments and sends a new one with Ctrl+Enter, not mid-composition', async () => {
    const list = [first];
    const m = mockFetch({
      'GET /api/v1/tasks/5/comments': () => json(list),
      'POST /api/v1/tasks/5/comments': (c) => {
        const text = (c.body as { text: string }).text;
        const made = { id: 2, author: { id: 3, username: 'lab', displayName: '김작업' }, text, createdAt: '2026-12-01T02:00:00Z' };
        list.push(made);
        return json(made, 201);
      },
    });
    const user = userEvent.setup();
    renderPage(<CommentsPanel taskId={5} />, { lang: 'ko' });
    expect(await screen.findByText('비는 날씨 주제입니다')).toBeInTheDocument();
    expect(screen.getByText('박검수')).toBeInTheDocument();
    const box = screen.getByLabelText('댓글 쓰기');
    await user.click(box);
    await user.paste('알겠습니다');
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true, keyCode: 229, isComposing: true });
    expect(m.callsTo('POST', '/api/v1/tasks/5/comments')).toHaveLength(0);
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText('알겠습니다')).toBeInTheDocument();
    expect(screen.getAllByTestId('comment')).toHaveLength(2);
    expect(box).toHaveValue('');
    expect(m.callsTo('POST', '/api/v1/tasks/5/comments')[0].body).toEqual({ text: '알겠습니다' });
  });

  it('shows a refused comment on its box until the box is edited', async () => {
    mockFetch({
      'GET /api/v1/tasks/5/comments': () => json([]),
      'POST /api/v1/tasks/5/comments': () => problem(422, { title: 'Validation failed', errors: [{ field: 'text', message: 'must be at most 2000 characters' }] }),
    });
    const user = userEvent.setup();
    renderPage(<CommentsPanel taskId={5} />);
    const box = await screen.findByLabelText('Add a comment');
    await user.click(box);
    await user.paste('너무 긴 댓글');
    await user.click(screen.getByTestId('comment-send'));
    expect(await screen.findByText('must be at most 2000 characters')).toBeInTheDocument();
    await user.type(box, '!');
    expect(screen.queryByText('must be at most 2000 characters')).toBeNull();
  });

  it('says a refused comment in the reader language from its code', async () => {
    mockFetch({
      'GET /api/v1/tasks/5/comments': () => json([]),
      'POST /api/v1/tasks/5/comments': () =>
        problem(422, {
          title: 'Validation failed',
          detail: 'text: must be at most 2000 characters',
          code: 'text.tooLong',
          params: { max: 2000 },
          errors: [{ field: 'text', message: 'must be at most 2000 characters', code: 'text.tooLong', params: { max: 2000 } }],
        }),
    });
    const user = userEvent.setup();
    renderPage(<CommentsPanel taskId={5} />, { lang: 'ko' });
    const box = await screen.findByLabelText('댓글 쓰기');
    await user.click(box);
    await user.paste('너무 긴 댓글');
    await user.click(screen.getByTestId('comment-send'));
    expect(await screen.findByText('최대 2000자까지 쓸 수 있습니다')).toBeInTheDocument();
    expect(screen.queryByText('must be at most 2000 characters')).toBeNull();
  });

  it('on the work screens is folded and reads the comments only when opened', async () => {
    const m = mockFetch({ 'GET /api/v1/tasks/5/comments': () => json([first]) });
    const user = userEvent.setup();
    renderPage(<CommentsPanel taskId={5} folded />);
    expect(m.callsTo('GET', '/api/v1/tasks/5/comments')).toHaveLength(0);
    await user.click(screen.getByText('Comments'));
    expect(await screen.findByText('비는 날씨 주제입니다')).toBeInTheDocument();
    expect(screen.getByText('1 comment')).toBeInTheDocument();
  });
});
