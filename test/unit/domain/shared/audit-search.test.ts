import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_SEARCH_MAX_DAYS,
  auditExportColumns,
  auditExportRow,
  auditFilterQuerySchema,
  auditMonthOf,
  auditMonthsDescending,
  auditSearchQuerySchema,
  auditSortBounds,
  chinaDateTime,
  resolveAuditPeriod,
  tooManyRowsText,
} from '../../../../domain/shared/audit-search.ts';
import { addCalendarDays, calendarDaysBetween } from '../../../../domain/shared/calendar.ts';

const sortKey = (at: string) => `${at}#0b4f0f6e-3c2a-4a7e-9b1d-2f5c8e7a9d10#00000003`;

/** Dates 2024-01-01 … 2027-12-31, as the search would receive them. */
const dateArbitrary = fc
  .integer({ min: 0, max: 1460 })
  .map((offset) => addCalendarDays('2024-01-01', offset));

describe('audit month buckets', () => {
  it('puts an event in the China month of its instant, not the UTC one', () => {
    // 2026-11-30 16:00 UTC is 2026-12-01 00:00 in Shanghai.
    expect(auditMonthOf('2026-11-30T15:59:59.999Z')).toBe('2026-11');
    expect(auditMonthOf('2026-11-30T16:00:00.000Z')).toBe('2026-12');
    expect(auditMonthOf('2026-12-31T16:00:00.000Z')).toBe('2027-01');
  });

  it('lists the months of a period newest first, across a year end', () => {
    expect(auditMonthsDescending({ from: '2026-11-01', to: '2026-11-27' })).toEqual(['2026-11']);
    expect(auditMonthsDescending({ from: '2026-10-31', to: '2026-11-01' })).toEqual(['2026-11', '2026-10']);
    expect(auditMonthsDescending({ from: '2025-11-15', to: '2026-02-01' })).toEqual([
      '2026-02',
      '2026-01',
      '2025-12',
      '2025-11',
    ]);
    // The longest period (366 days) touches at most 13 months.
    expect(auditMonthsDescending({ from: '2024-01-31', to: '2025-01-30' })).toHaveLength(13);
  });

  it('covers every date of any period with its month, and nothing else', () => {
    fc.assert(
      fc.property(dateArbitrary, fc.integer({ min: 0, max: 365 }), (from, span) => {
        const to = addCalendarDays(from, span);
        const months = auditMonthsDescending({ from, to });
        const expected = new Set<string>();
        for (let day = 0; day <= span; day += 1) expected.add(addCalendarDays(from, day).slice(0, 7));
        expect(months).toEqual([...expected].sort().reverse());
        expect(months.length).toBeLessThanOrEqual(13);
      }),
    );
  });
});

describe('audit sort-key range', () => {
  it('spans 00:00 China time on `from` up to 00:00 on the day after `to`', () => {
    expect(auditSortBounds({ from: '2026-11-01', to: '2026-11-27' })).toEqual({
      lower: '2026-10-31T16:00:00.000Z',
      upper: '2026-11-27T16:00:00.000Z',
    });
  });

  it('admits exactly the events whose China date lies in the period', () => {
    const { lower, upper } = auditSortBounds({ from: '2026-11-01', to: '2026-11-27' });
    const inside = (at: string) => sortKey(at) >= lower && sortKey(at) <= upper;
    expect(inside('2026-10-31T15:59:59.999Z')).toBe(false); // 2026-10-31 23:59:59.999 in Shanghai
    expect(inside('2026-10-31T16:00:00.000Z')).toBe(true); // 2026-11-01 00:00
    expect(inside('2026-11-27T15:59:59.999Z')).toBe(true); // 2026-11-27 23:59:59.999
    expect(inside('2026-11-27T16:00:00.000Z')).toBe(false); // 2026-11-28 00:00
  });

  it('agrees with the China date for any instant and period', () => {
    fc.assert(
      fc.property(
        dateArbitrary,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: Date.parse('2023-12-01T00:00:00Z'), max: Date.parse('2028-02-01T00:00:00Z') }),
        (from, span, ms) => {
          const to = addCalendarDays(from, span);
          const at = new Date(ms).toISOString();
          const { lower, upper } = auditSortBounds({ from, to });
          const chinaDay = chinaDateTime(at).slice(0, 10);
          expect(sortKey(at) >= lower && sortKey(at) <= upper).toBe(chinaDay >= from && chinaDay <= to);
        },
      ),
    );
  });
});

