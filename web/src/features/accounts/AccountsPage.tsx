import { Fragment, useCallback, useEffect, useState, type FormEvent } from 'react';
import { accounts } from '../../api/endpoints';
import { splitFieldErrors, useApiAction } from '../../api/query';
import { ALL_ROLES, type Account, type Role } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorMessage, Loading, PageHeader, TableHead } from '../../app/ui';
import { roleLabel } from '../projects/roles';
import { useSaidFieldErrors } from '../../app/serverText';

function Err({ messages }: { messages?: string[] }) {
  return messages?.length ? (
    <span className="field-errors inline-error" role="alert">
      {messages.join(' ')}
    </span>
  ) : null;
}

function CreateAccountForm({ onCreated }: { onCreated: (a: Account) => void }) {
  const { t } = useI18n();
  const sayErrors = useSaidFieldErrors();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['LABELER']);
  const [created, setCreated] = useState<string | null>(null);

  const creating = useApiAction(accounts.create, {
    invalidates: [['accounts']],
    onSuccess: (a) => {
      onCreated(a);
      setCreated(a.username);
      setUsername('');
      setDisplayName('');
      setEmail('');
      setPassword('');
      setRoles(['LABELER']);
    },
  });
  const busy = creating.busy;
  const { fieldErrors: errors, error } = splitFieldErrors(creating.error, (err) => sayErrors(err.errors));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setCreated(null);
    await creating.run({ username: username.trim(), displayName: displayName.trim() || username.trim(), password, roles, email: email.trim() || undefined });
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="create-account-title" data-testid="create-account-form">
      <h2 id="create-account-title">{t('accounts.create')}</h2>
      <div className="settings-grid">
        <label className="form-row">
          <span>{t('accounts.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" aria-invalid={!!errors.username} data-testid="account-username" />
          <Err messages={errors.username} />
        </label>
        <label className="form-row">
          <span>{t('accounts.displayName')}</span>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} aria-invalid={!!errors.displayName} data-testid="account-display-name" />
          <Err messages={errors.displayName} />
        </label>
        <label className="form-row">
          <span>{t('accounts.email')}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!errors.email} data-testid="account-email" />
          <Err messages={errors.email} />
        </label>
        <label className="form-row">
          <span>{t('accounts.password')}</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" aria-invalid={!!errors.password} data-testid="account-password" />
          <Err messages={errors.password} />
        </label>
      </div>
      <fieldset className="roles">
        <legend>{t('accounts.roles')}</legend>
        {ALL_ROLES.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={roles.includes(r)}
              onChange={(e) => setRoles((prev) => (e.target.checked ? [...prev, r] : prev.filter((x) => x !== r)))}
              data-testid={`account-role-${r}`}
            />
            {roleLabel(t, r)}
          </label>
        ))}
        <Err messages={errors.roles} />
      </fieldset>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="btn primary" disabled={busy} data-testid="account-create">
          {t('accounts.createButton')}
        </button>
        {created ? (
          <span role="status" className="notice inline" data-testid="account-created">
            {t('accounts.created', { name: created })}
          </span>
        ) : null}
      </div>
    </form>
  );
}

/**
 * An administrator edits one account's roles or sets a new password for it (issue 13). Either ends the person's
 * sessions; a new password also revokes their tokens, and they must change it at their next sign-in.
 */
