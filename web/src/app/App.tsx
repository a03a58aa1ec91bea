import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { HashRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { newQueryClient } from '../api/query';
import { academyRoutes } from '../features/academy/routes';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { TokensPage } from '../features/accounts/TokensPage';
import { LoginPage } from '../features/auth/LoginPage';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm';
import { LabelingPage } from '../features/labeling/LabelingPage';
import { payRoutes } from '../features/pay/routes';
import { NewProjectPage } from '../features/projects/NewProjectPage';
import { ProjectListPage } from '../features/projects/ProjectListPage';
import { ProjectPage } from '../features/projects/ProjectPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { EditSchemaPage } from '../features/schema/EditSchemaPage';
import { TaskDetailPage } from '../features/tasks/TaskDetailPage';
import { AuthProvider, useAuth } from './auth';
import { I18nProvider, useT } from './i18n';
import { Layout } from './Layout';
import { Loading } from './ui';

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, checking } = useAuth();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function NotFound() {
  const t = useT();
  return <p className="empty">{t('common.notFound')}</p>;
}

export function AppRoutes() {
  const auth = (el: ReactNode) => <RequireAuth>{el}</RequireAuth>;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/" element={<Navigate to="/projects" replace />} />
        <Route path="/projects" element={auth(<ProjectListPage />)} />
        <Route path="/projects/new" element={auth(<NewProjectPage />)} />
        <Route path="/projects/:id" element={auth(<ProjectPage />)} />
        <Route path="/projects/:id/schema" element={auth(<EditSchemaPage />)} />
        <Route path="/projects/:id/label" element={auth(<LabelingPage />)} />
        <Route path="/projects/:id/review" element={auth(<ReviewPage />)} />
        <Route path="/tasks/:id" element={auth(<TaskDetailPage />)} />
        <Route path="/accounts" element={auth(<AccountsPage />)} />
        <Route path="/tokens" element={auth(<TokensPage />)} />
        {academyRoutes(auth)}
        <Route path="/me/password" element={auth(<ChangePasswordForm />)} />
        {payRoutes(auth)}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/**
 * Hash routing (#/projects/1): the server serves one index.html at "/" and needs no fallback route for
 * deep links, whatever serves the static files.
 */
export function App() {
  const [queryClient] = useState(newQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthProvider>
          <HashRouter>
            <AppRoutes />
          </HashRouter>
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
