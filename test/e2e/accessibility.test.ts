import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, viewports } from './browser.ts';
import { withBrowserPlatform } from './platform.ts';
import { signedIn } from './session.ts';

const platform = withBrowserPlatform({ seed: true });

// axe-core, the accessibility engine browsers' own audits use, injected into the page (nothing downloaded).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.x A and AA rules (labels, names, contrast, structure) on the page as it is shown. */
const violationsOf = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(
    async () =>
      (
        (await (
          window as unknown as { axe: { run(context: Document, options: unknown): Promise<unknown> } }
        ).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })) as {
          violations: AxeViolation[];
        }
      ).violations,
  );
  return violations.map(
    (violation) =>
      `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes[0]?.target.join(' ')}`,
  );
};

const pages: { who: string; path: string; ready: string; phone?: boolean }[] = [
  { who: 'district.jiujiang', path: '/inbox', ready: '待办事项' },
  { who: 'enterprise.wuhu', path: '/applications/new/SUBSIDY', ready: '跨境电商政策资金申报', phone: true },
  { who: 'trainee.wuhu', path: '/applications/new/TRAINING', ready: '跨境电商人才培训报名', phone: true },
  { who: 'park.wuhu', path: '/applications', ready: '我的申请', phone: true },
  { who: 'office.wuhu', path: '/dashboard', ready: '统计监测 · 芜湖' },
  { who: 'office.wuhu', path: '/supervision', ready: '督办看板' },
  { who: 'office.wuhu', path: '/audit', ready: '审计查询' },
  { who: 'admin', path: '/admin/policies', ready: '政策目录' },
  { who: 'admin', path: '/admin/credit-lists', ready: '信用名单' },
  { who: 'admin', path: '/admin/training', ready: '培训班' },
];

describe('accessibility (axe-core, WCAG 2.1 A and AA) in Chromium', () => {
  it('finds nothing on the sign-in page and the public notices', async () => {
    for (const path of ['/login', '/notices']) {
      const { context, page } = await openPage(platform.browser, `${platform.url}${path}`);
      try {
        await page.getByRole('heading').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await violationsOf(page), path).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  for (const { who, path, ready, phone } of pages) {
    it(`finds nothing on ${path} for ${who}${phone ? ', on a phone too' : ''}`, async () => {
      for (const viewport of phone ? [viewports.desktop, viewports.phone] : [viewports.desktop]) {
        const { context, page } = await signedIn(platform, who, path, viewport);
        try {
          await page.getByText(ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          expect(await violationsOf(page), `${path} at ${viewport.width} px`).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });
  }

  it('finds nothing on an application with its decision form and workflow chart', async () => {
    const { context, page } = await signedIn(platform, 'municipal.wuhu', '/inbox');
    try {
      await page.locator('a[href^="/applications/"]').first().click();
      await page.getByRole('img', { name: /流程图/ }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await violationsOf(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
