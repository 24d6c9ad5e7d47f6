import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSubsidyAmount, type SubsidyAmountInput } from '../../../../domain/subsidy/amount.ts';

const base: SubsidyAmountInput = {
  subsidyRate: 0.3,
  perClaimCapCny: 500_000,
  perEnterpriseAnnualCapCny: 1_000_000,
  eligibleCostFen: 100_000_000, // CNY 1,000,000.00
  requestedCny: 400_000,
  usedUnderPolicyCny: 0,
  usedAllPoliciesCny: 0,
};

describe('subsidy amount', () => {
  it('pays rate × cost when no cap binds', () => {
    expect(computeSubsidyAmount({ ...base, requestedCny: 300_000 })).toMatchObject({
      amountCny: 300_000,
      limitedBy: 'RATE',
    });
  });

  it.each([
    ['REQUESTED', { requestedCny: 120_000 }, 120_000],
    ['PER_CLAIM', { perClaimCapCny: 250_000 }, 250_000],
    ['POLICY_ANNUAL', { usedUnderPolicyCny: 900_000 }, 100_000],
    ['ZONE_ANNUAL', { zoneAnnualCapCny: 2_000_000, usedAllPoliciesCny: 1_950_000 }, 50_000],
  ] as const)('is limited by %s', (limit, overrides, expected) => {
    const result = computeSubsidyAmount({ ...base, ...overrides });
    expect(result).toMatchObject({ amountCny: expected, limitedBy: limit });
  });

  it('is zero, not negative, once the annual cap is used up', () => {
    expect(computeSubsidyAmount({ ...base, usedUnderPolicyCny: 1_200_000 }).amountCny).toBe(0);
  });

  it('rounds down to whole yuan without losing yuan to binary fractions', () => {
    // 0.1 × CNY 30.00 is exactly CNY 3, although 0.1 × 3000 in binary is 300.00000000000006.
    expect(
      computeSubsidyAmount({ ...base, subsidyRate: 0.1, eligibleCostFen: 3_000, requestedCny: 10 }).amountCny,
    ).toBe(3);
    expect(
      computeSubsidyAmount({ ...base, subsidyRate: 0.3, eligibleCostFen: 999, requestedCny: 10 }).amountCny,
    ).toBe(2);
  });

  it('never exceeds any ceiling, the request or rate × cost', () => {
    fc.assert(
      fc.property(
        fc.record({
          subsidyRate: fc.integer({ min: 1, max: 100 }).map((percent) => percent / 100),
          perClaimCapCny: fc.integer({ min: 1, max: 10_000_000 }),
          perEnterpriseAnnualCapCny: fc.integer({ min: 1, max: 10_000_000 }),
          zoneAnnualCapCny: fc.option(fc.integer({ min: 1, max: 20_000_000 }), { nil: undefined }),
          eligibleCostFen: fc.integer({ min: 0, max: 10_000_000_000 }),
          requestedCny: fc.integer({ min: 0, max: 10_000_000 }),
          usedUnderPolicyCny: fc.integer({ min: 0, max: 20_000_000 }),
          usedAllPoliciesCny: fc.integer({ min: 0, max: 40_000_000 }),
        }),
        (input) => {
          const { amountCny, steps } = computeSubsidyAmount(input);
          expect(Number.isInteger(amountCny)).toBe(true);
          expect(amountCny).toBeGreaterThanOrEqual(0);
          for (const step of steps) expect(amountCny).toBeLessThanOrEqual(Math.max(0, step.ceilingCny));
          expect(amountCny).toBeLessThanOrEqual(input.requestedCny);
          expect(amountCny * 100).toBeLessThanOrEqual(input.eligibleCostFen * input.subsidyRate + 1e-6);
        },
      ),
    );
  });
});
