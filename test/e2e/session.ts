import type { Page } from 'playwright-core';
import { type OpenedPage, openPage, viewports } from './browser.ts';
import type { BrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';

/** A demo account's ID token, straight from the local cloud's login (for API checks beside the browser). */
export const tokenOf = async (platform: BrowserPlatform, username: string): Promise<string> => {
  const response = await fetch(`${platform.cloud.apiUrl}/local/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`Signing in ${username} failed with ${response.status}`);
  return ((await response.json()) as { idToken: string }).idToken;
};

/** GET on the API as a demo account; fails on any error status. */
export const apiGet = async <T>(platform: BrowserPlatform, username: string, path: string): Promise<T> => {
  const response = await fetch(`${platform.cloud.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${await tokenOf(platform, username)}` },
  });
  if (!response.ok) throw new Error(`GET ${path} as ${username} failed with ${response.status}`);
  return (await response.json()) as T;
};

/** An application as `GET /applications/{id}` answers it: the record and its tasks. */
export interface ApplicationReply {
  application: { status: string; stage?: string; experts?: string[]; certificate?: { number: string } };
  tasks: { status: string; stage: string; kind: string }[];
}

type Task = ApplicationReply['tasks'][number];

/**
 * Polls the application as `username` until one of its tasks is open and of the stage or kind asked for
 * (the workflow moves on within moments), and answers the application as it then is.
 */
export const waitForOpenTask = async (
  platform: BrowserPlatform,
  username: string,
  id: string,
  wanted: Partial<Pick<Task, 'stage' | 'kind'>>,
  timeoutMs = 60_000,
): Promise<ApplicationReply> => {
  const matches = (task: Task) =>
    task.status === 'OPEN' &&
    (wanted.stage === undefined || task.stage === wanted.stage) &&
    (wanted.kind === undefined || task.kind === wanted.kind);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await apiGet<ApplicationReply>(platform, username, `/applications/${id}`);
    if (reply.tasks.some(matches)) return reply;
    if (Date.now() > deadline) {
      throw new Error(`${id} has no open task ${JSON.stringify(wanted)} for ${username}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
};

/**
 * Signs in through the login page's demo account button in a fresh browser context, then opens `path` in
 * that session.
 */
export const signedIn = async (
  platform: BrowserPlatform,
  username: string,
  path: string,
  viewport: { width: number; height: number } = viewports.desktop,
): Promise<OpenedPage> => {
  const opened = await openPage(platform.browser, `${platform.url}/login`, { viewport });
  await opened.page.getByRole('button', { name: `以此账号登录 ${username}`, exact: true }).click();
  await opened.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await opened.page.goto(`${platform.url}${path}`);
  return opened;
};

/**
 * Opens the application as `username`, lets `fill` enter the stage's record, presses the decision button
 * and waits for the console to confirm it; screenshots as `<prefix>-<username>-<button>`.
 */
export const decideInBrowser = async (
  platform: BrowserPlatform,
  prefix: string,
  username: string,
  applicationId: string,
  button: string,
  fill: (page: Page) => Promise<void> = async () => {},
): Promise<void> => {
  const { context, page, pageErrors } = await signedIn(platform, username, `/applications/${applicationId}`);
  try {
    await page.getByRole('button', { name: button, exact: true }).waitFor({ timeout: 30_000 });
    await fill(page);
    await page.getByRole('button', { name: button, exact: true }).click();
    await page
      .getByText('已提交决定')
      .waitFor()
      .catch(async (error: unknown) => {
        await saveScreenshot(page, `${prefix}-${username}-${button}-failed`);
        throw error;
      });
    await saveScreenshot(page, `${prefix}-${username}-${button}`);
    if (pageErrors.length > 0) throw new Error(`Page errors: ${pageErrors.map(String).join('; ')}`);
  } finally {
    await context.close();
  }
};
