import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../app/auth';
import { counts, project } from '../../test/fixtures';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { ProjectListPage } from './ProjectListPage';

const schema = { fields: [{ name: 'topic', type: 'choice', options: [{ value: 'a' }] }] };

describe('home page (project list)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says when the labeler’s rejected work is waiting, with a way straight to it', async () => {
    mockFetch({
      'GET /api/v1/me': () => json({ id: 7, username: 'kim', displayName: '김', roles: ['LABELER'] }),
      'GET /api/v1/projects': () =>
        json({
          items: [
            project({ id: 1, name: '뉴스 분류', schema, myRole: 'LABELER', counts: counts({ REJECTED: 5, total: 9, myRework: 2 }) }),
            // rejected tasks of others are not this person's rework
            project({ id: 2, name: '감성', schema, myRole: 'LABELER', counts: counts({ REJECTED: 3, total: 4, myRework: 0 }) }),
          ],
          next: null,
        }),
    });
    renderPage(
      <AuthProvider>
        <ProjectListPage />
      </AuthProvider>,
      { route: '/', path: '/', lang: 'ko' },
    );
    const waiting = await screen.findByTestId('rework-waiting-1');
    expect(waiting).toHaveTextContent('반려된 작업 2건이 다시 작업을 기다립니다.');
    expect(screen.getByRole('link', { name: '다시 작업하기' })).toHaveAttribute('href', '/projects/1/label');
    expect(screen.queryByTestId('rework-waiting-2')).toBeNull();
  });

  it('tells the labeler that a lot with their work was returned, in Korean and in English', async () => {
    for (const [lang, text] of [
      ['ko', '12번 로트가 불합격되었습니다: 내 작업 3건을 다시 작업해야 합니다.'],
      ['en', 'Lot 12 was returned: 3 of your tasks are to be reworked.'],
    ] as const) {
      mockFetch({
        'GET /api/v1/me': () => json({ id: 7, username: 'kim', displayName: '김', roles: ['LABELER'] }),
        'GET /api/v1/projects': () =>
          json({ items: [project({ id: 1, name: '뉴스 분류', schema, myRole: 'LABELER', counts: counts({ REJECTED: 3, total: 9, myRework: 3 }) })], next: null }),
        'GET /api/v1/me/returned-lots': () =>
          json([
            { projectId: 1, lotId: 12, code: 'lot.returned', params: { lot: 12, n: 3, items: 10 }, at: '2026-12-01T10:00:00Z' },
            // another project's lot is said on that project's card only
            { projectId: 99, lotId: 13, code: 'lot.returned', params: { lot: 13, n: 1, items: 5 }, at: '2026-12-01T10:00:00Z' },
          ]),
      });
      const view = renderPage(
        <AuthProvider>
          <ProjectListPage />
        </AuthProvider>,
        { route: '/', path: '/', lang },
      );
      expect(await screen.findByTestId('lot-returned-12')).toHaveTextContent(text);
      expect(screen.queryByTestId('lot-returned-13')).toBeNull();
      view.unmount();
      vi.unstubAllGlobals();
    }
  });
});
