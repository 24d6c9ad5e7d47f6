import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chinaDay } from '../../local/china-today.ts';
import { loadDemoRegistry } from '../../local/demo-registry.ts';
import { samplePdf } from '../../local/sample-files.ts';
import { demoClaimPolicyCode, demoInvoiceDate } from '../../local/subsidy-demo.ts';
import { attachFile, choose, field } from './fields.ts';
import { withBrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';
import { decideInBrowser, signedIn as signInAs, waitForOpenTask } from './session.ts';

// 50,000× time: the five-working-day public notice passes in about twelve seconds.
const platform = withBrowserPlatform({ timeScale: 50_000 });

const signedIn = (username: string, path: string) => signInAs(platform, username, path);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const statusOf = async (page: Page) => (await page.locator('.ant-tag').first().textContent())?.trim();

const decide = (username: string, id: string, button: string, fill?: (page: Page) => Promise<void>) =>
  decideInBrowser(platform, 'subsidy', username, id, button, fill);

/** Waits until a review task is open for `username` (the workflow moves on within moments). */
const waitForReview = (username: string, id: string, timeoutMs: number) =>
  waitForOpenTask(platform, username, id, { kind: 'review' }, timeoutMs);

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
    const uploadedFiles = new Map<string, Uint8Array>();
    for (const [index, code] of [
      'BUSINESS_LICENSE',
      'WAREHOUSE_CONTRACT',
      'INVOICES',
      'PAYMENT_PROOF',
    ].entries()) {
      await page.getByRole('button', { name: '添加 附件' }).click();
      await choose(page, `attachments.${index}.documentCode`, code);
      // Each file goes from the browser straight to the bucket, through the URL the API signed for it.
      const file = { name: `${code.toLowerCase()}.pdf`, bytes: await samplePdf(code) };
      uploadedFiles.set(file.name, file.bytes);
      await attachFile(page, `attachments.${index}.attachmentId`, file);
    }
    await saveScreenshot(page, 'subsidy-form');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1) ?? '';
    expect(applicant.pageErrors).toEqual([]);

    // The stored file comes back byte for byte through the link the API signs for the application's readers.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 invoices.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('invoices.pdf');
    const downloaded = await readFile((await download.path()) as string);
    expect(sha256(downloaded)).toBe(sha256(uploadedFiles.get('invoices.pdf') as Uint8Array));

    // The district returns it; the enterprise revises the amount and resubmits.
    await waitForReview('district.jiujiang', id, 30_000);
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
    await waitForReview('district.jiujiang', id, 30_000);
    await decide('district.jiujiang', id, '通过');
    await waitForReview('municipal.wuhu', id, 30_000);
    await decide('municipal.wuhu', id, '通过', async (reviewer) => {
      await field(reviewer, 'approvedAmountCny').fill('25000');
      await field(reviewer, 'reason').fill('部分费用不在政策年度内');
    });

    // After the public notice, finance records the payment.
    await waitForReview('finance.wuhu', id, 60_000);
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
      // The assessment reads as a computation: the rule that decided the amount, and the reduction's reason.
      await done.page.getByText('决定金额', { exact: true }).first().waitFor();
      await done.page.getByText('核减理由', { exact: true }).waitFor();
      await saveScreenshot(done.page, 'subsidy-approved');
      expect(done.pageErrors).toEqual([]);
    } finally {
      await done.context.close();
    }
  }, 180_000);
});
