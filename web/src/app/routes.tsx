import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { Navigate } from 'react-router';
import { callbackPath } from '../features/auth/hosted-ui.ts';
import { useAuth } from '../shared/auth.tsx';
import { homeOf } from './navigation.ts';
import { Shell } from './Shell.tsx';

// Every page is its own chunk: the first load carries only the shell.
const LoginPage = lazy(() => import('../features/auth/components/LoginPage.tsx'));
const HostedCallbackPage = lazy(() => import('../features/auth/components/HostedCallbackPage.tsx'));
const PublicNoticesPage = lazy(() => import('../features/notices/components/PublicNoticesPage.tsx'));
const InboxPage = lazy(() => import('../features/inbox/components/InboxPage.tsx'));
const MyApplicationsPage = lazy(() => import('../features/applications/components/MyApplicationsPage.tsx'));
const NewApplicationPage = lazy(() => import('../features/applications/components/NewApplicationPage.tsx'));
const ApplicationPage = lazy(() => import('../features/applications/components/ApplicationPage.tsx'));
const PoliciesPage = lazy(() => import('../features/admin/components/PoliciesPage.tsx'));
const CreditListsPage = lazy(() => import('../features/admin/components/CreditListsPage.tsx'));
const ExpertsPage = lazy(() => import('../features/admin/components/ExpertsPage.tsx'));
const TrainingSessionsPage = lazy(() => import('../features/admin/components/TrainingSessionsPage.tsx'));
const RegistrationsPage = lazy(() => import('../features/admin/components/RegistrationsPage.tsx'));
const ZonesPage = lazy(() => import('../features/admin/components/ZonesPage.tsx'));
const AuditSearchPage = lazy(() => import('../features/audit/components/AuditSearchPage.tsx'));
const NotFoundPage = lazy(() => import('./NotFoundPage.tsx'));
const DashboardPage = lazy(() => import('../features/dashboard/components/DashboardPage.tsx'));
const SupervisionBoardPage = lazy(
  () => import('../features/supervision/components/SupervisionBoardPage.tsx'),
);

const Home = () => {
  const { session } = useAuth();
  return <Navigate to={session ? homeOf(session.user.role) : '/login'} replace />;
};

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: callbackPath, element: <HostedCallbackPage /> },
  // Public (公示): anyone may read the notices and object, without signing in, so outside the shell.
  { path: '/notices', element: <PublicNoticesPage /> },
  {
    element: <Shell />,
    children: [
      { index: true, element: <Home /> },
      { path: '/inbox', element: <InboxPage /> },
      { path: '/applications', element: <MyApplicationsPage /> },
      { path: '/applications/new', element: <NewApplicationPage /> },
      { path: '/applications/new/:program', element: <NewApplicationPage /> },
      { path: '/applications/:id', element: <ApplicationPage /> },
      { path: '/admin/policies', element: <PoliciesPage /> },
      { path: '/admin/credit-lists', element: <CreditListsPage /> },
      { path: '/admin/experts', element: <ExpertsPage /> },
      { path: '/admin/training', element: <TrainingSessionsPage /> },
      { path: '/admin/training/:code', element: <RegistrationsPage /> },
      { path: '/admin/zones', element: <ZonesPage /> },
      { path: '/dashboard', element: <DashboardPage /> },
      { path: '/supervision', element: <SupervisionBoardPage /> },
      { path: '/audit', element: <AuditSearchPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