function AccountEditor({ account, onSaved, onClose }: { account: Account; onSaved: (a: Account) => void; onClose: () => void }) {
  const { t } = useI18n();
  const sayErrors = useSaidFieldErrors();
  const [roles, setRoles] = useState<Role[]>(account.roles ?? []);
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useApiAction(accounts.update, {
    invalidates: [['accounts']],
    onSuccess: (a, _id, patch) => {
      onSaved(a);
      setPassword('');
      setSaved(patch.password ? t('accounts.passwordReset', { name: a.username }) : t('common.saved'));
    },
  });
  const { fieldErrors: errors, error } = splitFieldErrors(save.error, (err) => sayErrors(err.errors));
  const rolesChanged = [...roles].sort().join() !== [...(account.roles ?? [])].sort().join();

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    void save.run(account.id, { ...(rolesChanged ? { roles } : {}), ...(password ? { password } : {}) });
  }

  return (
    <form className="stack" onSubmit={submit} data-testid={`edit-account-${account.username}`} aria-label={t('accounts.editOf', { name: account.username })}>
      <fieldset className="roles">
        <legend>{t('accounts.roles')}</legend>
        {ALL_ROLES.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={roles.includes(r)}
              onChange={(e) => {
                setRoles((prev) => (e.target.checked ? [...prev, r] : prev.filter((x) => x !== r)));
                save.reset();
              }}
            />
            {roleLabel(t, r)}
          </label>
        ))}
        <Err messages={errors.roles} />
      </fieldset>
      <label className="form-row">
        <span>{t('accounts.newPassword')}</span>
        <input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            save.reset();
          }}
          aria-invalid={!!errors.password}
        />
      </label>
      <Err messages={errors.password} />
      <p className="muted small">{t('accounts.editHint')}</p>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="btn primary small" disabled={save.busy || (!rolesChanged && !password)}>
          {t('common.save')}
        </button>
        <button type="button" className="btn small" onClick={onClose}>
          {t('common.cancel')}
        </button>
        {saved ? (
          <span role="status" className="notice inline">
            {saved}
          </span>
        ) : null}
      </div>
    </form>
  );
}

export function AccountsPage() {
  const { t, formatDate } = useI18n();
  const { hasRole, me } = useAuth();
  const [items, setItems] = useState<Account[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [editing, setEditing] = useState<number | null>(null);

  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await accounts.list(after, 50);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setNext(page.next ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null);
  }, [load]);

  if (!hasRole('ADMIN')) return <p className="empty">{t('error.403')}</p>;

  const setActive = async (a: Account, active: boolean) => {
    setRowError(null);
    try {
      const updated = await accounts.update(a.id, { active });
      setItems((prev) => prev.map((x) => (x.id === a.id ? { ...x, ...updated, active: updated?.active ?? active } : x)));
    } catch (e) {
      setRowError(e);
    }
  };

  return (
    <section>
      <PageHeader title={t('accounts.title')} />
      <CreateAccountForm onCreated={(a) => setItems((prev) => [...prev, a])} />
      <section className="card" aria-labelledby="account-list-title">
        <h2 id="account-list-title">{t('accounts.list')}</h2>
        <ErrorMessage error={error} onRetry={() => load(null)} />
        <ErrorMessage error={rowError} />
        {items.length ? (
          <table className="table" data-testid="accounts-table">
            <TableHead columns={[<span lang="en">ID</span>, t('accounts.username'), t('accounts.displayName'), t('accounts.roles'), t('accounts.status'), t('accounts.createdAt')]} actions />
            <tbody>
              {items.map((a) => (
                <Fragment key={a.id}>
                <tr data-testid={`account-row-${a.username}`} className={a.active ? '' : 'inactive'}>
                  <td>{a.id}</td>
                  <td>{a.username}</td>
                  <td>{a.displayName}</td>
                  <td>{(a.roles ?? []).map((r) => roleLabel(t, r)).join(', ')}</td>
                  <td>{a.active ? t('accounts.active') : t('accounts.inactive')}</td>
                  <td className="nowrap">{formatDate(a.createdAt)}</td>
                  <td className="row nowrap">
                    <button
                      type="button"
                      className="btn small"
                      aria-expanded={editing === a.id}
                      onClick={() => setEditing(editing === a.id ? null : a.id)}
                      data-testid={`edit-${a.username}`}
                    >
                      {t('accounts.edit')}
                    </button>
                    {a.id === me?.id ? null : a.active ? (
                      <button type="button" className="btn small danger" onClick={() => setActive(a, false)} data-testid={`deactivate-${a.username}`}>
                        {t('accounts.deactivate')}
                      </button>
                    ) : (
                      <button type="button" className="btn small" onClick={() => setActive(a, true)} data-testid={`reactivate-${a.username}`}>
                        {t('accounts.reactivate')}
                      </button>
                    )}
                  </td>
                </tr>
                {editing === a.id ? (
                  <tr>
                    <td colSpan={7}>
                      <AccountEditor
                        account={a}
                        onSaved={(u) => setItems((prev) => prev.map((x) => (x.id === u.id ? { ...x, ...u } : x)))}
                        onClose={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        ) : null}
        {loading ? <Loading /> : null}
        {next && !loading ? (
          <button type="button" className="btn" onClick={() => load(next)}>
            {t('tasks.more')}
          </button>
        ) : null}
      </section>
    </section>
  );
}
