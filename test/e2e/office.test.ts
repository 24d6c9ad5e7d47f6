import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DashboardReply } from '../../web/src/features/dashboard/api/dashboard.ts';
import { formatMeasure } from '../../web/src/features/dashboard/logic.ts';
import type { BoardReply } from '../../web/src/features/supervision/api/board.ts';
import { withBrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';
import { apiGet as getAs, signedIn as signInAs } from './session.ts';

const platform = withBrowserPlatform({ seed: true });

/** The two supervision tasks local/seed.ts gives the Wuhu office. */
const SEEDED_TASKS = ['推广跨境电商 B2B 出口监管模式（9710、9810）', '建设跨境电商公共海外仓服务体系'];

const ragWords = { RED: '红灯 · 督办', YELLOW: '黄灯 · 催办', GREEN: '绿灯 · 正常' } as const;

const apiGet = <T>(username: string, path: string) => getAs<T>(platform, username, path);

/** The board as the API has it once the seeded workflows have written their entries. */
const seededBoard = async (username: string, expected: number): Promise<BoardReply> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const board = await apiGet<BoardReply>(username, '/supervision/board');
    if (board.items.length >= expected || Date.now() > deadline) return board;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
};

const signedIn = (username: string, path: string) => signInAs(platform, username, path);

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

