import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Quality } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { QualityPanel } from './QualityPanel';
import { SettingsFields, type SettingsValue } from './SettingsFields';
import { useState } from 'react';

const quality: Quality = {
  projectId: 3,
  gold: {
    rate: 0.1,
    items: 2,
    answers: 4,
    meanScore: 0.75,
    perLabeler: [
      { accountId: 2, username: 'lee', answers: 2, meanScore: 0.5, skipped: 1 },
      { accountId: 1, username: 'kim', answers: 2, meanScore: 1, skipped: 0 },
    ],
    perField: [{ field: 'topic', type: 'choice', answers: 4, meanScore: 0.75 }],
  },
};

describe('quality panel', () => {
  it('draws gold accuracy per labeler as bars with the numbers beside them', async () => {
    mockFetch({ 'GET /api/v1/projects/3/quality': () => json(quality) });
    renderPage(<QualityPanel projectId={3} />);
    expect(await screen.findByTestId('gold-summary')).toHaveTextContent('2 gold items · 4 answers · mean 75% · rate 10%');
    const bars = screen.getAllByTestId('gold-bar');
    expect(bars).toHaveLength(2);
    expect(bars[0]).toHaveTextContent('lee');
    expect(bars[0]).toHaveTextContent('50% · 2 answers · 1 skipped');
    expect(bars[1]).not.toHaveTextContent('skipped');
    expect(bars[0].querySelector('rect')?.getAttribute('class')).toContain('low');
    expect(bars[1].querySelector('rect')?.getAttribute('width')).toBe(String(640 - 150 - 130));
    const chart = screen.getByRole('img', { name: /Accuracy per labeler/ });
    expect(chart).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Accuracy per field' })).getByText('75%')).toBeInTheDocument();
  });

  it('says what to do when nothing is scored yet, in Korean', async () => {
    mockFetch({
      'GET /api/v1/projects/3/quality': () =>
        json({ projectId: 3, gold: { rate: 0, items: 0, answers: 0, meanScore: null, perLabeler: [], perField: [] } }),
    });
    renderPage(<QualityPanel projectId={3} />, { lang: 'ko' });
    expect(await screen.findByText(/아직 채점된 정답 문항 답변이 없습니다/)).toBeInTheDocument();
    expect(screen.queryByTestId('gold-chart')).toBeNull();
  });
});

describe('settings: gold rate', () => {
  function Harness({ onValue }: { onValue: (v: SettingsValue) => void }) {
    const [value, setValue] = useState<SettingsValue>({ overlap: 1, leaseMinutes: 30, review: { mode: 'FULL' }, goldRate: 0.05 });
    return (
      <SettingsFields
        value={value}
        onChange={(v) => {
          setValue(v);
          onValue(v);
        }}
        errors={{ goldRate: ['must be 0..1'] }}
      />
    );
  }

  it('edits the gold rate in percent and shows its server error', async () => {
    const user = userEvent.setup();
    let last: SettingsValue | null = null;
    renderPage(<Harness onValue={(v) => (last = v)} />);
    const input = screen.getByTestId('settings-gold-rate');
    expect(input).toHaveValue(5);
    await user.clear(input);
    await user.type(input, '20');
    expect(last!.goldRate).toBeCloseTo(0.2);
    expect(screen.getByText('must be 0..1')).toBeInTheDocument();
  });
});
