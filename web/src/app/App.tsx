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
      theme={{
        token: {
          colorPrimary: '#1554ad',
          colorLink: '#1554ad',
          // Status colours dark enough for 4.5:1 as text on their light tag backgrounds.
          colorInfo: '#1554ad',
          colorSuccess: '#237804',
          colorWarning: '#ad4e00',
          colorError: '#cf1322',
          // Kept at Ant Design's light tints: derived from the darker colours above they turn murky.
          colorInfoBg: '#e6f4ff',
          colorSuccessBg: '#f6ffed',
          colorWarningBg: '#fffbe6',
          colorErrorBg: '#fff2f0',
          // Ant Design's grey texts are lighter than WCAG AA allows on white (#8c8c8c is 3.4:1, the
          // placeholder #bfbfbf 1.8:1): these keep secondary text, hints and placeholders at 4.5:1 or more.
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.58)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          colorTextQuaternary: 'rgba(0, 0, 0, 0.55)',
        },
      }}
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
