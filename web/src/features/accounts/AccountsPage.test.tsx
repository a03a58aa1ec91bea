import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../../app/auth';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { AccountsPage } from './AccountsPage';

const admin = { id: 1, username: 'admin', displayName: 'Admin', roles: ['ADMIN'] };
const kim = { id: 2, username: 'kim', displayName: '김작업', email: null, roles: ['LABELER'], active: true, createdAt: '2024-05-01T00:00:00Z' };

function withAuth(ui: ReactElement) {
  return <AuthProvider>{ui}</AuthProvider>;
}

describe('accounts page', () => {
  it('creates an account with the chosen roles and deactivates one', async () => {
    const user = userEvent.setup();
    const m = mockFetch({
      'GET /api/v1/me': () => json(admin),
      'GET /api/v1/accounts': () => json({ items: [{ ...admin, email: null, active: true, createdAt: '2024-01-01T00:00:00Z' }, kim], next: null }),
      'POST /api/v1/accounts': (c) => json({ id: 3, email: null, active: true, createdAt: '2024-05-02T00:00:00Z', ...(c.body as object) }, 201),
      'PATCH /api/v1/accounts/2': () => json({ ...kim, active: false }),
    });
    renderPage(withAuth(<AccountsPage />));
    await screen.findByTestId('account-row-kim');

    const form = screen.getByTestId('create-account-form');
    await user.type(within(form).getByLabelText('Username'), 'lee');
    await user.type(within(form).getByLabelText('Display name'), '이검수');
    await user.type(within(form).getByLabelText('Password'), 'secret-Passw0rd');
    await user.click(within(form).getByRole('checkbox', { name: 'Labeler' })); // on by default: off
    await user.click(within(form).getByRole('checkbox', { name: 'Reviewer' }));
    await user.click(within(form).getByRole('button', { name: 'Create' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Account lee created');
    expect(m.callsTo('POST', '/api/v1/accounts')[0].body).toEqual({ username: 'lee', displayName: '이검수', password: 'secret-Passw0rd', roles: ['REVIEWER'] });
    expect(screen.getByTestId('account-row-lee')).toHaveTextContent('Reviewer');

    // no deactivate button on one's own row
    expect(within(screen.getByTestId('account-row-admin')).queryByRole('button', { name: 'Deactivate' })).toBeNull();
    await user.click(within(screen.getByTestId('account-row-kim')).getByRole('button', { name: 'Deactivate' }));
    expect(m.callsTo('PATCH', '/api/v1/accounts/2')[0].body).toEqual({ active: false });
    expect(await within(screen.getByTestId('account-row-kim')).findByText('Deactivated')).toBeInTheDocument();
  });
});
