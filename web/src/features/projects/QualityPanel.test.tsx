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
  syntacticAccuracy: { rate: 0.875, checked: 8, valid: 7, target: 0.995, invalid: [] },
  semanticAccuracy: { estimate: 0.875, low: 0.5291, high: 0.9776, n: 8, passed: 7, target: 0.9 },
  agreement: [
    {
      field: 'topic',
      type: 'choice',
      measured: true,
      items: 4,
      workers: 2,
      measures: { observedAgreement: 0.75, cohenKappa: 0.6364 },
      perLabel: [],
      perPair: [],
    },
    { field: 'box', type: 'boxes', measured: false, items: 0, workers: 2, measures: {}, perLabel: [], perPair: [] },
  ],
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

  it('shows syntactic and semantic accuracy beside their targets, agreement per field and the report links', async () => {
    mockFetch({ 'GET /api/v1/projects/3/quality': () => json(quality) });
    renderPage(<QualityPanel projectId={3} />);
    const syn = await screen.findByTestId('syntactic-accuracy');
    expect(syn).toHaveTextContent('88% · target 100%');
    expect(syn).toHaveTextContent('7 of 8 stored results match the schema now');
    expect(syn.querySelector('circle')?.getAttribute('class')).toContain('low');
    const sem = screen.getByTestId('semantic-accuracy');
    expect(sem).toHaveTextContent('88% · target 90%');
    expect(sem).toHaveTextContent('from 8 inspected items, 95% interval 53%–98%');
    const table = screen.getByTestId('agreement-table');
    expect(table).toHaveTextContent("Cohen's κ 0.636");
    expect(table).toHaveTextContent('observed agreement 0.750');
    expect(table).toHaveTextContent('no agreement measure for this type yet');
    expect(screen.getByTestId('quality-report-pdf').getAttribute('href')).toBe('/api/v1/projects/3/quality/report?format=pdf&lang=en');
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
