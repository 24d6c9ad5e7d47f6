import { describe, expect, it } from 'vitest';
import {
  amountsCnySchema,
  amountsToCny,
  amountsToFen,
  MAX_MONTHLY_AMOUNT_CNY,
  putFiguresBodySchema,
  reportingMonthProblem,
  reportingMonthSchema,
  totalFen,
} from '../../../../domain/statistics/figures.ts';

const amounts = (b2bExport: number, extra: Partial<Record<'b2cImport' | 'b2b2cImport', number>> = {}) => ({
  B2B: { export: b2bExport, import: 0 },
  B2C: { export: 0, import: extra.b2cImport ?? 0 },
  B2B2C: { export: 0, import: extra.b2b2cImport ?? 0 },
});

describe('monthly transaction figures', () => {
  it('accepts yuan with at most two decimals and stores exact fen', () => {
    const parsed = amountsCnySchema.parse(amounts(1234.56, { b2cImport: 0.1, b2b2cImport: 0.2 }));
    const fen = amountsToFen(parsed);
    expect(fen.B2B.export).toBe(123_456);
    expect(fen.B2C.import).toBe(10);
    expect(totalFen(fen)).toBe(123_486);
    expect(amountsToCny(fen).B2B.export).toBe(1234.56);
  });

  it('refuses negative amounts, a third decimal, amounts above the monthly maximum and missing modes', () => {
    for (const bad of [-1, 1.005, MAX_MONTHLY_AMOUNT_CNY + 1, Number.NaN]) {
      expect(amountsCnySchema.safeParse(amounts(bad)).success, String(bad)).toBe(false);
    }
    expect(amountsCnySchema.safeParse(amounts(MAX_MONTHLY_AMOUNT_CNY)).success).toBe(true);
    expect(amountsCnySchema.safeParse({ B2B: { export: 1, import: 0 } }).success).toBe(false);
    expect(amountsCnySchema.safeParse({ ...amounts(1), C2C: { export: 1, import: 0 } }).success).toBe(false);
  });

  it('gives its reasons in Chinese and English', () => {
    const result = amountsCnySchema.safeParse(amounts(-5));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/不能为负数.*cannot be negative/);
  });

  it('takes months from 2020-01 in YYYY-MM form and refuses months still to come', () => {
    expect(reportingMonthSchema.safeParse('2020-01').success).toBe(true);
    expect(reportingMonthSchema.safeParse('2019-12').success).toBe(false);
    expect(reportingMonthSchema.safeParse('2025-13').success).toBe(false);
    expect(reportingMonthSchema.safeParse('2025-1').success).toBe(false);
    expect(reportingMonthProblem('2026-11', '2026-11-30')).toBeUndefined();
    expect(reportingMonthProblem('2026-10', '2026-11-01')).toBeUndefined();
    expect(reportingMonthProblem('2026-12', '2026-11-30')?.en).toContain('in the future');
  });

  it('takes a positive version for a correction and nothing else beside the amounts', () => {
    expect(putFiguresBodySchema.safeParse({ amountsCny: amounts(1) }).success).toBe(true);
    expect(putFiguresBodySchema.safeParse({ version: 2, amountsCny: amounts(1) }).success).toBe(true);
    expect(putFiguresBodySchema.safeParse({ version: 0, amountsCny: amounts(1) }).success).toBe(false);
    expect(putFiguresBodySchema.safeParse({ amountsCny: amounts(1), uscc: 'x' }).success).toBe(false);
  });
});
