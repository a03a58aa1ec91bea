import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Placement, PlacementList } from '../../api/academy';
import type { Project } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { PlacementPanel } from './PlacementPanel';

const project = { id: 3, name: '뉴스 주제 분류', myRole: 'MANAGER' } as Project;

function placement(over: Partial<Placement>): Placement {
  return {
    id: 1,
    cohortId: 5,
    accountId: 10,
    username: 'a',
    displayName: 'A',
    role: 'LABELER',
    score: 80,
    rank: 1,
    why: '',
    reasons: null,
    projectIds: [3],
    overridden: false,
    decidedAt: '2025-03-01T00:00:00Z',
    acceptedAt: null,
    agreementVersion: null,
    ...over,
  };
}

const result: PlacementList = {
  cohortId: 5,
  placements: [
    placement({ id: 21, accountId: 10, username: 'kim', displayName: '김시민', role: 'REVIEWER', score: 100, rank: 1, why: 'Rank 1 of 2 with best exam score 100; reviewer seat 1 of 1' }),
    placement({ id: 22, accountId: 11, username: 'lee', displayName: '이시민', role: 'LABELER', score: 66.7, rank: 2, why: 'Rank 2 of 2 with best exam score 66.7; all 1 reviewer seats taken by higher ranks; labeler seat 1 of 1' }),
  ],
};

describe('placement', () => {
  it('runs the rule with quotas, minimum scores and target projects, and shows why', async () => {
    const user = userEvent.setup();
    const m = mockFetch({ 'POST /api/v1/cohorts/5/placement': () => json(result) });
    renderPage(<PlacementPanel cohortId={5} projects={[project]} initial={null} />);
    await user.clear(screen.getByLabelText('Reviewer minimum score'));
    await user.type(screen.getByLabelText('Reviewer minimum score'), '80');
    await user.clear(screen.getByLabelText('Labeler seats'));
    await user.type(screen.getByLabelText('Labeler seats'), '1');
    await user.clear(screen.getByLabelText('Labeler minimum score'));
    await user.type(screen.getByLabelText('Labeler minimum score'), '50');
    await user.click(screen.getByRole('checkbox', { name: '뉴스 주제 분류' }));
    await user.click(screen.getByRole('button', { name: 'Run placement' }));
    const row = await screen.findByTestId('placement-lee');
    expect(m.callsTo('POST', '/api/v1/cohorts/5/placement')[0].body).toEqual({
      reviewerQuota: 1,
      reviewerMinScore: 80,
      labelerQuota: 1,
      labelerMinScore: 50,
      projectIds: [3],
    });
    expect(row).toHaveTextContent('Labeler');
    expect(within(row).getByTestId('placement-why')).toHaveTextContent('all 1 reviewer seats taken by higher ranks');
    expect(screen.getByTestId('placement-kim')).toHaveTextContent('Reviewer');
  });

  it('an override needs a reason, and sends it', async () => {
    const user = userEvent.setup();
    const m = mockFetch({
      'PUT /api/v1/placements/22': (c) => json({ ...result.placements[1], role: (c.body as { role: string }).role, overridden: true }),
    });
    renderPage(<PlacementPanel cohortId={5} projects={[project]} initial={result} />);
    await user.click(screen.getByRole('button', { name: 'Override the placement of 이시민' }));
    const form = screen.getByRole('form', { name: 'Override the placement of 이시민' });
    await user.selectOptions(within(form).getByLabelText('New role'), 'NONE');
    await user.click(within(form).getByRole('button', { name: 'Save override' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Please give a reason.');
    const reason = within(form).getByLabelText('Reason (it is logged)');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveFocus();
    expect(m.callsTo('PUT', '/api/v1/placements/22')).toHaveLength(0);

    // blanks are no reason either
    await user.type(reason, '   ');
    await user.click(within(form).getByRole('button', { name: 'Save override' }));
    expect(m.callsTo('PUT', '/api/v1/placements/22')).toHaveLength(0);

    await user.type(reason, '면접에서 본인이 사양함');
    await user.click(within(form).getByRole('button', { name: 'Save override' }));
    expect(m.callsTo('PUT', '/api/v1/placements/22')[0].body).toEqual({ role: 'NONE', reason: '면접에서 본인이 사양함' });
    const row = await screen.findByTestId('placement-lee');
    expect(row).toHaveAttribute('data-role', 'NONE');
    expect(row).toHaveTextContent('Not placed · overridden');
  });

  it('a re-run says accepted placements are kept and can replace overrides not yet accepted', async () => {
    const user = userEvent.setup();
    const before: PlacementList = {
      cohortId: 5,
      placements: [
        placement({ id: 21, username: 'kim', displayName: '김시민', role: 'REVIEWER', acceptedAt: '2025-03-02T00:00:00Z', agreementVersion: 1 }),
        placement({ id: 22, accountId: 11, username: 'lee', displayName: '이시민', role: 'LABELER', overridden: true, why: 'Set to LABELER by mgr: 실습 우수' }),
      ],
    };
    const m = mockFetch({ 'POST /api/v1/cohorts/5/placement': () => json(before) });
    renderPage(<PlacementPanel cohortId={5} projects={[project]} initial={before} />, { lang: 'ko' });
    expect(screen.getByTestId('placement-rerun-note')).toHaveTextContent('이미 수락한 1명의 배치는 다시 실행해도 그대로 유지되며');
    expect(within(screen.getByTestId('placement-kim')).queryByRole('button')).toBeNull();
    const keep = screen.getByRole('checkbox', { name: '아직 수락하지 않은 수동 변경 1건 유지 (정원에 포함)' });
    expect(keep).toBeChecked();
    await user.click(keep);
    await user.click(screen.getByRole('checkbox', { name: '뉴스 주제 분류' }));
    await user.click(screen.getByRole('button', { name: '배치 실행' }));
    expect(m.callsTo('POST', '/api/v1/cohorts/5/placement')[0].body).toMatchObject({ projectIds: [3], keepOverrides: false });
  });
});
