import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { I18nProvider, type Lang } from '../app/i18n';

/** Renders `ui` at `route` (matched by `path`) inside the i18n provider, in English unless asked. */
export function renderPage(ui: ReactElement, { route = '/', path = '/', lang = 'en' as Lang } = {}) {
  return render(
    <I18nProvider lang={lang}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path={path} element={ui} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </I18nProvider>,
  );
}
