import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../app/auth';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { AccountsPage } from './AccountsPage';

const admin = { id: 1, username: 'admin', displayName: 'Admin', roles: ['ADMIN'], email: null, active: true, createdAt: '2024-01-01T00:00:00Z' };
const kim = { id: 2, username: 'kim', displayName: '김작업', email: null, roles: ['LABELER'], active: true, createdAt: '2024-05-01T00:00:00Z' };

describe('accounts page: an administrator edits roles and resets a password', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends only what changed and shows the new roles', async () => {
    const user = userEvent.setup();
    const m = mockFetch({
      'GET /api/v1/me': () => json(admin),
      'GET /api/v1/accounts': () => json({ items: [admin, kim], next: null }),
      'PATCH /api/v1/accounts/2': (c) => json({ ...kim, ...(c.body as object), password: undefined }),
    });
    renderPage(<AuthProvider><AccountsPage /></AuthProvider>);
    await user.click(await screen.findByTestId('edit-kim'));
    const editor = screen.getByTestId('edit-account-kim');
    await user.click(within(editor).getByRole('checkbox', { name: 'Reviewer' }));
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(await within(editor).findByRole('status')).toHaveTextContent('Saved');
    expect(m.callsTo('PATCH', '/api/v1/accounts/2')[0].body).toEqual({ roles: ['LABELER', 'REVIEWER'] });
    expect(screen.getByTestId('account-row-kim')).toHaveTextContent('Labeler, Reviewer');

    await user.click(within(editor).getByLabelText('New password (only to reset it)'));
    await user.paste('a-temporary-passphrase');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(await within(editor).findByText(/Password of kim reset/)).toBeInTheDocument();
    expect(m.callsTo('PATCH', '/api/v1/accounts/2')[1].body).toEqual({ password: 'a-temporary-passphrase' });
  });
});
