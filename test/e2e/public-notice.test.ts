import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import englishMessages from 'zod/v4/locales/en.js';
import chineseMessages from 'zod/v4/locales/zh-CN.js';
import { startOfChinaDay } from '../../domain/shared/calendar.ts';
import { objectionBodySchema, type PublicNoticeListing } from '../../domain/shared/notice.ts';
import { openPage, viewports } from './browser.ts';
import { withBrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';

const platform = withBrowserPlatform({ seed: true });

/** The seed's application under public notice (local/seed.ts). */
const SEEDED_NOTICE_TITLE = '芜湖跨境电商示范园（公示中）';

/** What the shared schema says about an empty objection, in each language: the form must say the same. */
const emptyObjectionMessages = (messages: typeof chineseMessages) => {
  const result = objectionBodySchema.safeParse(
    { name: '', contact: '', reason: '' },
    { error: messages().localeError },
  );
  if (result.success) throw new Error('An empty objection should be refused');
  return result.error.issues.map((issue) => issue.message);
};

const seededNotice = async (): Promise<PublicNoticeListing> => {
  const response = await fetch(`${platform.cloud.apiUrl}/public/notices`);
  const { items } = (await response.json()) as { items: PublicNoticeListing[] };
  const notice = items.find((item) => item.title === SEEDED_NOTICE_TITLE);
  if (!notice) throw new Error(`The seed should have put "${SEEDED_NOTICE_TITLE}" under public notice`);
  return notice;
};

const noticeCard = (page: Page, title: string) =>
  page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) });

/** The page has no horizontal scrollbar: nothing is wider than the viewport. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const clockOffsetBefore = process.env.PLATFORM_CLOCK_OFFSET_MS;
afterAll(() => {
  if (clockOffsetBefore === undefined) delete process.env.PLATFORM_CLOCK_OFFSET_MS;
  else process.env.PLATFORM_CLOCK_OFFSET_MS = clockOffsetBefore;
});

describe('the public notice page (/notices), in Chromium', () => {
  it('lists the open notice and takes an objection, in Chinese at desktop width', async () => {
    const notice = await seededNotice();
    const { context, page, pageErrors } = await openPage(platform.browser, `${platform.url}/notices`, {
      viewport: viewports.desktop,
    });
    try {
      await page.getByRole('heading', { level: 1, name: '公示公告' }).waitFor();
      const card = noticeCard(page, SEEDED_NOTICE_TITLE);
      await card.waitFor();
      const cardText = await card.textContent();
      expect(cardText).toContain('跨境电子商务产业园认定（市级认定）');
      expect(cardText).toContain('芜湖 · 鸠江区');
      expect(cardText).toContain(`${notice.firstDay} – ${notice.lastDay}`);
      await saveScreenshot(page, 'public-notices-1280');

      // Keyboard only: the objection button is reachable and opens the form; Escape closes it.
      await card.getByRole('button', { name: '提出异议' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `对“${SEEDED_NOTICE_TITLE}”提出异议` });
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      // An empty objection is refused in the browser with the shared schema's own messages.
      await card.getByRole('button', { name: '提出异议' }).click();
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '提交异议' }).click();
      for (const message of emptyObjectionMessages(chineseMessages)) {
        await dialog.getByText(message).waitFor();
      }
      await expect(dialog.getByLabel('姓名或单位名称').getAttribute('aria-invalid')).resolves.toBe('true');
      await saveScreenshot(page, 'public-notices-objection-refused-1280');

      // Every field is reachable by its label.
      await dialog.getByLabel('姓名或单位名称').fill('王明');
      await dialog.getByLabel('联系方式').fill('13800000000');
      await dialog.getByLabel('异议内容').fill('该园区入驻的跨境电商企业数量与实际情况不符，请核实。');

      // The notice opens the next working day: until then the API refuses, and its message is shown.
      await dialog.getByRole('button', { name: '提交异议' }).click();
      await dialog.getByRole('alert').getByText(`公示期尚未开始，自 ${notice.firstDay} 起受理异议`).waitFor();

      // On the notice's first day (the handlers' clock, shifted in this process), the objection is received.
      process.env.PLATFORM_CLOCK_OFFSET_MS = String(
        Math.max(0, startOfChinaDay(notice.firstDay).getTime() + 60 * 60_000 - Date.now()),
      );
      await dialog.getByRole('button', { name: '提交异议' }).click();
      await dialog.getByText('异议已受理').waitFor();
      const receipt = await dialog.textContent();
      expect(receipt).toMatch(/受理编号[:：]\s*\S+/);
      expect(receipt).toContain('受理时间');
      await saveScreenshot(page, 'public-notices-objection-received-1280');

      await dialog.getByRole('button').filter({ hasText: '关闭' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works at phone width and in English through the language switch', async () => {
    const { context, page, pageErrors } = await openPage(platform.browser, `${platform.url}/notices`, {
      viewport: viewports.phone,
    });
    try {
      const card = noticeCard(page, SEEDED_NOTICE_TITLE);
      await card.waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'public-notices-390');

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Public notices' }).waitFor();
      expect(await card.textContent()).toContain('Cross-border e-commerce park certification (municipal)');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await card.getByRole('button', { name: 'File an objection' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'File the objection' }).click();
      for (const message of emptyObjectionMessages(englishMessages)) {
        await dialog.getByText(message).waitFor();
      }
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'public-notices-objection-refused-390-en');

      // And back to Chinese, the default.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '切换到中文' }).click();
      await page.getByRole('heading', { level: 1, name: '公示公告' }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
