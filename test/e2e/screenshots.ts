import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Screenshots are evidence for a reviewer to look at, not golden files: kept out of git (.gitignore). */
export const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Saves the whole page as `test/e2e/screenshots/<name>.png` and returns the file's path. */
export const saveScreenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  // Web fonts and images settle before the picture is taken, so CJK text is not caught mid-load.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
};
