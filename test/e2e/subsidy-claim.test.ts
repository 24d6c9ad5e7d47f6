import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chinaDay } from '../../local/china-today.ts';
import { loadDemoRegistry } from '../../local/demo-registry.ts';
import { demoClaimPolicyCode, demoInvoiceDate } from '../../local/subsidy-demo.ts';
import { choose, field } from './fields.ts';
import { withBrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';
import { decideInBrowser, signedIn as signInAs, tokenOf } from './session.ts';

// 50,000× time: the five-working-day public notice passes in about twelve seconds.
const platform = withBrowserPlatform({ timeScale: 50_000 });

const signedIn = (username: string, path: string) => signInAs(platform, username, path);

const statusOf = async (page: Page) => (await page.locator('.ant-tag').first().textContent())?.trim();

const decide = (username: string, id: string, button: string, fill?: (page: Page) => Promise<void>) =>
  decideInBrowser(platform, 'subsidy', username, id, button, fill);

/** Reloads until the task of the next stage is there (the workflow moves on within moments). */
const waitForDecisionButton = async (username: string, id: string, outcome: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${platform.cloud.apiUrl}/applications/${id}`, {
      headers: { authorization: `Bearer ${await tokenOf(platform, username)}` },
    });
    const { tasks } = (await response.json()) as { tasks: { status: string; kind: string }[] };
    if (tasks.some((task) => task.status === 'OPEN' && task.kind === 'review')) return;
    if (Date.now() > deadline) throw new Error(`no open task for ${username} to ${outcome}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
};

describe('a subsidy claim through the console, in Chromium', () => {
  it('is submitted, returned, revised, approved with a reduction, noticed and paid', async () => {
    await loadDemoRegistry(platform.cloud.apiUrl);

    // The enterprise fills the claim form drawn from the shared schema.
    const applicant = await signedIn('enterprise.wuhu', '/applications/new/SUBSIDY');
    const { page } = applicant;
    // The policy and the documents are chosen from what the zone's open policy asks for.
    await choose(page, 'policyCode', demoClaimPolicyCode);
    await page.getByRole('button', { name: '添加 发票' }).click();
    await field(page, 'invoices.0.code').fill('3400261130');
    await field(page, 'invoices.0.number').fill('77000001');
    await field(page, 'invoices.0.date').fill(demoInvoiceDate());
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
      await choose(page, `attachments.${index}.documentCode`, code);
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
      await field(reviewer, 'date').fill(chinaDay());
      await field(reviewer, 'amountCny').fill('25000');
      await field(reviewer, 'voucherNumber').fill('WH-CZ-2026-1201');
    });

    const done = await signedIn('enterprise.wuhu', `/applications/${id}`);
    try {
      await done.page.getByText('已通过').first().waitFor({ timeout: 30_000 });
      expect(await statusOf(done.page)).toBe('已通过');
      await done.page.getByText('资金已核销').waitFor();
      await saveScreenshot(done.page, 'subsidy-approved');
      expect(done.pageErrors).toEqual([]);
    } finally {
      await done.context.close();
    }
  }, 180_000);
});
