import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Earnings } from '../../api/pay';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { EarningsPage } from './EarningsPage';
import { PayPage } from './PayPage';
import { won } from './money';
import { RateCardPanel } from './RateCardPanel';

const earnings: Earnings = {
  accountId: 7,
  total: 35_550,
  months: [
    { period: '2026-12', entries: 1, gross: 500, incomeTax: 0, localIncomeTax: 0, withholding: 0, net: 500, issued: false },
    { period: '2026-11', entries: 70, gross: 35_050, incomeTax: 1_050, localIncomeTax: 100, withholding: 1_150, net: 33_900, issued: true },
  ],
  entries: [
    { id: 3, accountId: 7, projectId: 1, projectName: '뉴스 주제', kind: 'LABELING', amount: 500, units: 1, rateCardVersion: 2, reason: null, actor: null, occurredAt: '2026-12-01T01:00:00Z', period: '2026-12' },
  ],
};

describe('pay in the browser', () => {
  it('writes won the Korean way', () => {
    expect(won(1_234_567)).toBe('₩1,234,567');
    expect(won(-500)).toBe('-₩500');
  });

  it('shows a worker their total, months with withholding, a chart and their entries', async () => {
    mockFetch({ 'GET /api/v1/me/earnings': () => json(earnings) });
    renderPage(<EarningsPage />);
    expect(await screen.findByTestId('earnings-total')).toHaveTextContent('₩35,550');
    const months = screen.getByTestId('earnings-months');
    expect(within(months).getByText('2026-11').closest('tr')).toHaveTextContent('₩35,050₩1,150₩33,900Issued');
    expect(screen.getAllByTestId('earnings-bar')).toHaveLength(2);
    expect(screen.getByTestId('pay-entry')).toHaveTextContent('Approved work');
  });

  it('saves a rate card and shows the server’s errors on their fields', async () => {
    const mock = mockFetch({
      'GET /api/v1/projects/4/rate-card': () => problem(404, { title: 'Not found', status: 404 }),
      'PUT /api/v1/projects/4/rate-card': () =>
        problem(422, { title: 'Validation failed', status: 422, errors: [{ field: 'labelerPerTask', message: 'must be whole won from 0 to 100000000' }] }),
    });
    renderPage(<RateCardPanel projectId={4} schema={{ fields: [{ name: 'topic', type: 'choice', options: ['a'] }] }} />);
    expect(await screen.findByTestId('rate-card-none')).toBeInTheDocument();
    const input = screen.getByTestId('rate-labelerPerTask');
    await userEvent.clear(input);
    await userEvent.type(input, '1.5');
    await userEvent.type(screen.getByTestId('rate-perUnit-topic'), '30');
    await userEvent.click(screen.getByTestId('rate-card-save'));
    expect(await screen.findByText('must be whole won from 0 to 100000000')).toBeInTheDocument();
    const put = mock.calls.find((c) => c.method === 'PUT');
    expect(put!.body).toEqual({ labelerPerTask: 1.5, reviewerPerDecision: 0, perUnit: { topic: 30 }, goldRate: null, correctionShare: 0 });
  });

  it('says a refused month of statements in Korean from its code', async () => {
    mockFetch({
      'GET /api/v1/pay/statements': () =>
        problem(422, {
          title: 'Validation failed',
          status: 422,
          detail: 'period: is in the future: 2999-01 has not begun in Korea',
          code: 'pay.periodInFuture',
          params: { period: '2999-01' },
          errors: [{ field: 'period', message: 'is in the future: 2999-01 has not begun in Korea', code: 'pay.periodInFuture', params: { period: '2999-01' } }],
        }),
    });
    renderPage(<PayPage />, { lang: 'ko' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('2999-01은(는) 아직 시작되지 않은 달입니다 (한국 시간 기준)');
    expect(alert).not.toHaveTextContent('has not begun');
  });

  it('says the rate card errors in Korean from their codes', async () => {
    mockFetch({
      'GET /api/v1/projects/4/rate-card': () => problem(404, { title: 'Not found', status: 404, code: 'pay.noRateCard', params: { projectId: 4 } }),
      'PUT /api/v1/projects/4/rate-card': () =>
        problem(422, {
          title: 'Validation failed',
          status: 422,
          errors: [
            { field: 'labelerPerTask', message: 'must be whole won from 0 to 100000000', code: 'pay.badWon', params: { max: 100000000 } },
            { field: 'correctionShare', message: 'must be a whole percent from 0 to 100', code: 'pay.percent', params: { min: 0, max: 100 } },
          ],
        }),
    });
    renderPage(<RateCardPanel projectId={4} schema={{ fields: [{ name: 'topic', type: 'choice', options: ['a'] }] }} />, { lang: 'ko' });
    expect(await screen.findByTestId('rate-card-none')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('rate-card-save'));
    expect(await screen.findByText('0부터 100000000까지의 원 단위 정수여야 합니다')).toBeInTheDocument();
    expect(screen.getByText('0~100 사이의 정수 퍼센트여야 합니다')).toBeInTheDocument();
    expect(screen.queryByText('must be whole won from 0 to 100000000')).toBeNull();
  });
});
