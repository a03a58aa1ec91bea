import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Quality } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { QualityPanel } from './QualityPanel';
import { reviewPayload, SettingsFields, type SettingsValue } from './SettingsFields';
import { useState } from 'react';

const noLots = { lots: 0, open: 0, accepted: 0, returned: 0, items: 0, itemsInAcceptedLots: 0, itemsInReturnedLots: 0, sampled: 0, inspected: 0, defects: 0 };

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
  semanticAccuracy: { estimate: 0.875, low: 0.5291, high: 0.9776, n: 8, passed: 7, target: 0.9, reviewMode: 'FULL', sources: [{ source: 'REVIEW', inspected: 8, passed: 7 }] },
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
  inspection: { mode: 'FULL', sampleRate: 1, minRate: null, maxRate: null, window: null, labelers: [], lots: [], lotTotals: noLots },
};

describe('quality panel', () => {
  it('draws gold accuracy per labeler as bars with the numbers beside them', async () => {
    mockFetch({ 'GET /api/v1/projects/3/quality': () => json(quality), 'GET /api/v1/projects/3/lots': () => json([]) });
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
    mockFetch({ 'GET /api/v1/projects/3/quality': () => json(quality), 'GET /api/v1/projects/3/lots': () => json([]) });
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
      'GET /api/v1/projects/3/lots': () => json([]),
    });
    renderPage(<QualityPanel projectId={3} />, { lang: 'ko' });
    expect(await screen.findByText(/아직 채점된 정답 문항 답변이 없습니다/)).toBeInTheDocument();
    expect(screen.queryByTestId('gold-chart')).toBeNull();
  });
});

describe('inspection (issue 11)', () => {
  it('shows each labeler’s adaptive rate and the lots with their plan, progress and decision; declares a lot', async () => {
    const user = userEvent.setup();
    const lot = {
      id: 4, projectId: 3, aql: 6.5, lotSize: 10, codeLetter: 'B', sampleSize: 2, acceptNumber: 0, rejectNumber: 1,
      state: 'INSPECTING', inspected: 1, defects: 0, decidedAt: null, decidedBy: null, reason: null, createdBy: 1,
      createdAt: '2026-12-01T00:00:00Z',
    };
    const calls = mockFetch({
      'GET /api/v1/projects/3/quality': () =>
        json({
          ...quality,
          inspection: {
            mode: 'ADAPTIVE', sampleRate: 0.3, minRate: 0.1, maxRate: 1, window: 50,
            labelers: [{ accountId: 2, username: 'lee', inspected: 4, defects: 1, rejectionRate: 0.25, goldAnswers: 0, goldError: null, confidence: 0.08, rate: 1 }],
          },
        }),
      'GET /api/v1/projects/3/lots': () => json([lot, { ...lot, id: 3, state: 'RETURNED', inspected: 2, defects: 1, decidedBy: 1, reason: '일정' }]),
      'POST /api/v1/projects/3/lots': () => json(lot),
    });
    renderPage(<QualityPanel projectId={3} />);
    const row = await screen.findByTestId('inspection-rate-row');
    expect(row).toHaveTextContent('lee');
    expect(row).toHaveTextContent('100%');
    expect(row).toHaveTextContent('25% (1/4)');
    expect(screen.getByTestId('inspection-rates')).toHaveTextContent('minimum 10% · base 30% · maximum 100% · over the last 50');
    const rows = await screen.findAllByTestId('lot-row');
    expect(rows[0]).toHaveTextContent('AQL 6.5 · code letter B · sample 2 · Ac 0 / Re 1');
    expect(rows[0]).toHaveTextContent('1 of 2 sampled items inspected');
    expect(rows[1]).toHaveTextContent('Returned (full review)');
    expect(rows[1]).toHaveTextContent('Decided by a manager: 일정');
    await user.selectOptions(screen.getByTestId('lot-aql'), '6.5');
    await user.click(screen.getByTestId('lot-create'));
    await vi.waitFor(() => expect(calls.callsTo('POST', '/api/v1/projects/3/lots')).toHaveLength(1));
    expect(calls.callsTo('POST', '/api/v1/projects/3/lots')[0].body).toEqual({ aql: 6.5 });
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

describe('settings: adaptive review (issue 11)', () => {
  function Harness({ onValue }: { onValue: (v: SettingsValue) => void }) {
    const [value, setValue] = useState<SettingsValue>({ overlap: 1, leaseMinutes: 30, review: { mode: 'FULL' }, goldRate: 0 });
    return (
      <SettingsFields
        value={value}
        onChange={(v) => {
          setValue(v);
          onValue(v);
        }}
        errors={{ 'review.minRate': ['must be more than 0 and at most 1'] }}
      />
    );
  }

  it('offers ADAPTIVE with base, minimum, maximum and window, and sends all four', async () => {
    const user = userEvent.setup();
    let last: SettingsValue | null = null;
    renderPage(<Harness onValue={(v) => (last = v)} />);
    expect(screen.queryByTestId('settings-adaptive-base')).toBeNull();
    await user.selectOptions(screen.getByTestId('settings-review-mode'), 'ADAPTIVE');
    expect(screen.getByTestId('settings-adaptive-base')).toHaveValue(30);
    expect(screen.getByTestId('settings-adaptive-min')).toHaveValue(10);
    expect(screen.getByTestId('settings-adaptive-max')).toHaveValue(100);
    expect(screen.getByTestId('settings-adaptive-window')).toHaveValue(50);
    expect(screen.getByText('must be more than 0 and at most 1')).toBeInTheDocument();
    const min = screen.getByTestId('settings-adaptive-min');
    await user.clear(min);
    await user.type(min, '5');
    expect(last!.review.minRate).toBeCloseTo(0.05);
    expect(reviewPayload(last!.review)).toEqual({ mode: 'ADAPTIVE', sampleRate: 0.3, minRate: 0.05, maxRate: 1, window: 50 });
    await user.selectOptions(screen.getByTestId('settings-review-mode'), 'FULL');
    expect(reviewPayload(last!.review)).toEqual({ mode: 'FULL', sampleRate: 1 });
  });
});
