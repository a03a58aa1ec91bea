import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { EarningsPage } from './EarningsPage';
import { PayPage } from './PayPage';

/** Pay's routes: each worker's own earnings, and the administrators' statements. */
export function payRoutes(auth: (el: ReactNode) => ReactNode) {
  return (
    <>
      <Route path="/earnings" element={auth(<EarningsPage />)} />
      <Route path="/pay" element={auth(<PayPage />)} />
    </>
  );
}
