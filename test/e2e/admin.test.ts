import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { composeUscc } from '../../domain/shared/uscc.ts';
import { policyCodeSchema, putPolicyBodySchema } from '../../domain/subsidy/policy.ts';
import { chinaYear } from '../../local/china-today.ts';
import { withBrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';
import { signedIn, tokenOf } from './session.ts';

const platform = withBrowserPlatform({ seed: true });

/** The Chinese half of a shared schema's bilingual message (`中文 / English`), as the console shows it. */
const chineseHalf = (message: string | undefined) => (message ?? '').split(' / ')[0] ?? '';

const year = chinaYear();
const policyCode = `WH-${year}-EX-09`;

const signedInAsAdmin = (path: string) => signedIn(platform, 'admin', path);

const adminToken = () => tokenOf(platform, 'admin');

const csvFile = (name: string, rows: string[][]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${rows.map((row) => row.join(',')).join('\n')}\n`, 'utf8'),
});

const rowWith = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

/** A dialog by its accessible name (the modal's title). */
const dialogTitled = (page: Page, title: string) => page.getByRole('dialog', { name: title });

describe('the administrator pages, in Chromium at 1280 px', () => {
  it('creates a policy through the form, refusing what the shared schema refuses, and shows its budget', async () => {
    const { context, page, pageErrors } = await signedInAsAdmin('/admin/policies');
    try {
      await page.getByRole('heading', { name: '政策目录' }).waitFor();
      await page.getByRole('button', { name: '新建政策' }).click();
      const dialog = dialogTitled(page, '新建政策');
      await dialog.waitFor();
      await dialog.getByLabel('政策编号').fill('WH-26-EX');
      await dialog.getByLabel('政策名称（中文）').fill('跨境电商境外展会补贴（测试）');
      await dialog.getByLabel('政策名称（英文）').fill('Overseas exhibition support (test)');
      await dialog.getByLabel('单笔上限（元）').fill('30000');
      await dialog.getByLabel('企业年度上限（元）').fill('20000');
      await dialog.getByLabel('总预算（元）').fill('500000');

      // The code is refused with the shared schema's own message, tied to the field.
      await dialog.getByRole('button', { name: '保存' }).click();
      const codeMessage = chineseHalf(policyCodeSchema.safeParse('WH-26-EX').error?.issues[0]?.message);
      expect(codeMessage).toBe('政策编号格式应为 WH-2026-OW-01');
      await dialog.getByText(codeMessage).waitFor();
      await expect(dialog.getByLabel('政策编号').getAttribute('aria-invalid')).resolves.toBe('true');
      await saveScreenshot(page, 'admin-policy-refused-1280');

      // With a good code, the schema's rule across fields speaks: the per-claim cap exceeds the annual one.
      await dialog.getByLabel('政策编号').fill(policyCode);
      await dialog.getByRole('button', { name: '保存' }).click();
      const capIssue = putPolicyBodySchema
        .safeParse({
          name: { zh: '测试政策', en: 'Test policy' },
          zone: 'wuhu',
          year,
          category: 'OTHER',
          subsidyRate: 0.5,
          perClaimCapCny: 30_000,
          perEnterpriseAnnualCapCny: 20_000,
          totalBudgetCny: 500_000,
          requiredDocuments: [],
          openDate: `${year}-01-01`,
          closeDate: `${year}-12-31`,
          overdraftPolicy: 'REFUSE',
          status: 'DRAFT',
        })
        .error?.issues.find((issue) => issue.path[0] === 'perClaimCapCny');
      await dialog.getByText(chineseHalf(capIssue?.message)).waitFor();

      await dialog.getByLabel('单笔上限（元）').fill('10000');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await rowWith(page, policyCode).waitFor();
      expect(await rowWith(page, policyCode).textContent()).toContain('跨境电商境外展会补贴（测试）');
      await saveScreenshot(page, 'admin-policies-1280');

      // The budget of the new policy: all of it available.
      await page.getByRole('button', { name: `预算 ${policyCode}` }).click();
      const budget = dialogTitled(page, `政策预算 ${policyCode}`);
      await budget.getByText('总预算').waitFor();
      expect(await budget.textContent()).toContain('500,000');
      await saveScreenshot(page, 'admin-policy-budget-1280');
      await page.keyboard.press('Escape');
      await budget.waitFor({ state: 'hidden' });

      // Someone else updates the policy while it is open here: the save is refused with 409 VERSION_CONFLICT.
      await page.getByRole('button', { name: `编辑 ${policyCode}` }).click();
      const editor = dialogTitled(page, `编辑政策 ${policyCode}`);
      await editor.getByLabel('政策名称（中文）').fill('跨境电商境外展会补贴（修订）');
      const meanwhile = await fetch(`${platform.cloud.apiUrl}/policies/${policyCode}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` },
        body: JSON.stringify({
          name: { zh: '跨境电商境外展会补贴（他人修改）', en: 'Overseas exhibition support (changed)' },
          zone: 'wuhu',
          year,
          category: 'OTHER',
          subsidyRate: 0.5,
          perClaimCapCny: 10_000,
          perEnterpriseAnnualCapCny: 20_000,
          totalBudgetCny: 500_000,
          requiredDocuments: [],
          openDate: `${year}-01-01`,
          closeDate: `${year}-12-31`,
          overdraftPolicy: 'REFUSE',
          status: 'DRAFT',
          version: 1,
        }),
      });
      expect(meanwhile.status).toBe(200);
      await editor.getByRole('button', { name: '保存' }).click();
      await editor.getByRole('alert').filter({ hasText: '政策已被他人修改，请刷新后重试' }).waitFor();
      expect(await editor.textContent()).toContain('VERSION_CONFLICT');
      await editor.getByText('该记录已被他人修改').waitFor();
      await saveScreenshot(page, 'admin-policy-version-conflict-1280');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('imports a CSV credit list: a bad row refuses the file with a per-row report, a good file is imported', async () => {
    const good = composeUscc({
      authority: '9',
      organizationType: '1',
      divisionCode: '340202',
      organizationCodeBody: 'MA2E2E01',
    });
    const bad = '91340202MA2E2E0X99';
    const header = ['统一社会信用代码', '企业名称', '原因', '来源', '开始日期'];
    const goodRow = [good, '芜湖测试失信贸易有限公司', '虚假申报补贴资金', '市场监管局', '2026-11-01'];
    const badRow = [bad, '芜湖代码错误有限公司', '虚假申报补贴资金', '市场监管局', '2026-11-01'];
    const { context, page, pageErrors } = await signedInAsAdmin('/admin/credit-lists');
    try {
      await page.getByRole('heading', { name: '信用名单', level: 1 }).waitFor();
      const fileInput = page.locator('input[type=file]');
      const importButton = page.getByRole('button', { name: '导入', exact: true });

      await fileInput.setInputFiles(csvFile('blacklist.csv', [header, goodRow, badRow]));
      await importButton.click();
      await page.getByRole('alert').filter({ hasText: '1 行未通过校验，整个文件未导入' }).waitFor();
      await rowWith(page, '校验通过（未导入）').waitFor();
      const refused = rowWith(page, '未通过').filter({ hasText: bad });
      await refused.waitFor();
      expect(await rowWith(page, '校验通过（未导入）').locator('td').first().textContent()).toBe('2');
      expect(await refused.locator('td').first().textContent()).toBe('3');
      expect(await refused.textContent()).toContain(`统一社会信用代码“${bad}”无效`);
      await saveScreenshot(page, 'admin-credit-import-refused-1280');

      // A manual entry is ended from today: it stays listed, no longer in force.
      const manual = composeUscc({
        authority: '9',
        organizationType: '1',
        divisionCode: '340202',
        organizationCodeBody: 'MA2E2E02',
      });
      const put = await fetch(`${platform.cloud.apiUrl}/credit-lists/BLACKLIST/${manual}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          enterpriseName: '芜湖手工录入测试有限公司',
          zone: 'wuhu',
          reason: '拒不履行法院判决',
          source: '法院',
          startDate: '2026-01-05',
        }),
      });
      expect(put.status, await put.clone().text()).toBe(200);
      await page.reload();
      const manualRow = rowWith(page, '芜湖手工录入测试有限公司');
      await manualRow.filter({ hasText: '生效中' }).waitFor();
      await page.getByRole('button', { name: '移出 芜湖手工录入测试有限公司' }).click();
      await page.getByRole('button', { name: '确定' }).click();
      await manualRow.filter({ hasText: '已失效' }).waitFor();
      await saveScreenshot(page, 'admin-credit-entry-ended-1280');

      // A corrected file chosen in the same Upload replaces the refused one and is imported.
      await fileInput.setInputFiles(csvFile('blacklist-fixed.csv', [header, goodRow]));
      await importButton.click();
      await page.getByText('导入完成：1 行已写入名单').waitFor();
      await rowWith(page, '已导入').filter({ hasText: '2' }).first().waitFor();
      // The list now holds the enterprise, marked as imported.
      const entry = rowWith(page, good).filter({ hasText: '芜湖测试失信贸易有限公司' });
      await entry.waitFor();
      expect(await entry.textContent()).toContain('批量导入');
      await saveScreenshot(page, 'admin-credit-import-done-1280');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("opens a training session's registration list and exports it to Excel", async () => {
    const { context, page, pageErrors } = await signedInAsAdmin('/admin/training');
    try {
      await page.getByRole('heading', { name: '培训班', level: 1 }).waitFor();
      const link = page.getByRole('link', { name: /^报名名单 WH-\d{4}-PX01$/ });
      await link.waitFor();
      const code = ((await link.getAttribute('aria-label')) ?? '').replace('报名名单 ', '');
      await saveScreenshot(page, 'admin-training-sessions-1280');
      await link.click();
      await page.getByRole('heading', { name: `报名名单 · ${code}` }).waitFor();
      const trainee = rowWith(page, '张学员');
      await trainee.waitFor();
      const text = await trainee.textContent();
      expect(text).toContain('已占名额');
      // The ID number is shown masked, never whole.
      expect(text).not.toMatch(/\d{17}[\dX]/);
      await saveScreenshot(page, 'admin-training-registrations-1280');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${code}-registrations.xlsx`);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the zone configuration read-only', async () => {
    const { context, page, pageErrors } = await signedInAsAdmin('/admin/zones');
    try {
      await page.getByText('中国（芜湖）跨境电子商务综合试验区').waitFor();
      await rowWith(page, '鸠江区跨境电子商务产业园区').first().waitFor();
      expect(await page.getByRole('textbox').count()).toBe(0);
      await saveScreenshot(page, 'admin-zones-1280');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
