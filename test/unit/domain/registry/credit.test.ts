import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CreditList, creditStatusOf, isActiveOn } from '../../../../domain/registry/credit.ts';
import { normaliseDate, validateImportSheet } from '../../../../domain/registry/credit-import.ts';
import { composeUscc } from '../../../../domain/shared/uscc.ts';

const code = composeUscc({
  authority: '9',
  organizationType: '1',
  divisionCode: '340200',
  organizationCodeBody: 'MA2NU001',
});
const other = composeUscc({
  authority: '9',
  organizationType: '1',
  divisionCode: '340200',
  organizationCodeBody: 'MA2NU002',
});

const day = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const entry = fc.record({
  list: fc.constantFrom<CreditList>('BLACKLIST', 'ABNORMAL', 'WHITELIST'),
  uscc: fc.constantFrom(code, other),
  startDate: day,
  endDate: fc.option(day, { nil: undefined }),
});

describe('creditStatusOf', () => {
  it('blacklist beats abnormal beats whitelist', () => {
    const base = { uscc: code, startDate: '2025-01-01' };
    const all = [
      { ...base, list: 'WHITELIST' as const },
      { ...base, list: 'ABNORMAL' as const },
      { ...base, list: 'BLACKLIST' as const },
    ];
    expect(creditStatusOf(all, code, '2026-01-01').status).toBe('BLACKLISTED');
    expect(creditStatusOf(all.slice(0, 2), code, '2026-01-01').status).toBe('ABNORMAL');
    expect(creditStatusOf(all.slice(0, 1), code, '2026-01-01').status).toBe('WHITELISTED');
    expect(creditStatusOf(all, other, '2026-01-01')).toEqual({ status: 'NONE', deciding: [] });
  });

  it('counts an entry from its start date up to, not including, its end date', () => {
    const e = { list: 'BLACKLIST' as const, uscc: code, startDate: '2026-01-10', endDate: '2026-02-01' };
    expect(creditStatusOf([e], code, '2026-01-09').status).toBe('NONE');
    expect(creditStatusOf([e], code, '2026-01-10').status).toBe('BLACKLISTED');
    expect(creditStatusOf([e], code, '2026-01-31').status).toBe('BLACKLISTED');
    expect(creditStatusOf([e], code, '2026-02-01').status).toBe('NONE');
  });

  it('decides by the highest list with an active entry of that enterprise, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), day, (entries, today) => {
        const { status, deciding } = creditStatusOf(entries, code, today);
        const active = entries.filter((e) => e.uscc === code && isActiveOn(e, today));
        const has = (list: CreditList) => active.some((e) => e.list === list);
        const expected = has('BLACKLIST')
          ? 'BLACKLISTED'
          : has('ABNORMAL')
            ? 'ABNORMAL'
            : has('WHITELIST')
              ? 'WHITELISTED'
              : 'NONE';
        expect(status).toBe(expected);
        expect(deciding.every((e) => e.uscc === code && isActiveOn(e, today))).toBe(true);
        expect(new Set(deciding.map((e) => e.list)).size).toBeLessThanOrEqual(1);
        expect(creditStatusOf([...entries].reverse(), code, today).status).toBe(status);
      }),
    );
  });
});

describe('import validation', () => {
  it('normalises the usual date spellings and refuses impossible dates', () => {
    expect(normaliseDate('2026/3/1')).toBe('2026-03-01');
    expect(normaliseDate('2026年3月1日')).toBe('2026-03-01');
    expect(normaliseDate(new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01');
    expect(normaliseDate(46082)).toBe('2026-03-01');
    expect(normaliseDate('2026-02-30')).toBeUndefined();
    expect(normaliseDate('next week')).toBeUndefined();
  });

  it('accepts every row of a good sheet, in either header language', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 1, max: 30 }), (chinese, count) => {
        const header = chinese
          ? ['统一社会信用代码', '企业名称', '原因', '来源', '开始日期']
          : ['USCC', 'Enterprise Name', 'reason', 'SOURCE', 'startDate'];
        const rows = Array.from({ length: count }, (_, index) => ({
          row: index + 2,
          cells: [
            composeUscc({
              authority: '9',
              organizationType: '1',
              divisionCode: '340200',
              organizationCodeBody: `MA2N${String(index).padStart(4, '0')}`,
            }),
            `企业${index}`,
            '原因',
            '海关',
            '2026-01-01',
          ],
        }));
        const { report } = validateImportSheet({ header, rows });
        expect(report.refused).toEqual([]);
        expect(report.accepted).toEqual(rows.map((row) => row.row));
      }),
    );
  });

  it('refuses a cell holding a control character, and keeps line breaks in a reason', () => {
    const uscc = composeUscc({
      authority: '9',
      organizationType: '1',
      divisionCode: '340200',
      organizationCodeBody: 'MA2N0001',
    });
    const other = composeUscc({
      authority: '9',
      organizationType: '1',
      divisionCode: '340200',
      organizationCodeBody: 'MA2N0002',
    });
    const { report } = validateImportSheet({
      header: ['USCC', 'enterpriseName', 'reason', 'source', 'startDate'],
      rows: [
        { row: 2, cells: [uscc, '企业\u0000甲', '原因', '海关', '2026-01-01'] },
        { row: 3, cells: [other, '企业乙', '第一条\n第二条', '海关', '2026-01-01'] },
      ],
    });
    expect(report.accepted).toEqual([3]);
    expect(report.refused).toEqual([
      { row: 2, errors: [expect.objectContaining({ field: 'enterpriseName', code: 'CONTROL_CHARACTERS' })] },
    ]);
  });
});
