import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../local/demo-users.ts';
import { chinaTimeInDays, sampleResidentId } from '../../local/training-demo.ts';
import { viewports } from './browser.ts';
import { choose, field, pick } from './fields.ts';
import { withBrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';
import { apiGet, signedIn } from './session.ts';

const platform = withBrowserPlatform({ seed: true });

// The seed's online intermediate session, which needs the employer's confirmation (local/training-demo.ts).
const sessionCode = `WH-${chinaTimeInDays(30, 9).slice(0, 4)}-PX02`;
const employer = demoUsers.find((user) => user.username === 'enterprise.wuhu');
const idNumber = sampleResidentId(4242);

/** Nothing is wider than the screen: the page never scrolls sideways on a phone. */
const fitsTheScreen = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const fillRegistration = async (page: Page, name: string) => {
  // The session is chosen from the open sessions of the trainee's zone, by typing part of its code.
  await choose(page, 'sessionCode', sessionCode);
  await field(page, 'name').fill(name);
  await field(page, 'idNumber').fill(idNumber);
  await field(page, 'phone').fill('13912345678');
  await pick(page, 'category', '企业员工');
  await field(page, 'employerUscc').fill(employer?.orgId ?? '');
  await field(page, 'employerName').fill(employer?.name ?? '');
};

interface RosterReply {
  items: { name: string; idNumberMasked: string }[];
}

describe('a trainee registration through the console, in Chromium', () => {
  it('is made on a phone, confirmed by the employer, listed for the office with the ID masked, and not twice', async () => {
    if (!employer?.orgId) throw new Error('The demo data should have enterprise.wuhu');

    // The trainee registers on a phone-width screen.
    const trainee = await signedIn(platform, 'trainee.wuhu', '/applications/new/TRAINING', viewports.phone);
    const { page } = trainee;
    await fillRegistration(page, '王浏览');
    expect(await fitsTheScreen(page)).toBe(true);
    await saveScreenshot(page, 'training-form-phone');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/).catch(async (error: unknown) => {
      await saveScreenshot(page, 'training-submit-failed');
      throw error;
    });
    const id = page.url().split('/').at(-1) ?? '';
    await page.getByText('工作单位确认').first().waitFor({ timeout: 30_000 });
    expect(await fitsTheScreen(page)).toBe(true);
    await saveScreenshot(page, 'training-waiting-for-employer-phone');

    // The employer confirms from its inbox.
    const enterprise = await signedIn(platform, 'enterprise.wuhu', '/inbox');
    try {
      await enterprise.page.getByText(`${sessionCode} · 王浏览`).first().click();
      await enterprise.page.waitForURL((url) => url.pathname === `/applications/${id}`);
      await enterprise.page.getByRole('button', { name: '通过', exact: true }).click();
      await enterprise.page.getByText('已提交决定').waitFor();
      await saveScreenshot(enterprise.page, 'training-employer-confirms');
      expect(enterprise.pageErrors).toEqual([]);
    } finally {
      await enterprise.context.close();
    }

    // The trainee sees the seat taken, with the workflow drawn.
    await page.reload();
    await page.getByText('已录取').first().waitFor({ timeout: 30_000 });
    await page.getByRole('img', { name: /流程图/ }).waitFor();
    expect(await fitsTheScreen(page)).toBe(true);
    await saveScreenshot(page, 'training-enrolled-phone');

    // A second registration with the same ID number for the same session is refused, in Chinese.
    await page.goto(`${platform.url}/applications/new/TRAINING`);
    await page
      .getByRole('button', { name: '清空草稿' })
      .click()
      .catch(() => undefined);
    await fillRegistration(page, '王浏览');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: /已报名|已经报名|重复/ });
    await refusal.waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'training-duplicate-refused-phone');
    expect(page.url()).toContain('/applications/new/TRAINING');
    expect(trainee.pageErrors).toEqual([]);
    await trainee.context.close();

    // The office's list shows the registration with the ID number masked, never in full.
    const roster = await apiGet<RosterReply>(
      platform,
      'office.wuhu',
      `/training/sessions/${sessionCode}/registrations`,
    );
    expect(roster.items.filter((line) => line.name === '王浏览')).toHaveLength(1);
    const office = await signedIn(platform, 'office.wuhu', `/admin/training/${sessionCode}`);
    try {
      await office.page.getByRole('heading', { name: `报名名单 · ${sessionCode}` }).waitFor();
      const row = office.page.getByRole('row').filter({ hasText: '王浏览' });
      await row.waitFor();
      expect(await row.textContent()).toContain(idNumber.slice(-4));
      expect(await office.page.content()).not.toContain(idNumber);
      await saveScreenshot(office.page, 'training-office-roster');
      expect(office.pageErrors).toEqual([]);
    } finally {
      await office.context.close();
    }
  }, 180_000);
});
