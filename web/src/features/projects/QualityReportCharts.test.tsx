import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InspectionLot, Quality, QualityReportData } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { QualityPanel } from './QualityPanel';

const noLots = { lots: 0, open: 0, accepted: 0, returned: 0, items: 0, itemsInAcceptedLots: 0, itemsInReturnedLots: 0, sampled: 0, inspected: 0, defects: 0 };

const quality: Quality = {
  projectId: 3,
  gold: { rate: 0, items: 0, answers: 0, meanScore: null, perLabeler: [], perField: [] },
  syntacticAccuracy: { rate: 1, checked: 6, valid: 6, target: 0.995, invalid: [] },
  semanticAccuracy: { estimate: null, low: null, high: null, n: 0, passed: 0, target: 0.9, reviewMode: 'FULL', sources: [] },
  agreement: [],
  inspection: { mode: 'FULL', sampleRate: 1, minRate: null, maxRate: null, window: null, labelers: [], lots: [], lotTotals: noLots },
};

const report: QualityReportData = {
  projectId: 3,
  generatedAt: '2026-12-01T10:00:00Z',
  quality,
  distributions: {
    labels: { obj: { car: 4, person: 2 }, empty: {} },
    lengths: { summary: { n: 3, min: 10, mean: 12, max: 14, histogram: [{ from: 10, to: 12, count: 2 }, { from: 12, to: 15, count: 1 }] } },
    modalities: {
      objectsPerImage: { n: 6, min: 0, mean: 1, max: 2, histogram: [{ from: 0, to: 1, count: 1 }, { from: 1, to: 2, count: 4 }, { from: 2, to: 3, count: 1 }] },
      audioSeconds: { n: 2, min: 2, mean: 5, max: 8, histogram: [{ from: 2, to: 3, count: 1 }, { from: 8, to: 9, count: 1 }] },
    },
    imageSizes: { '640×480': 2, '1024×768': 1, other: 5 },
  },
  workers: [
    { accountId: 1, username: 'kim', submitted: 4, approved: 3, rejected: 1, goldAnswers: 2, goldMeanScore: 0.5, inspected: 4, passed: 3, inspectedAccuracy: 0.75 },
  ],
  rejectionReasons: [
    { reason: '경제 기사입니다', count: 3 },
    { reason: '', count: 1 },
  ],
  throughput: [{ day: '2026-12-01', submitted: 8, approved: 7 }],
};

function mock(r: QualityReportData = report) {
  return mockFetch({
    'GET /api/v1/projects/3/quality': () => json(quality),
    'GET /api/v1/projects/3/quality/report': () => json(r),
  });
}

