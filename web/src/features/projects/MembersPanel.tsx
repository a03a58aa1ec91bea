import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { accounts, projects } from '../../api/endpoints';
import { PROJECT_ROLES, type Account, type Member, type ProjectRole } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, Loading, TableHead } from '../../app/ui';
import { useApiAction, useApiQuery } from '../../api/query';
import { roleLabel } from './roles';

/** Loads every account page; a 403 (not an administrator) yields null so the form falls back to an id. */
async function loadAllAccounts(): Promise<Account[] | null> {
  const all: Account[] = [];
  let after: string | null = null;
  try {
    for (let i = 0; i < 20; i++) {
      const page = await accounts.list(after, 200);
      all.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 401)) return null;
    throw e;
  }
  return all;
}

export function MembersPanel({ projectId }: { projectId: number }) {
  const t = useT();
  const members = useApiQuery(['projects', projectId, 'members'], () => projects.members(projectId));
  const people = useApiQuery(['accounts', 'all'], loadAllAccounts);
  const [accountId, setAccountId] = useState('');
  const [role, setRole] = useState<ProjectRole>('LABELER');
  // Any change to the membership: the list (and the project, whose myRole may change) is asked for again.
  const change = useApiAction((work: () => Promise<unknown>) => work(), { invalidates: [['projects', projectId]] });
  const { busy, error } = change;
  const run = (work: () => Promise<unknown>) => change.run(work);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const idNum = Number(accountId);
    if (!idNum) return;
    void run(async () => {
      await projects.putMember(projectId, idNum, role);
      setAccountId('');
    });
  };

  const memberIds = new Set((members.data ?? []).map((m) => m.accountId));
  const candidates = (people.data ?? []).filter((a) => a.active !== false && !memberIds.has(a.id));

  return (
    <section className="card" aria-labelledby="members-title" data-testid="members-panel">
      <h2 id="members-title">{t('members.title')}</h2>
      {members.loading && !members.data ? <Loading /> : null}
      <ErrorMessage error={members.error} onRetry={members.reload} />
      {members.data && members.data.length === 0 ? <p className="muted">{t('members.empty')}</p> : null}
      {members.data && members.data.length > 0 ? (
        <table className="table" data-testid="members-table">
          <TableHead columns={[t('accounts.username'), t('accounts.displayName'), t('members.role'), t('members.paused')]} actions />
          <tbody>
            {members.data.map((m: Member) => (
              <tr key={m.accountId} data-testid={`member-${m.username}`}>
                <td>{m.username}</td>
                <td>{m.displayName}</td>
                <td>
                  <select
                    value={m.role}
                    disabled={busy}
                    aria-label={t('members.roleOf', { name: m.username })}
                    onChange={(e) => {
                      // Read now: the work runs later, when React has put the controlled select back to its old value.
                      const next = e.target.value as ProjectRole;
                      void run(() => projects.putMember(projectId, m.accountId, next, m.paused));
                    }}
                  >
                    {PROJECT_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel(t, r)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={!!m.paused}
                      disabled={busy}
                      onChange={(e) => {
                        // Read now, not in the work: by then React has reset the controlled box, and a resume was sent
                        // as another pause (found by e2e/quality.test.mjs).
                        const paused = e.target.checked;
                        void run(() => projects.putMember(projectId, m.accountId, m.role, paused));
                      }}
                      data-testid={`member-paused-${m.username}`}
                    />
                    <span className="visually-hidden">{t('members.pauseOf', { name: m.username })}</span>
                    {m.paused ? t('members.pausedYes') : t('members.pausedNo')}
                  </label>
                  {m.paused && m.pauseReason?.code === 'quality.autoPaused' ? (
                    <span className="small muted" data-testid={`member-pause-reason-${m.username}`}>
                      {' '}
                      {t('members.autoPaused', {
                        accuracyPct: Math.round(Number(m.pauseReason.params.accuracy ?? 0) * 100),
                        minPct: Math.round(Number(m.pauseReason.params.minAccuracy ?? 0) * 100),
                      })}
                    </span>
                  ) : null}
                </td>
                <td>
                  <button type="button" className="btn small danger" disabled={busy} onClick={() => run(() => projects.removeMember(projectId, m.accountId))} aria-label={t('members.removeOf', { name: m.username })}>
                    {t('members.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h3 className="small-heading">{t('members.add')}</h3>
      <form className="row wrap" onSubmit={add} data-testid="add-member-form">
        {/* Selects carry an aria-label: a wrapping <label> alone would name them "Account <chosen option>". */}
        {people.data ? (
          <label className="form-row">
            <span>{t('members.account')}</span>
            <select aria-label={t('members.account')} value={accountId} onChange={(e) => setAccountId(e.target.value)} required data-testid="member-account">
              <option value="">{t('members.choose')}</option>
              {candidates.map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.username}
                  {a.displayName && a.displayName !== a.username ? ` (${a.displayName})` : ''}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="form-row">
            <span>{t('members.accountId')}</span>
            <input type="number" min={1} value={accountId} onChange={(e) => setAccountId(e.target.value)} required data-testid="member-account-id" />
            {people.loading ? null : <span className="small muted">{t('members.accountIdHelp')}</span>}
          </label>
        )}
        <label className="form-row">
          <span>{t('members.role')}</span>
          <select aria-label={t('members.role')} value={role} onChange={(e) => setRole(e.target.value as ProjectRole)} data-testid="member-role">
            {PROJECT_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(t, r)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn primary" disabled={busy || !accountId} data-testid="member-add">
          {t('members.addButton')}
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
