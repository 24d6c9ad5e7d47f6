import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser, so the system one is all there is. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const INSTALL_HINT = 'apt-get install -y chromium fonts-noto-cjk';

/**
 * Starts headless Chromium. A missing browser fails the test (never skips it): a browser test that is
 * quietly skipped on a machine without Chromium would report a console it never checked.
 */
export const launchChromium = async (): Promise<Browser> => {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it with \`${INSTALL_HINT}\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary); the browser tests need it.',
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};

/** Widths the console must work at: a desktop and a phone (iPhone 12–15 CSS width). */
export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** The browser's language; the console starts in Chinese unless the user switched. */
  locale?: string;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page so far: a test expects none. */
  pageErrors: Error[];
}

/**
 * A page in a fresh context (its own storage, so a language choice or session never leaks between tests),
 * failing loudly on uncaught errors in the page instead of letting a broken console pass on stale markup.
 */
export const openPage = async (
  browser: Browser,
  url: string,
  options: PageOptions = {},
): Promise<OpenedPage> => {
  const context = await browser.newContext({
    viewport: options.viewport ?? viewports.desktop,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(url);
  return { context, page, pageErrors };
};
