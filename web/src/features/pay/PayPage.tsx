import { useState } from 'react';
import { pay } from '../../api/pay';
import { useApiAction, useApiQuery } from '../../api/query';
import { formatDateTime } from '../../app/datetime';
import { useI18n } from '../../app/i18n';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { seoulMonth, won } from './money';

/**
 * The administrators' pay page: a month's statements per worker (gross, withholding, net), downloads (CSV, PDF, the
 * bank transfer batch) and the button that issues the month's statements, locking it.
 */
export function PayPage() {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState(seoulMonth());
  const [period, setPeriod] = useState(draft);
  const statements = useApiQuery(['pay', 'statements', period], () => pay.statements(period));
  const issue = useApiAction((p: string) => pay.issue(p), { onSuccess: (s) => statements.setData(s) });
  const s = statements.data;
  return (
    <div className="page pay-page">
      <PageHeader title={t('pay.page.title')} />
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod(draft);
        }}
      >
        <label className="form-row">
          <span>{t('pay.page.period')}</span>
          <input type="month" value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="pay-period" required />
        </label>
        <button type="submit" className="btn">
          {t('pay.page.show')}
        </button>
      </form>
      <p className="small muted">{t('pay.page.rule')}</p>
      {statements.loading && !s ? <Loading /> : null}
      <ErrorMessage error={statements.error} onRetry={statements.reload} />
      {s ? (
        <section className="card" aria-labelledby="pay-statements-title" data-testid="pay-statements">
          <h2 id="pay-statements-title">
            {t('pay.page.title')} {s.period}
          </h2>
          <p data-testid="pay-issued" className={s.issuedAt ? 'notice' : 'muted'}>
            {s.issuedAt
              ? t('pay.page.issuedAt', { at: formatDateTime(lang, s.issuedAt), by: s.issuedBy ?? '' })
              : t('pay.page.notIssued')}
          </p>
          <div className="row">
            <a className="btn small" href={pay.statementsFile(s.period, 'csv')} download data-testid="pay-csv">
              {t('pay.page.csv')}
            </a>
            <a className="btn small" href={pay.statementsFile(s.period, 'pdf')} download data-testid="pay-pdf">
              {t('pay.page.pdf')}
            </a>
            <a className="btn small" href={pay.statementsFile(s.period, 'payout')} download data-testid="pay-payout">
              {t('pay.page.payout')}
            </a>
            {!s.issuedAt ? (
              <button
                type="button"
                className="btn primary small"
                disabled={issue.busy}
                data-testid="pay-issue"
                onClick={() => {
                  if (window.confirm(t('pay.page.issueConfirm', { period: s.period }))) void issue.run(s.period);
                }}
              >
                {t('pay.page.issue')}
              </button>
            ) : null}
          </div>
          <ErrorMessage error={issue.error} />
          {s.statements.length === 0 ? (
            <p className="empty">{t('pay.page.none')}</p>
          ) : (
            <table className="table" aria-label={t('pay.page.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('pay.page.worker')}</th>
                  <th scope="col" className="num">{t('pay.count')}</th>
                  <th scope="col" className="num">{t('pay.gross')}</th>
                  <th scope="col" className="num">{t('pay.incomeTax')}</th>
                  <th scope="col" className="num">{t('pay.localIncomeTax')}</th>
                  <th scope="col" className="num">{t('pay.withholding')}</th>
                  <th scope="col" className="num">{t('pay.net')}</th>
                </tr>
              </thead>
              <tbody>
                {s.statements.map((r) => (
                  <tr key={r.accountId} data-testid="pay-statement">
                    <td>
                      {r.displayName} <span className="small muted">{r.username}</span>
                    </td>
                    <td className="num">{r.entries}</td>
                    <td className="num">{won(r.gross)}</td>
                    <td className="num">{won(r.incomeTax)}</td>
                    <td className="num">{won(r.localIncomeTax)}</td>
                    <td className="num">{won(r.withholding)}</td>
                    <td className="num">{won(r.net)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('pay.page.total')}</th>
                  <td className="num">{s.total.entries}</td>
                  <td className="num">{won(s.total.gross)}</td>
                  <td className="num">{won(s.total.incomeTax)}</td>
                  <td className="num">{won(s.total.localIncomeTax)}</td>
                  <td className="num">{won(s.total.withholding)}</td>
                  <td className="num">{won(s.total.net)}</td>
                </tr>
              </tfoot>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