describe("the leading-group office's pages, in Chromium", () => {
  it('shows the Wuhu dashboard with the figures GET /api/dashboard returns', async () => {
    const reply = await apiGet<DashboardReply>('office.wuhu', '/dashboard?zone=wuhu');
    const wuhu = reply.zones[0];
    if (!wuhu) throw new Error('The dashboard should answer for Wuhu');
    const enterprises = wuhu.targets.find((target) => target.code === 'enterprises');
    if (!enterprises) throw new Error('Wuhu should have the registered-enterprises target');
    // The demo registry registers enterprises in the zone: the figure checked is not a trivial zero.
    expect(enterprises.current).toBeGreaterThan(0);

    const { context, page, pageErrors } = await signedIn('office.wuhu', '/dashboard');
    try {
      // The menu offers both pages to the office.
      await expect(page.locator('a[href="/dashboard"]').count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('a[href="/supervision"]').count()).resolves.toBeGreaterThan(0);
      await page.getByRole('heading', { level: 1, name: '统计监测 · 芜湖' }).waitFor();

      // Every target: its current value in words, and a gauge whose text alternative says the same.
      const enterprisesCard = region(page, enterprises.nameZh);
      await enterprisesCard.waitFor();
      expect(await enterprisesCard.getByTestId('target-current').textContent()).toBe(
        `${enterprises.current} 家`,
      );
      for (const target of wuhu.targets) {
        const card = region(page, target.nameZh);
        expect(await card.getByTestId('target-current').textContent()).toBe(
          formatMeasure(target.unit, target.current, 'zh'),
        );
        const gauge = card.getByRole('img', { name: `完成 ${target.progress}%` });
        // ECharts (its own lazy chunk) has drawn the gauge as SVG.
        await gauge.locator('svg').waitFor();
      }

      // Applications by program: the stacked bars' table gives each program's total in its last cell.
      const { items: programs } = await apiGet<{ items: { code: string; name: { zh: string } }[] }>(
        'office.wuhu',
        '/programs',
      );
      const applications = region(page, '各业务申请情况');
      for (const [program, counts] of Object.entries(wuhu.figures.applications)) {
        const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
        const name = programs.find((candidate) => candidate.code === program)?.name.zh ?? program;
        const cells = await applications
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name, exact: true }) })
          .getByRole('cell')
          .allTextContents();
        expect(cells.at(-1)).toBe(String(total));
      }
      // The bars' text alternative names every program with its counts.
      const bars = applications.locator('div[role="img"]');
      await bars.locator('svg').waitFor();
      for (const program of Object.keys(wuhu.figures.applications)) {
        const name = programs.find((candidate) => candidate.code === program)?.name.zh ?? program;
        expect(await bars.getAttribute('aria-label')).toContain(name);
      }

      // Overdue tasks and the districts: the zone total and Jiujiang's registered enterprises.
      expect(await region(page, '逾期任务').textContent()).toContain(String(wuhu.figures.overdueTasks));
      const jiujiang = wuhu.districts.find((district) => district.code === 'jiujiang');
      if (!jiujiang) throw new Error('Wuhu should have 鸠江区');
      const districtRow = region(page, '分县区情况').getByRole('row').filter({ hasText: '鸠江区' });
      const cells = await districtRow.getByRole('cell').allTextContents();
      expect(cells[0]).toBe('鸠江区');
      expect(cells[1]).toBe(String(jiujiang.figures.measures.registered_enterprises));
      const totalRow = region(page, '分县区情况').getByRole('row').filter({ hasText: '全区合计' });
      expect((await totalRow.getByRole('cell').allTextContents())[1]).toBe(
        String(wuhu.figures.measures.registered_enterprises),
      );
      await saveScreenshot(page, 'office-dashboard-1280');

      // The same figures in English through the shared switch.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Zone dashboard · Wuhu' }).waitFor();
      expect(await region(page, enterprises.nameEn).getByTestId('target-current').textContent()).toBe(
        `${enterprises.current} enterprises`,
      );
      await saveScreenshot(page, 'office-dashboard-1280-en');
      await page.getByRole('button', { name: '切换到中文' }).click();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists the seeded supervision tasks with their red / yellow / green status', async () => {
    const board = await seededBoard('office.wuhu', SEEDED_TASKS.length);
    expect(board.items.map((item) => item.title)).toEqual(expect.arrayContaining(SEEDED_TASKS));

    const { context, page, pageErrors } = await signedIn('office.wuhu', '/supervision');
    try {
      await page.getByRole('heading', { level: 1, name: '督办看板 · 芜湖' }).waitFor();
      for (const item of board.items) {
        const link = page.getByRole('link', { name: item.title, exact: true });
        await link.waitFor();
        expect(await link.getAttribute('href')).toBe(`/applications/${item.applicationId}`);
        const row = page.getByRole('row').filter({ has: link });
        const text = await row.textContent();
        // Status in words beside its color, the unit, the due date.
        expect(text).toContain(ragWords[item.rag]);
        expect(text).toContain(item.unitName?.zh ?? item.unitCode);
        expect(text).toContain(item.dueDate);
        if (item.lastPercentComplete !== undefined) expect(text).toContain(`${item.lastPercentComplete}%`);
        else expect(text).toContain('尚未报告');
      }
      await saveScreenshot(page, 'office-supervision-1280');

      // Filtering by a color shows only that color's tasks (keyboard: the filter is a radio group).
      const greens = board.items.filter((item) => item.rag === 'GREEN').length;
      const filter = (name: RegExp) =>
        page.locator('label').filter({ has: page.getByRole('radio', { name }) });
      await filter(new RegExp(`绿灯 ${greens}$`)).click();
      await expect(page.locator('tbody tr[data-row-key]').count()).resolves.toBe(greens);
      await filter(new RegExp(`全部 ${board.items.length}$`)).click();

      // The office creates a task through the SUPERVISION form.
      const create = page.getByRole('link', { name: '新建督办事项' });
      expect(await create.getAttribute('href')).toBe('/applications/new/SUPERVISION');
      await create.click();
      await page.waitForURL((url) => url.pathname === '/applications/new/SUPERVISION');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows a responsible unit only its own tasks, without the office's create button", async () => {
    const board = await seededBoard('unit.wuhu.commerce', 1);
    expect(board.items.map((item) => item.title)).toEqual(['建设跨境电商公共海外仓服务体系']);
    const { context, page, pageErrors } = await signedIn('unit.wuhu.commerce', '/supervision');
    try {
      await page.getByRole('link', { name: '建设跨境电商公共海外仓服务体系', exact: true }).waitFor();
      expect(await page.getByRole('link', { name: SEEDED_TASKS[0], exact: true }).count()).toBe(0);
      expect(await page.getByRole('link', { name: '新建督办事项' }).count()).toBe(0);
      expect(await page.locator('a[href="/dashboard"]').count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('searches the audit trail by action and exports what it shows to Excel', async () => {
    const submitted = await apiGet<{ items: { applicationId: string; action: string }[] }>(
      'office.wuhu',
      '/audit?action=SUBMITTED&limit=200',
    );
    expect(submitted.items.length).toBeGreaterThan(0);
    const { context, page, pageErrors } = await signedIn('office.wuhu', '/audit');
    try {
      await page.getByRole('heading', { name: '审计查询' }).waitFor();
      // The action is chosen by its name in words, typed as a keyboard user would.
      await page.getByLabel('动作', { exact: true }).fill('提交申请');
      await page.locator('.ant-select-item-option-active').filter({ hasText: '提交申请' }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL((url) => url.searchParams.get('action') === 'SUBMITTED');
      await page.getByText(`共 ${submitted.items.length} 条`).waitFor();
      const rows = page.locator('tbody tr[data-row-key]');
      await expect(rows.count()).resolves.toBe(submitted.items.length);
      for (const text of await rows.allTextContents()) expect(text).toContain('提交申请');
      await saveScreenshot(page, 'office-audit-1280');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^audit-wuhu.*\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      // A header row, then one row per event shown.
      expect(workbook.worksheets[0]?.actualRowCount).toBe(submitted.items.length + 1);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
