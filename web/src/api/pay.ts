/**
 * The pay API of docs/pay.md: one typed call per endpoint, answers aliased from the generated schemas. Amounts are
 * whole won (integers) everywhere.
 */
import { api, buildUrl } from './client';
import type { Schemas } from './types';

export type RateCard = Schemas['RateCard'];
export type RateCardInput = Schemas['RateCardInput'];
export type PayEntry = Schemas['PayEntry'];
export type PayMonth = Schemas['PayMonth'];
export type Earnings = Schemas['Earnings'];
export type PayStatement = Schemas['PayStatement'];
export type PayStatements = Schemas['PayStatements'];
export type StatementFormat = 'csv' | 'pdf' | 'payout';

export const pay = {
  rateCard: (projectId: number) => api.get<RateCard>(`/projects/${projectId}/rate-card`),
  putRateCard: (projectId: number, card: RateCardInput) => api.put<RateCard>(`/projects/${projectId}/rate-card`, card),
  earnings: () => api.get<Earnings>('/me/earnings'),
  ledger: (accountId: number, period?: string) =>
    api.get<PayEntry[]>('/pay/ledger', { query: period ? { accountId, period } : { accountId } }),
  statements: (period: string) => api.get<PayStatements>('/pay/statements', { query: { period } }),
  issue: (period: string) => api.post<PayStatements>(`/pay/statements/${period}/issue`),
  /** A download link (a plain GET: the session cookie signs it, no CSRF header needed). */
  statementsFile: (period: string, format: StatementFormat) => buildUrl('/pay/statements', { period, format }),
};
