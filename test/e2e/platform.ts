import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../local/cloud.ts';
import { seedDemoData } from '../../local/seed.ts';
import { launchChromium } from './browser.ts';
import { buildConsoleOnce } from './console-build.ts';

// A browser test waits on a build, a seed through the API and a real browser: generous limits for every
// file that uses this harness, without slowing the unit tests' defaults.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });

export interface BrowserPlatformOptions {
  /** Load the demo data `npm start` loads (applications at every stage, one under public notice). */
  seed?: boolean;
  /** Run timers this many times faster (see `npm start -- --time-scale`). */
  timeScale?: number;
}

export interface BrowserPlatform {
  cloud: LocalCloud;
  browser: Browser;
  /** The console's origin, e.g. http://127.0.0.1:41234 (the API is under /api). */
  url: string;
}

/**
 * One platform per test file, as `npm start` runs it but in this process and in memory: the console built
 * with Vite, the local cloud on a free port, demo data if asked, and a headless Chromium.
 */
export const withBrowserPlatform = (options: BrowserPlatformOptions = {}): BrowserPlatform => {
  const context = {} as BrowserPlatform;
  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    // Launched first: a missing Chromium should fail in a second with its install hint, not after a build.
    context.browser = await launchChromium();
    // E2E_WEB_DIR serves a console built elsewhere (e.g. once by CI, or a scratch entry while developing).
    const webDir = process.env.E2E_WEB_DIR ?? (await buildConsoleOnce());
    context.cloud = await startLocalCloud({
      port: 0,
      dataDir: null,
      timeScale: options.timeScale ?? 1,
      webDir,
    });
    context.url = context.cloud.url;
    if (options.seed)
      await seedDemoData(context.cloud.apiUrl, context.cloud.dynamodbEndpoint, context.cloud.tableName);
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.cloud?.stop();
  });
  return context;
};
