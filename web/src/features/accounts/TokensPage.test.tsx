import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { TokensPage } from './TokensPage';

describe('tokens page', () => {
  it('says a refused token name in Korean by its code, with the field name the form shows', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/v1/tokens': () => json([]),
      'POST /api/v1/tokens': () =>
        problem(422, {
          title: 'Validation failed',
          detail: 'name: is required, at most 100 characters, without control characters',
          errors: [{ field: 'name', message: 'is required, at most 100 characters, without control characters', code: 'text.tooLong', params: { max: 100 } }],
        }),
    });
    renderPage(<TokensPage />, { lang: 'ko' });
    await user.type(screen.getByTestId('token-name'), 'x'.repeat(101));
    await user.click(screen.getByTestId('token-create'));
    expect(await screen.findByText('토큰 이름: 최대 100자까지 쓸 수 있습니다')).toBeInTheDocument();
  });

  it('says a malformed body and its position in Korean (the problem detail and the field error are both coded)', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/v1/tokens': () => json([]),
      'POST /api/v1/tokens': () =>
        problem(400, {
          title: 'Unreadable request body',
          detail: 'The request body cannot be read: is not valid JSON: an unexpected character or word (line 3, column 4)',
          code: 'request.unreadableBody',
          params: {},
          errors: [{ field: 'body', message: 'is not valid JSON: an unexpected character or word (line 3, column 4)', code: 'json.unexpected', params: { line: 3, column: 4 } }],
        }),
    });
    renderPage(<TokensPage />, { lang: 'ko' });
    await user.type(screen.getByTestId('token-name'), 'ci');
    await user.click(screen.getByTestId('token-create'));
    expect(await screen.findByText('요청 본문을 읽을 수 없습니다.')).toBeInTheDocument();
    expect(screen.getByText('body: 올바른 JSON이 아닙니다: 예상하지 못한 문자나 단어가 있습니다 (3행 4열)')).toBeInTheDocument();
  });
});
