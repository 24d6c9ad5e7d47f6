import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, Suspense, useMemo } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiFailure } from '../shared/api.ts';
import { AuthProvider } from '../shared/auth.tsx';
import { LanguageProvider, useLanguage } from '../shared/i18n.tsx';
import { PageLoading } from './PageLoading.tsx';
import { routes } from './routes.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; network trouble and 5xx may.
      retry: (count, error) =>
        !(error instanceof ApiFailure && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Ant Design in the user's language with the console's theme, around every page (and component tests). */
export const ConsoleTheme = ({ children }: { children: ReactNode }) => {
  const { language } = useLanguage();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1554ad' } }}
      // "提交" stays one word for screen readers and tests (Ant Design spaces out two-character labels).
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
};

const Localized = () => {
  const router = useMemo(() => createBrowserRouter(routes), []);
  return (
    <ConsoleTheme>
      <AuthProvider>
        <Suspense fallback={<PageLoading />}>
          <RouterProvider router={router} />
        </Suspense>
      </AuthProvider>
    </ConsoleTheme>
  );
};

export const App = () => (
  <QueryClientProvider client={queryClient}>
    <LanguageProvider>
      <Localized />
    </LanguageProvider>
  </QueryClientProvider>
);
