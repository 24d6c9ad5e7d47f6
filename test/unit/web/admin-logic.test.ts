import { describe, expect, it } from 'vitest';
import { policyCodeSchema } from '../../../domain/subsidy/policy.ts';
import { policyFormSchema } from '../../../web/src/features/admin/components/PolicyForm.tsx';
import {
  budgetShares,
  bytesToBase64,
  chinaInstantOf,
  chinaLocalOf,
  chinaYear,
  importFileProblem,
  MAX_IMPORT_FILE_BYTES,
  reportFromDetails,
  reportRows,
  zoneScope,
} from '../../../web/src/features/admin/logic.ts';
import { localizeMessage } from '../../../web/src/shared/bilingual.ts';

describe('administrator pages: pure logic', () => {
  it('shows the half of a bilingual schema message in the user language', () => {
    const message = policyCodeSchema.safeParse('WH-26').error?.issues[0]?.message ?? '';
    expect(localizeMessage(message, 'zh')).toBe('政策编号格式应为 WH-2026-OW-01');
    expect(localizeMessage(message, 'en')).toBe('Policy code must look like WH-2026-OW-01');
    // zod's own locale messages are in one language already, and English text with a slash stays whole.
    expect(localizeMessage('无效输入', 'en')).toBe('无效输入');
    expect(localizeMessage('either / or', 'zh')).toBe('either / or');
  });

  it('gives the administrator both zones and the office its own, fixed', () => {
    const all = ['wuhu', 'anqing'] as const;
    expect(zoneScope({ role: 'admin' }, all)).toEqual({ zones: ['wuhu', 'anqing'], fixed: false });
    expect(zoneScope({ role: 'office', zone: 'anqing' }, all)).toEqual({ zones: ['anqing'], fixed: true });
    expect(zoneScope({ role: 'office' }, all).zones).toEqual([]);
    expect(zoneScope({ role: 'enterprise', zone: 'wuhu' }, all).zones).toEqual([]);
    expect(zoneScope(undefined, all).zones).toEqual([]);
  });

  it('encodes files as the API decodes them, also beyond one chunk', () => {
    const text = '统一社会信用代码,企业名称\n';
    const bytes = new TextEncoder().encode(text);
    expect(Buffer.from(bytesToBase64(bytes), 'base64').toString('utf8')).toBe(text);
    const big = new Uint8Array(100_000).map((_, index) => index % 251);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('refuses files the API would refuse before sending them', () => {
    expect(importFileProblem({ name: 'list.csv', size: 100 })).toBeUndefined();
    expect(importFileProblem({ name: 'LIST.XLSX', size: 100 })).toBeUndefined();
    expect(importFileProblem({ name: 'list.xls', size: 100 })).toBe('type');
    expect(importFileProblem({ name: 'list.csv', size: 0 })).toBe('empty');
    expect(importFileProblem({ name: 'list.csv', size: MAX_IMPORT_FILE_BYTES + 1 })).toBe('size');
    // The largest file allowed still fits the 64 KB body once base64-encoded with its JSON around it.
    const body = JSON.stringify({
      list: 'BLACKLIST',
      zone: 'anqing',
      fileName: `${'x'.repeat(195)}.xlsx`,
      contentBase64: 'A'.repeat(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4),
    });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(64 * 1024);
  });

  it('reads the per-row report from a refusal and lists rows in file order', () => {
    const details = {
      accepted: [2, 4],
      refused: [
        { row: 3, errors: [{ field: 'uscc', code: 'INVALID_USCC', message: { zh: '无效', en: 'Invalid' } }] },
      ],
    };
    const report = reportFromDetails(details);
    expect(report).toBeDefined();
    expect(reportRows(report ?? { accepted: [], refused: [] }).map((row) => [row.row, row.accepted])).toEqual(
      [
        [2, true],
        [3, false],
        [4, true],
      ],
    );
    expect(reportFromDetails([{ path: 'x' }])).toBeUndefined();
    expect(reportFromDetails(null)).toBeUndefined();
  });

  it('converts datetime-local values to China instants and back', () => {
    expect(chinaInstantOf('2026-12-01T09:30')).toBe('2026-12-01T09:30:00+08:00');
    expect(chinaInstantOf('2026-12-01T09:30:15')).toBe('2026-12-01T09:30:15+08:00');
    expect(chinaInstantOf('')).toBeUndefined();
    expect(chinaLocalOf('2026-12-01T09:30:00+08:00')).toBe('2026-12-01T09:30');
    expect(chinaLocalOf('2026-12-01T01:30:00Z')).toBe('2026-12-01T09:30');
    expect(chinaLocalOf(undefined)).toBe('');
    expect(chinaLocalOf('not a date')).toBe('');
    expect(chinaYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
  });

  it('splits a budget into committed and reserved shares that add up', () => {
    expect(budgetShares({ totalCny: 1000, reservedCny: 250, committedCny: 125 })).toEqual({
      committed: 13,
      reserved: 25,
    });
    expect(budgetShares({ totalCny: 0, reservedCny: 0, committedCny: 0 })).toEqual({
      reserved: 0,
      committed: 0,
    });
  });

  it('refuses in the policy form what the API refuses, with the same messages', () => {
    const policy = {
      code: 'WH-2026-EX-09',
      name: { zh: '展会补贴', en: 'Exhibition support' },
      zone: 'wuhu',
      year: 2026,
      category: 'EXHIBITION',
      subsidyRate: 0.5,
      perClaimCapCny: 10_000,
      perEnterpriseAnnualCapCny: 20_000,
      totalBudgetCny: 100_000,
      requiredDocuments: [],
      openDate: '2026-01-01',
      closeDate: '2026-12-31',
      overdraftPolicy: 'REFUSE',
      status: 'DRAFT',
    };
    expect(policyFormSchema.safeParse(policy).success).toBe(true);
    const wrongZone = policyFormSchema.safeParse({ ...policy, code: 'AQ-2026-EX-09' });
    expect(wrongZone.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['code']);
    const capOverAnnual = policyFormSchema.safeParse({ ...policy, perClaimCapCny: 30_000 });
    expect(capOverAnnual.error?.issues[0]?.message).toContain('单笔上限不得超过企业年度上限');
  });
});