describe('quality report charts', () => {
  it('draws every distribution as an image named by its figures, in English', async () => {
    const m = mock();
    renderPage(<QualityPanel projectId={3} />);
    await screen.findByTestId('report-charts', {}, { timeout: 5000 });
    const labels = screen.getByRole('img', { name: /obj: count per label car: 4; person: 2/ });
    expect(labels).toBeInTheDocument();
    expect(screen.getAllByTestId('labels-obj-bar')).toHaveLength(2);
    // a field with no labels drawn gets no chart
    expect(screen.queryByTestId('labels-empty')).toBeNull();
    // bars scale to the largest count: car the full width, person half of it
    const widths = screen.getAllByTestId('labels-obj-bar').map((g) => Number(g.querySelector('rect')?.getAttribute('width')));
    expect(widths[1]).toBeCloseTo(widths[0] / 2);

    expect(screen.getByRole('img', { name: /summary: answer length \(characters\) n 3 · min 10 · mean 12 · max 14\. 10–11: 2; 12–14: 1/ })).toBeInTheDocument();
    expect(screen.getByTestId('modality-objectsPerImage')).toHaveTextContent('Objects per image (boxes, polygons)');
    expect(screen.getAllByTestId('modality-objectsPerImage-bin')).toHaveLength(3);
    expect(screen.getByRole('img', { name: /Audio duration \(seconds\) n 2 · min 2 · mean 5 · max 8\. 2: 1; 8: 1/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Image sizes \(width×height pixels\) 640×480: 2; 1024×768: 1; other sizes: 5/ })).toBeInTheDocument();

    expect(screen.getByRole('img', { name: /Throughput per day/ })).toBeInTheDocument();
    const workers = screen.getByRole('table', { name: 'Per worker' });
    const row = within(workers).getByRole('row', { name: /kim/ });
    expect(row).toHaveTextContent('kim431');
    expect(row).toHaveTextContent('50% (2 answers)');
    expect(row).toHaveTextContent('75% (4 inspected)');
    expect(screen.getByRole('img', { name: /Rejection reasons 경제 기사입니다: 3; \(no reason given\): 1/ })).toBeInTheDocument();
    expect(m.callsTo('GET', '/api/v1/projects/3/quality/report')[0].url).toContain('format=json');
  });

  it('keeps the headings in order and says when there is nothing, in Korean', async () => {
    mock({
      ...report,
      distributions: { labels: {}, lengths: {}, modalities: {}, imageSizes: {} },
      workers: [],
      rejectionReasons: [],
      throughput: [],
    });
    renderPage(<QualityPanel projectId={3} />, { lang: 'ko' });
    await screen.findByTestId('report-charts', {}, { timeout: 5000 });
    const headings = screen.getAllByRole('heading').map((h) => `${h.tagName} ${h.textContent}`);
    expect(headings).toEqual([
      'H2 정답 문항 정확도',
      'H2 데이터셋 품질',
      'H3 작업자 간 일치도',
      'H3 로트 합격 판정 검사 (KS Q ISO 2859-1)',
      'H2 분포와 작업 현황',
      'H3 레이블 분포',
      'H3 길이 분포',
      'H3 모달리티별 분포',
      'H3 일별 처리량',
      'H3 작업자별 현황',
      'H3 검수 방식과 로트 검사',
      'H3 반려 사유',
    ]);
    expect(screen.getByText('반려된 작업이 없습니다.')).toBeInTheDocument();
    expect(screen.queryAllByRole('img')).toHaveLength(2); // the two accuracy figures only
  });

  it('reports inspection: the policy, the samples behind semantic accuracy, the lots as a table and a chart', async () => {
    const lot: InspectionLot = {
      id: 5, projectId: 3, aql: 6.5, lotSize: 10, codeLetter: 'B', sampleSize: 2, acceptNumber: 0, rejectNumber: 1,
      state: 'RETURNED', inspected: 2, defects: 1, decidedAt: '2026-12-01T10:05:00Z', decidedBy: null, reason: null, createdBy: 1,
      createdAt: '2026-12-01T10:00:00Z',
    };
    const lots: InspectionLot[] = [lot, { ...lot, id: 4, state: 'ACCEPTED', defects: 0 }, { ...lot, id: 6, state: 'INSPECTING', inspected: 1, defects: 0, decidedAt: null }];
    const withLots: QualityReportData = {
      ...report,
      quality: {
        ...quality,
        semanticAccuracy: {
          ...quality.semanticAccuracy,
          n: 6, passed: 5, estimate: 0.8333, low: 0.4365, high: 0.9699, reviewMode: 'SAMPLE',
          sources: [{ source: 'LOT_RETURNED', inspected: 1, passed: 1 }, { source: 'LOT_SAMPLE', inspected: 5, passed: 4 }],
        },
        inspection: {
          ...quality.inspection, mode: 'SAMPLE', sampleRate: 0.25, lots,
          lotTotals: { lots: 3, open: 1, accepted: 1, returned: 1, items: 30, itemsInAcceptedLots: 10, itemsInReturnedLots: 10, sampled: 6, inspected: 5, defects: 1 },
        },
      },
    };
    mockFetch({
      'GET /api/v1/projects/3/quality': () => json(withLots.quality),
      'GET /api/v1/projects/3/quality/report': () => json(withLots),
      'GET /api/v1/projects/3/lots': () => json([]),
    });
    renderPage(<QualityPanel projectId={3} />);
    const section = await screen.findByTestId('report-inspection', {}, { timeout: 5000 });
    expect(within(section).getByTestId('report-policy')).toHaveTextContent(
      'Review policy: sampled review (25%) · acceptance sampling of lots (ISO 2859-1, normal inspection, level II)',
    );
    expect(within(section).getByTestId('report-sources')).toHaveTextContent(
      'Semantic accuracy comes from: rest of returned lots 1 (1 passed), lot samples 5 (4 passed)',
    );
    expect(within(section).getByTestId('report-lot-totals')).toHaveTextContent(
      '3 lots: 1 accepted · 1 returned · 1 open. 10 items in returned lots, 10 in accepted lots. 5 of 6 sampled items inspected, 1 defects.',
    );
    expect(screen.getByRole('img', { name: /Lots by verdict Accepted: 1; Returned: 1; Open: 1/ })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Lots inspected' });
    const rows = within(table).getAllByTestId('report-lot-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('#5');
    expect(rows[0]).toHaveTextContent('6.5');
    expect(rows[0]).toHaveTextContent('0/1');
    expect(rows[0]).toHaveTextContent('1 (2/2)');
    expect(rows[0]).toHaveTextContent('Returned');
    expect(rows[2]).toHaveTextContent('Open');
    // the accuracy figure names its samples too
    expect(screen.getByTestId('semantic-accuracy')).toHaveTextContent('lot samples 5 (4 passed)');
  });

  it('says the inspection section in Korean, with no lots under full review', async () => {
    mock();
    renderPage(<QualityPanel projectId={3} />, { lang: 'ko' });
    const section = await screen.findByTestId('report-inspection', {}, { timeout: 5000 });
    expect(within(section).getByTestId('report-policy')).toHaveTextContent('검수 방식: 전수 검수');
    expect(section).toHaveTextContent('아직 로트가 없습니다.');
    expect(within(section).queryByTestId('report-lots')).toBeNull();
  });
});
