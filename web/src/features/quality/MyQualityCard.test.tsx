import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MyQuality } from '../../api/types';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { MyQualityCard } from './MyQualityCard';

const quality: MyQuality = {
  projectId: 3,
  goldRate: 0.1,
  step: 5,
  answers: 27,
  counted: 25,
  pending: 3,
  meanScore: 0.75,
  recent: { answers: 20, meanScore: 0.7 },
  trend: [
    { through: 5, meanScore: 0.8 },
    { through: 10, meanScore: 1 },
    { through: 15, meanScore: 0.6 },
    { through: 20, meanScore: 0.8 },
    { through: 25, meanScore: 0.6 },
  ],
  perField: [
    { field: 'tone', type: 'choice', answers: 25, meanScore: 0.6 },
    { field: 'topic', type: 'choice', answers: 25, meanScore: 0.9 },
  ],
};

describe('my quality card', () => {
  it('shows accuracy as a percentage with a bar, the answers counted, a trend and per-field bars', async () => {
    const mock = mockFetch({ 'GET /api/v1/me/quality': () => json(quality) });
    renderPage(<MyQualityCard projectId={3} />);
    expect(await screen.findByTestId('my-quality-score')).toHaveTextContent('75%');
    expect(mock.calls[0].url).toContain('projectId=3');
    const bar = screen.getByRole('meter', { name: 'Accuracy' });
    expect(bar).toHaveAttribute('aria-valuenow', '75');
    expect(bar).toHaveAttribute('aria-valuetext', '75%');
    expect(screen.getByTestId('my-quality-counted')).toHaveTextContent('Based on 25 gold answers · Last 20: 70%');
    expect(screen.getByTestId('my-quality-pending')).toHaveTextContent('Updates after 3 more gold answers (in steps of 5)');
    expect(screen.getByText(/about 10% of your tasks/)).toBeInTheDocument();

    const trend = screen.getByRole('img', { name: /Trend, in steps of 5 answers/ });
    expect(trend.getAttribute('aria-label')).toContain('up to answer 25: 60%');
    expect(trend).toHaveAttribute('tabindex', '0');
    expect(trend.querySelectorAll('circle')).toHaveLength(5);

    const table = screen.getByRole('table', { name: 'Accuracy per field' });
    const rows = within(table).getAllByTestId('my-quality-field');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('meter', { name: 'tone: 60%' })).toHaveAttribute('aria-valuenow', '60');
    expect(within(rows[0]).getByRole('meter').firstElementChild?.getAttribute('class')).toContain('low');
    expect(within(rows[1]).getByText('90%')).toBeInTheDocument();
  });

  it('says when figures will appear, in Korean, for a labeler with too few gold answers', async () => {
    mockFetch({
      'GET /api/v1/me/quality': () =>
        json({ ...quality, answers: 3, counted: 0, pending: 2, meanScore: null, recent: { answers: 0, meanScore: null }, trend: [], perField: [] }),
    });
    renderPage(<MyQualityCard projectId={3} />, { lang: 'ko' });
    expect(await screen.findByTestId('my-quality-none')).toHaveTextContent('정답 문항에 5건 답하면 나타납니다 (지금 3건)');
    expect(screen.getByRole('heading', { name: '내 정확도' })).toBeInTheDocument();
    expect(screen.queryByRole('meter')).toBeNull();
    expect(screen.queryByTestId('my-quality-trend')).toBeNull();
  });

  it('reloads from the keyboard and shows errors with a retry', async () => {
    const user = userEvent.setup();
    let n = 0;
    const mock = mockFetch({
      'GET /api/v1/me/quality': () => (n++ === 0 ? problem(403, { title: 'Forbidden' }) : json(quality)),
    });
    renderPage(<MyQualityCard projectId={3} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('You are not allowed to do this');
    await user.tab();
    expect(screen.getByTestId('my-quality-refresh')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('my-quality-score')).toHaveTextContent('75%');
    expect(mock.callsTo('GET', '/api/v1/me/quality')).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
