import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadDemoRegistry } from '../../local/demo-registry.ts';
import { openPage, viewports } from './browser.ts';
import { withBrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';

// 50,000× time: the five-working-day public notice passes in about twelve seconds.
const platform = withBrowserPlatform({ timeScale: 50_000 });

/** Signs in through the login page's demo account buttons, in a fresh browser context. */
const signedIn = async (username: string, path: string) => {
  const opened = await openPage(platform.browser, `${platform.url}/login`, { viewport: viewports.desktop });
  await opened.page.getByRole('button', { name: `以此账号登录 ${username}`, exact: true }).click();
  await opened.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await opened.page.goto(`${platform.url}${path}`);
  return opened;
};

const field = (page: Page, name: string) => page.locator(`[id="${name}"]`);

const statusOf = async (page: Page) => (await page.locator('.ant-tag').first().textContent())?.trim();

/** Opens the claim as a reviewer and decides its open task; `record` fills the stage's fields first. */
const decide = async (
  username: string,
  id: string,
  outcome: string,
  fill: (page: Page) => Promise<void> = async () => {},
) => {
  const { context, page, pageErrors } = await signedIn(username, `/applications/${id}`);
  try {
    await page.getByRole('button', { name: outcome, exact: true }).waitFor({ timeout: 30_000 });
    await fill(page);
    await page.getByRole('button', { name: outcome, exact: true }).click();
    await page
      .getByText('已提交决定')
      .waitFor()
      .catch(async (error: unknown) => {
        await saveScreenshot(page, `subsidy-${username}-${outcome}-failed`);
        throw error;
      });
    await saveScreenshot(page, `subsidy-${username}-${outcome}`);
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
};

/** Reloads until the task of the next stage is there (the workflow moves on within moments). */
const waitForDecisionButton = async (username: string, id: string, outcome: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${platform.cloud.apiUrl}/applications/${id}`, {
      headers: { authorization: `Bearer ${await token(username)}` },
    });
    const { tasks } = (await response.json()) as { tasks: { status: string; kind: string }[] };
    if (tasks.some((task) => task.status === 'OPEN' && task.kind === 'review')) return;
    if (Date.now() > deadline) throw new Error(`no open task for ${username} to ${outcome}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
};

const token = async (username: string) => {
  const response = await fetch(`${platform.cloud.apiUrl}/local/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
};

describe('a subsidy claim through the console, in Chromium', () => {
  it('is submitted, returned, revised, approved with a reduction, noticed and paid', async () => {
    await loadDemoRegistry(platform.cloud.apiUrl);

    // The enterprise fills the claim form drawn from the shared schema.
    const applicant = await signedIn('enterprise.wuhu', '/applications/new/SUBSIDY');
    const { page } = applicant;
    await field(page, 'policyCode').fill('WH-2026-OW-01');
    await page.getByRole('button', { name: '添加 发票' }).click();
    await field(page, 'invoices.0.code').fill('3400261130');
    await field(page, 'invoices.0.number').fill('77000001');
    await field(page, 'invoices.0.date').fill('2026-06-15');
    await field(page, 'invoices.0.amountCny').fill('100000');
    await field(page, 'invoices.0.description').fill('海外仓租赁费');
    await field(page, 'requestedAmountCny').fill('30000');
    for (const [index, code] of [
      'BUSINESS_LICENSE',
      'WAREHOUSE_CONTRACT',
      'INVOICES',
      'PAYMENT_PROOF',
    ].entries()) {
      await page.getByRole('button', { name: '添加 附件' }).click();
      await field(page, `attachments.${index}.documentCode`).fill(code);
      await field(page, `attachments.${index}.fileName`).fill(`${code.toLowerCase()}.pdf`);
    }
    await saveScreenshot(page, 'subsidy-form');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1) ?? '';
    expect(applicant.pageErrors).toEqual([]);

    // The district returns it; the enterprise revises the amount and resubmits.
    await waitForDecisionButton('district.jiujiang', id, '退回补正', 30_000);
    await decide('district.jiujiang', id, '退回补正', async (reviewer) => {
      await reviewer.locator('#decision-comment').fill('请补充付款凭证的银行回单');
    });
    await page.reload();
    await page.getByText('补正材料', { exact: true }).waitFor({ timeout: 30_000 });
    await field(page, 'requestedAmountCny').fill('28000');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('补正材料', { exact: true }).waitFor({ state: 'detached', timeout: 30_000 });
    await applicant.context.close();

    // District and municipality approve; the municipality reduces the amount with a reason.
    await waitForDecisionButton('district.jiujiang', id, '通过', 30_000);
    await decide('district.jiujiang', id, '通过');
    await waitForDecisionButton('municipal.wuhu', id, '通过', 30_000);
    await decide('municipal.wuhu', id, '通过', async (reviewer) => {
      await field(reviewer, 'approvedAmountCny').fill('25000');
      await field(reviewer, 'reason').fill('部分费用不在政策年度内');
    });

    // After the public notice, finance records the payment.
    await waitForDecisionButton('finance.wuhu', id, '通过', 60_000);
    await decide('finance.wuhu', id, '通过', async (reviewer) => {
      await field(reviewer, 'date').fill('2026-12-01');
      await field(reviewer, 'amountCny').fill('25000');
      await field(reviewer, 'voucherNumber').fill('WH-CZ-2026-1201');
    });

    const done = await signedIn('enterprise.wuhu', `/applications/${id}`);
    try {
      await done.page.getByText('已通过').first().waitFor({ timeout: 30_000 });
      expect(await statusOf(done.page)).toBe('已通过');
      await done.page.getByText('BUDGET_COMMITTED').waitFor();
      await saveScreenshot(done.page, 'subsidy-approved');
      expect(done.pageErrors).toEqual([]);
    } finally {
      await done.context.close();
    }
  }, 180_000);
});
