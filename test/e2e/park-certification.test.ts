import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chinaDay } from '../../local/china-today.ts';
import { sampleParkForm } from '../../local/park-demo.ts';
import { loadDemoExperts } from '../../local/seed.ts';
import { field, pick } from './fields.ts';
import { withBrowserPlatform } from './platform.ts';
import { saveScreenshot } from './screenshots.ts';
import { type ApplicationReply, apiGet, decideInBrowser, signedIn, waitForOpenTask } from './session.ts';

// 50,000× time: the five-working-day public notice passes in about twelve seconds.
const platform = withBrowserPlatform({ timeScale: 50_000 });

const park = sampleParkForm({ parkName: '芜湖浏览器测试跨境电商产业园' });

/** Waits until the application has an open task at `stage`, as the municipality sees it. */
const waitForStage = (id: string, stage: string) =>
  waitForOpenTask(platform, 'municipal.wuhu', id, { stage });

const decide = (username: string, id: string, button: string, fill?: (page: Page) => Promise<void>) =>
  decideInBrowser(platform, 'park', username, id, button, fill);

describe("a park's municipal certification through the console, in Chromium", () => {
  it('is submitted, reviewed, scored by the panel, inspected, publicly noticed and certified', async () => {
    await loadDemoExperts(platform.cloud.apiUrl);

    // The park operator fills the form drawn from the shared schema.
    const applicant = await signedIn(platform, 'park.wuhu', '/applications/new/PARK_CERT');
    const { page } = applicant;
    await pick(page, 'level', '市级');
    for (const name of [
      'parkName',
      'operatorName',
      'operatorUscc',
      'address',
      'contactName',
      'contactPhone',
    ] as const) {
      await field(page, name).fill(String(park[name]));
    }
    for (const name of [
      'floorAreaSqm',
      'settledEnterprises',
      'crossBorderEnterprises',
      'annualTransactionCnyMillion',
    ] as const) {
      await field(page, name).fill(String(park[name]));
    }
    await saveScreenshot(page, 'park-form');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1) ?? '';

    // The criteria check passed by itself; district and municipality approve.
    await waitForStage(id, 'DISTRICT_REVIEW');
    await decide('district.jiujiang', id, '通过');
    await waitForStage(id, 'MUNICIPAL_REVIEW');
    await decide('municipal.wuhu', id, '通过');

    // Each expert the platform drew scores the four criteria.
    const { application } = await waitForStage(id, 'EXPERT_SCORING');
    const experts = application.experts ?? [];
    expect(experts.length).toBeGreaterThanOrEqual(3);
    for (const userId of experts) {
      await decide(userId.replace(/^demo-/, ''), id, '提交', async (expert) => {
        for (const [criterion, score] of Object.entries({
          planning: 17,
          facilities: 21,
          enterprises: 26,
          management: 21,
        })) {
          await field(expert, `scores.${criterion}`).fill(String(score));
        }
      });
    }

    // The municipality records a passed site inspection.
    await waitForStage(id, 'SITE_INSPECTION');
    await decide('municipal.wuhu', id, '通过', async (reviewer) => {
      await field(reviewer, 'date').fill(chinaDay());
      await field(reviewer, 'inspectors').fill('张核查');
      await reviewer.keyboard.press('Enter');
      await field(reviewer, 'inspectors').fill('李核查');
      await reviewer.keyboard.press('Enter');
      await field(reviewer, 'findings').fill('园区场地、企业入驻与申报一致。');
      await field(reviewer, 'passed').click();
    });

    // During the public notice the park is listed on the public page, without signing in.
    const notices = await fetch(`${platform.cloud.apiUrl}/public/notices`);
    const listed = (await notices.json()) as { items: { title: string }[] };
    expect(listed.items.map((item) => item.title)).toContain(park.parkName);

    // After the notice the certificate is issued; the park sees it and its history in words.
    await page.reload();
    await page.getByText('已通过').first().waitFor({ timeout: 90_000 });
    const done = await apiGet<ApplicationReply>(platform, 'park.wuhu', `/applications/${id}`);
    expect(done.application.certificate?.number).toMatch(/^WH-PARK-M-\d{4}-\d+$/);
    await page.getByText(done.application.certificate?.number ?? '—').waitFor();
    await page.getByRole('button', { name: '下载证书' }).waitFor();
    for (const action of ['提交申请', '抽取评审专家', '专家评分', '开始公示', '公示结束', '颁发证书']) {
      await page.getByText(action, { exact: true }).first().waitFor();
    }
    await page.getByRole('img', { name: /流程图：流程已结束/ }).waitFor();
    await saveScreenshot(page, 'park-certified');
    expect(applicant.pageErrors).toEqual([]);
    await applicant.context.close();
  }, 240_000);
});
