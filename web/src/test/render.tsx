import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { newQueryClient } from '../api/query';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { I18nProvider, type Lang } from '../app/i18n';

/** Renders `ui` at `route` (matched by `path`) inside the i18n provider (English unless asked) and a fresh query cache. */
export function renderPage(ui: ReactElement, { route = '/', path = '/', lang = 'en' as Lang } = {}) {
  return render(
    <QueryClientProvider client={newQueryClient()}>
      <I18nProvider lang={lang}>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path={path} element={ui} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
}
