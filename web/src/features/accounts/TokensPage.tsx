import { useState, type FormEvent } from 'react';
import { tokens } from '../../api/endpoints';
import type { CreatedToken } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ErrorMessage, Loading, PageHeader, TableHead } from '../../app/ui';
import { useApiAction, useApiQuery } from '../../api/query';

/** Personal API tokens: create (shown once), list, revoke. */
export function TokensPage() {
  const { t, formatDate } = useI18n();
  const list = useApiQuery(['tokens'], () => tokens.list());
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copied, setCopied] = useState(false);
  const creating = useApiAction(tokens.create, {
    invalidates: [['tokens']],
    onSuccess: (token) => {
      setCreated(token);
      setName('');
    },
  });
  const revoking = useApiAction(tokens.revoke, {
    invalidates: [['tokens']],
    onSuccess: (_, id) => setCreated((c) => (c?.id === id ? null : c)),
  });
  const busy = creating.busy;
  const error = creating.error ?? revoking.error;

  async function create(e: FormEvent) {
    e.preventDefault();
    setCopied(false);
    revoking.reset();
    await creating.run(name.trim());
  }

  async function revoke(id: number) {
    creating.reset();
    await revoking.run(id);
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      // Clipboard refused (insecure context): select the text so Ctrl+C works.
      const el = document.getElementById('new-token') as HTMLInputElement | null;
      el?.select();
    }
  }

  return (
    <section>
      <PageHeader title={t('tokens.title')} />
      <p className="muted">{t('tokens.help')}</p>
      <form className="card row wrap" onSubmit={create}>
        <label className="form-row grow">
          <span>{t('tokens.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="token-name" />
        </label>
        <button type="submit" className="btn primary" disabled={busy || !name.trim()} data-testid="token-create">
          {t('tokens.create')}
        </button>
      </form>
      {created ? (
        <div className="card token-once" role="status" data-testid="token-created">
          <p>
            <strong>{t('tokens.onceTitle')}</strong> {t('tokens.once')}
          </p>
          <div className="row">
            <input id="new-token" className="code grow" readOnly value={created.token} onFocus={(e) => e.target.select()} aria-label={t('tokens.value')} data-testid="token-value" />
            <button type="button" className="btn" onClick={copy}>
              {copied ? t('tokens.copied') : t('tokens.copy')}
            </button>
          </div>
        </div>
      ) : null}
      <ErrorMessage error={error} fieldLabels={{ name: t('tokens.name') }} />
      <section className="card" aria-labelledby="token-list-title">
        <h2 id="token-list-title">{t('tokens.list')}</h2>
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorMessage error={list.error} onRetry={list.reload} />
        {list.data && list.data.length === 0 ? <p className="muted">{t('tokens.empty')}</p> : null}
        {list.data && list.data.length > 0 ? (
          <table className="table">
            <TableHead columns={[t('tokens.name'), t('accounts.createdAt'), t('tokens.lastUsed')]} actions />
            <tbody>
              {list.data.map((tok) => (
                <tr key={tok.id}>
                  <td>{tok.name}</td>
                  <td>{formatDate(tok.createdAt)}</td>
                  <td>{tok.lastUsedAt ? formatDate(tok.lastUsedAt) : t('tokens.never')}</td>
                  <td>
                    <button type="button" className="btn small danger" onClick={() => revoke(tok.id)} aria-label={t('tokens.revokeOf', { name: tok.name })}>
                      {t('tokens.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </section>
  );
}
