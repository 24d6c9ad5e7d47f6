import { describe, expect, it } from 'vitest';
import type { TargetProgress } from '../../../web/src/features/dashboard/api/dashboard.ts';
import {
  applicationRows,
  applicationsSummary,
  applicationTotals,
  formatHours,
  formatMeasure,
  formatTargetValue,
  statusesPresent,
  targetSummary,
} from '../../../web/src/features/dashboard/logic.ts';
import type { BoardItem } from '../../../web/src/features/supervision/api/board.ts';
import {
  chinaToday,
  daysUntil,
  filterByRag,
  ragCounts,
  sortBoard,
} from '../../../web/src/features/supervision/logic.ts';

const zh = (text: { zh: string; en: string }) => text.zh;
const en = (text: { zh: string; en: string }) => text.en;

const target = (overrides: Partial<TargetProgress> = {}): TargetProgress => ({
  code: 'enterprises',
  nameZh: '集聚跨境电子商务企业',
  nameEn: 'Cross-border e-commerce enterprises',
  unit: 'enterprises',
  value: 300,
  comparison: 'at_least',
  dueDate: '2025-12-31',
  measure: 'registered_enterprises',
  year: 2025,
  current: 2,
  met: false,
  progress: 0.7,
  ...overrides,
});

describe('dashboard figures in words', () => {
  it('formats counts with their unit and amounts to the fen, targets as the plans write them', () => {
    expect(formatMeasure('enterprises', 1234, 'zh')).toBe('1,234 家');
    expect(formatMeasure('parks', 3, 'en')).toBe('3 parks');
    expect(formatMeasure('CNY', 30_035_001.75, 'zh')).toBe('¥30,035,001.75');
    expect(formatTargetValue(target(), 'zh')).toBe('≥ 300 家');
    const value = target({ unit: 'CNY', value: 14_000_000_000, comparison: 'more_than' });
    expect(formatTargetValue(value, 'zh')).toBe('> 140 亿元');
    expect(formatTargetValue(value, 'en')).toBe('> CNY 14 bn');
  });

  it('gives each gauge a text alternative with the current value, the target and the progress', () => {
    expect(targetSummary(target(), 'zh', zh)).toBe(
      '集聚跨境电子商务企业：当前 2 家，目标 ≥ 300 家，完成 0.7%',
    );
    expect(targetSummary(target(), 'en', en)).toBe(
      'Cross-border e-commerce enterprises: currently 2 enterprises, target ≥ 300 enterprises, 0.7% reached',
    );
  });

  it('shows durations in hours, or minutes below an hour', () => {
    expect(formatHours(26.25, 'zh')).toBe('26.3 小时');
    expect(formatHours(0.5, 'en')).toBe('30 min');
    expect(formatHours(0, 'zh')).toBe('不足 1 分钟');
  });

  it('tabulates applications by program with totals, open counts and the statuses present', () => {
    const applications = {
      SUBSIDY: { IN_REVIEW: 2, RETURNED: 1 },
      PARK_CERT: { IN_REVIEW: 4, RETURNED: 1, REJECTED: 1 },
    };
    const rows = applicationRows(applications);
    expect(rows.map((row) => [row.program, row.total, row.open])).toEqual([
      ['PARK_CERT', 6, 5],
      ['SUBSIDY', 3, 3],
    ]);
    expect(statusesPresent(rows)).toEqual(['IN_REVIEW', 'RETURNED', 'REJECTED']);
    expect(applicationTotals(applications)).toEqual({ total: 9, open: 8 });
    expect(
      applicationsSummary(
        rows,
        (program) => program,
        (status) => status,
        zh,
      ),
    ).toBe('PARK_CERT：IN_REVIEW 4、RETURNED 1、REJECTED 1；SUBSIDY：IN_REVIEW 2、RETURNED 1');
  });
});

const item = (id: string, overrides: Partial<BoardItem> = {}): BoardItem => ({
  applicationId: id,
  zone: 'wuhu',
  district: 'jinghu',
  title: `事项 ${id}`,
  unitCode: 'WH_COMMERCE',
  dueDate: '2027-06-30',
  reportingPeriod: 'MONTHLY',
  rag: 'GREEN',
  state: 'ACTIVE',
  reportsSubmitted: 0,
  executionStartedOn: '2026-11-01',
  updatedAt: '2026-11-01T00:00:00Z',
  ...overrides,
});

describe('the supervision board', () => {
  const items = [
    item('a', { rag: 'GREEN', dueDate: '2027-01-01' }),
    item('b', { rag: 'RED', dueDate: '2027-05-01' }),
    item('c', { rag: 'YELLOW' }),
    item('d', { rag: 'RED', dueDate: '2027-02-01' }),
  ];

  it('puts red first, then yellow, then green, soonest due first within a color', () => {
    expect(sortBoard(items).map((entry) => entry.applicationId)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('counts and filters by color', () => {
    expect(ragCounts(items)).toEqual({ RED: 2, YELLOW: 1, GREEN: 1 });
    expect(filterByRag(items, 'RED').map((entry) => entry.applicationId)).toEqual(['b', 'd']);
    expect(filterByRag(items, 'ALL')).toHaveLength(4);
  });

  it('counts days to the due date from China today', () => {
    // 17:00 UTC is already the next day in China.
    expect(chinaToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(daysUntil('2027-01-03', '2027-01-01')).toBe(2);
    expect(daysUntil('2026-12-30', '2027-01-01')).toBe(-2);
  });
});