describe('audit search period', () => {
  it('defaults to the last 30 days, today included', () => {
    expect(resolveAuditPeriod({}, '2026-11-27')).toEqual({ from: '2026-10-29', to: '2026-11-27' });
    expect(resolveAuditPeriod({ to: '2026-03-01' }, '2026-11-27')).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
    });
    expect(resolveAuditPeriod({ from: '2026-11-20' }, '2026-11-27')).toEqual({
      from: '2026-11-20',
      to: '2026-11-27',
    });
  });

  it('accepts one day and up to 366 days, refuses a reversed or longer period in Chinese and English', () => {
    expect(resolveAuditPeriod({ from: '2026-11-27', to: '2026-11-27' }, '2026-11-27')).toEqual({
      from: '2026-11-27',
      to: '2026-11-27',
    });
    expect(resolveAuditPeriod({ from: '2024-01-01', to: '2024-12-31' }, '2026-11-27')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
    const reversed = resolveAuditPeriod({ from: '2026-11-28', to: '2026-11-27' }, '2026-11-27');
    expect(reversed).toMatchObject({ refused: { code: 'INVALID_DATE_RANGE' } });
    const tooLong = resolveAuditPeriod({ from: '2025-01-01', to: '2026-01-02' }, '2026-11-27');
    expect(tooLong).toMatchObject({ refused: { code: 'DATE_RANGE_TOO_LONG' } });
    if ('refused' in tooLong) {
      expect(tooLong.refused.text.zh).toContain('366');
      expect(tooLong.refused.text.en).toMatch(/^The period may span at most 366 days/);
    }
    // A `from` long ago with the default `to` is too long too, not silently shortened.
    expect(resolveAuditPeriod({ from: '2020-01-01' }, '2026-11-27')).toMatchObject({
      refused: { code: 'DATE_RANGE_TOO_LONG' },
    });
  });

  it('accepts a period exactly when it is ordered and at most 366 days long', () => {
    fc.assert(
      fc.property(dateArbitrary, dateArbitrary, (from, to) => {
        const days = calendarDaysBetween(from, to) + 1;
        const result = resolveAuditPeriod({ from, to }, '2026-11-27');
        if (days >= 1 && days <= AUDIT_SEARCH_MAX_DAYS) expect(result).toEqual({ from, to });
        else expect('refused' in result).toBe(true);
      }),
    );
  });
});

describe('audit search query', () => {
  it('takes the documented parameters and refuses others', () => {
    expect(auditSearchQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(auditSearchQuerySchema.parse({ limit: '200', zone: 'anqing', program: 'PARK_CERT' })).toEqual({
      limit: 200,
      zone: 'anqing',
      program: 'PARK_CERT',
    });
    for (const bad of [
      { limit: '0' },
      { limit: '201' },
      { limit: 'ten' },
      { from: '2026-02-30' },
      { to: '27.11.2026' },
      { zone: 'hefei' },
      { program: 'park cert' },
      { applicationId: '../../etc' },
      { unknown: 'x' },
    ]) {
      expect(auditSearchQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    // The export takes the filters but no paging.
    expect(auditFilterQuerySchema.safeParse({ limit: '10' }).success).toBe(false);
  });
});

describe('audit export rows', () => {
  it('writes times in Asia/Shanghai and names the actor with the id', () => {
    const row = auditExportRow({
      applicationId: 'a1',
      seq: 2,
      at: '2026-11-26T17:30:05.123Z',
      actor: { id: 'demo-office.wuhu', role: 'office', name: '芜湖综试区领导小组办公室' },
      action: 'DECISION_APPROVE',
      stage: 'COMPLETION_REVIEW',
      reason: '按期办结',
      zone: 'wuhu',
      program: 'SUPERVISION',
    });
    expect(row).toEqual({
      time: '2026-11-27 01:30:05',
      applicationId: 'a1',
      program: 'SUPERVISION',
      action: 'DECISION_APPROVE',
      stage: 'COMPLETION_REVIEW',
      actor: '芜湖综试区领导小组办公室 (demo-office.wuhu)',
      role: 'office',
      reason: '按期办结',
    });
    expect(Object.keys(row)).toEqual(auditExportColumns.map((column) => column.key));
    expect(auditExportColumns.map((column) => column.header)).toEqual([
      '时间 / Time',
      '申请编号 / Application',
      '业务 / Program',
      '动作 / Action',
      '环节 / Stage',
      '操作人 / Actor',
      '角色 / Role',
      '理由 / Reason',
    ]);
  });

  it('refuses too many rows with a message in both languages naming the limit', () => {
    const text = tooManyRowsText(10_000);
    expect(text.zh).toContain('10000');
    expect(text.zh).toContain('缩小');
    expect(text.en).toMatch(/^More than 10000 audit events match; narrow/);
  });
});
