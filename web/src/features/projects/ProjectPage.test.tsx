import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../app/auth';
import { ErrorMessage } from '../../app/ui';
import { ApiError } from '../../api/client';
import { counts, project } from '../../test/fixtures';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { ProjectPage } from './ProjectPage';

const schema = { fields: [{ name: 'topic', type: 'choice', options: [{ value: 'a' }] }] };

function routes(myRole: 'LABELER' | 'REVIEWER') {
  return {
    'GET /api/v1/me': () => json({ id: 7, username: 'kim', displayName: '김', roles: [myRole] }),
    'GET /api/v1/projects/1': () => json(project({ schema, myRole, counts: counts({ NEW: 3, total: 3 }) })),
    'GET /api/v1/projects/1/stats': () => json({}),
  };
}

describe('project page tabs', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers a labeler no task list (the server answers it for reviewers and managers only)', async () => {
    mockFetch(routes('LABELER'));
    renderPage(
      <AuthProvider>
        <ProjectPage />
      </AuthProvider>,
      { route: '/projects/1?tab=tasks', path: '/projects/:id' },
    );
    await screen.findByTestId('project-title');
    expect(screen.queryByTestId('tab-tasks')).toBeNull();
    expect(screen.getByTestId('tab-overview')).toHaveAttribute('aria-selected', 'true');
  });

  it('offers a reviewer the task list', async () => {
    mockFetch(routes('REVIEWER'));
    renderPage(
      <AuthProvider>
        <ProjectPage />
      </AuthProvider>,
      { route: '/projects/1', path: '/projects/:id' },
    );
    await screen.findByTestId('project-title');
    expect(screen.getByTestId('tab-tasks')).toBeInTheDocument();
  });
});

describe('a forbidden answer with a code', () => {
  it('is said in the reader language, not in the server English', () => {
    const err = new ApiError(403, {
      title: 'Forbidden',
      detail: 'This needs the project role [REVIEWER]; yours is LABELER',
      code: 'project.roleNeeded',
      params: { roles: ['REVIEWER'], role: 'LABELER' },
    });
    renderPage(<ErrorMessage error={err} />, { lang: 'ko' });
    const box = screen.getByRole('alert');
    expect(box).toHaveTextContent('이 작업에는 프로젝트 역할 검수자이(가) 필요합니다. 내 역할: 작업자.');
    expect(box).not.toHaveTextContent('This needs');
  });
});

describe('a new project', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tells its manager the next steps, with links to the tabs', async () => {
    mockFetch({
      'GET /api/v1/me': () => json({ id: 1, username: 'mgr', displayName: '매니저', roles: ['MANAGER'] }),
      'GET /api/v1/projects/1': () => json(project({ schema, myRole: 'MANAGER', counts: counts() })),
      'GET /api/v1/projects/1/stats': () => json({}),
    });
    renderPage(
      <AuthProvider>
        <ProjectPage />
      </AuthProvider>,
      { route: '/projects/1', path: '/projects/:id', lang: 'ko' },
    );
    const steps = await screen.findByTestId('next-steps');
    expect(steps).toHaveTextContent('작업자와 검수자를 참여자로 추가하기');
    expect(screen.getByRole('link', { name: /데이터 가져오기/ })).toHaveAttribute('href', '/projects/1?tab=data');
  });
});

describe('consensus in export (settings)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the project setting and saves a choice, and NONE to turn it off', async () => {
    const current = project({ schema, myRole: 'MANAGER', counts: counts(), consensus: 'BEST_GOLD' });
    const mock = mockFetch({
      'GET /api/v1/me': () => json({ id: 1, username: 'mgr', displayName: '매니저', roles: ['MANAGER'] }),
      'GET /api/v1/projects/1': () => json(current),
      'GET /api/v1/projects/1/stats': () => json({}),
      'PATCH /api/v1/projects/1': () => json(current),
    });
    renderPage(
      <AuthProvider>
        <ProjectPage />
      </AuthProvider>,
      { route: '/projects/1?tab=settings', path: '/projects/:id', lang: 'ko' },
    );
    const select = await screen.findByTestId('settings-consensus');
    expect(select).toHaveValue('BEST_GOLD');
    expect(screen.getByRole('option', { name: '필드별 다수결' })).toBeInTheDocument();
    fireEvent.change(select, { target: { value: 'MAJORITY' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(mock.callsTo('PATCH', '/api/v1/projects/1')).toHaveLength(1));
    expect(mock.callsTo('PATCH', '/api/v1/projects/1')[0].body).toMatchObject({ consensus: 'MAJORITY' });
    fireEvent.change(select, { target: { value: '' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(mock.callsTo('PATCH', '/api/v1/projects/1')).toHaveLength(2));
    expect(mock.callsTo('PATCH', '/api/v1/projects/1')[1].body).toMatchObject({ consensus: 'NONE' });
  });
});
