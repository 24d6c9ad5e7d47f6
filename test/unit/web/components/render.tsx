import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { ConsoleTheme } from '../../../../web/src/app/App.tsx';
import { AuthProvider } from '../../../../web/src/shared/auth.tsx';
import { LanguageProvider } from '../../../../web/src/shared/i18n.tsx';

// The default of one second is too short when the whole suite loads the machine (CI runs the browser
// tests beside these); a form's first validation pass then takes longer. Failures still fail, later.
configure({ asyncUtilTimeout: 5_000 });

/** antd asks the browser for media queries, which jsdom does not answer. */
const stubMatchMedia = () => {
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
};

/** Renders a console component with the providers the app gives it (no network: queries never retry). */
export const renderInConsole = (ui: ReactNode) => {
  stubMatchMedia();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <LanguageProvider>
        <AuthProvider>
          <ConsoleTheme>
            <MemoryRouter>{ui}</MemoryRouter>
          </ConsoleTheme>
        </AuthProvider>
      </LanguageProvider>
    </QueryClientProvider>,
  );
};
