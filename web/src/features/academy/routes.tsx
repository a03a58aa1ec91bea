import './academy.css';
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { AcademyManagePage } from './AcademyManagePage';
import { CohortListPage } from './CohortListPage';
import { CohortManagePage } from './CohortManagePage';
import { AttemptPage, ExamPage } from './ExamPage';
import { MyAcademyPage } from './MyAcademyPage';
import { SignupPage } from './SignupPage';

/** The academy's routes, grouped: the cohort list and sign-up are public, the rest needs an account. */
export function academyRoutes(auth: (el: ReactNode) => ReactNode) {
  return (
    <>
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/academy" element={<CohortListPage />} />
      <Route path="/academy/me" element={auth(<MyAcademyPage />)} />
      <Route path="/academy/exams/:id" element={auth(<ExamPage />)} />
      <Route path="/academy/attempts/:id" element={auth(<AttemptPage />)} />
      <Route path="/academy/manage" element={auth(<AcademyManagePage />)} />
      <Route path="/academy/cohorts/:id" element={auth(<CohortManagePage />)} />
    </>
  );
}
