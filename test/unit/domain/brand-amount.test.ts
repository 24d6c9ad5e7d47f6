import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandAnnualCapCny, capFor, computeBrandAmount } from '../../../domain/brand/amount.ts';
import { brandFormSchema, brandKey } from '../../../domain/brand/form.ts';
import { marketCodes } from '../../../domain/brand/markets.ts';

const types = ['TRADEMARK', 'PATENT', 'CERTIFICATION'] as const;
const markets = [...marketCodes];

describe('BRAND amount by rule', () => {
  it('applies the rate and the per-market cap', () => {
    const amount = computeBrandAmount(
      'TRADEMARK',
      [
        { market: 'US', feesPaidCny: 10_000 },
        { market: 'EU', feesPaidCny: 30_000 },
        { market: 'BR', feesPaidCny: 3_001 },
      ],
      0,
    );
    expect(amount.lines.map((line) => line.amountCny)).toEqual([5_000, 10_000, 1_500]);
    expect(amount.amountCny).toBe(16_500);
  });

  it('limits the sum by what is left of the annual cap', () => {
    const amount = computeBrandAmount(
      'PATENT',
      [{ market: 'US', feesPaidCny: 100_000 }],
      brandAnnualCapCny - 7_000,
    );
    expect(amount.subtotalCny).toBe(50_000);
    expect(amount.amountCny).toBe(7_000);
    expect(
      computeBrandAmount('PATENT', [{ market: 'US', feesPaidCny: 100_000 }], brandAnnualCapCny + 1).amountCny,
    ).toBe(0);
  });

  it('is never above the fees paid, the per-market caps or the annual cap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.uniqueArray(
          fc.record({
            market: fc.constantFrom(...markets),
            feesPaidCny: fc.integer({ min: 1, max: 1_000_000_000 }).map((fen) => fen / 100),
          }),
          { minLength: 1, maxLength: 20, selector: (line) => line.market },
        ),
        fc.integer({ min: 0, max: 400_000 }),
        (type, lines, used) => {
          const amount = computeBrandAmount(type, lines, used);
          const fees = lines.reduce((sum, line) => sum + line.feesPaidCny, 0);
          expect(amount.amountCny).toBeGreaterThanOrEqual(0);
          expect(amount.amountCny).toBeLessThanOrEqual(fees);
          expect(amount.amountCny).toBeLessThanOrEqual(Math.max(0, brandAnnualCapCny - used));
          expect(amount.amountCny).toBeLessThanOrEqual(amount.subtotalCny);
          amount.lines.forEach((line, index) => {
            expect(line.amountCny).toBeLessThanOrEqual(lines[index]?.feesPaidCny ?? 0);
            expect(line.amountCny).toBeLessThanOrEqual(capFor(type, line.market));
            expect(Number.isInteger(line.amountCny)).toBe(true);
          });
        },
      ),
    );
  });
});

describe('BRAND form', () => {
  const form = (codes: string[]) => ({
    type: 'TRADEMARK',
    mark: 'Star',
    markets: codes.map((market) => ({
      market,
      filingNumber: 'F1',
      filingDate: '2026-01-01',
      feesPaidCny: 100,
    })),
    evidence: [{ code: 'RECEIPT', attachmentId: '0b1f4a52-3c1e-4d59-9a47-6f2d8c1e5b72', fileName: 'r.pdf' }],
  });
  it('accepts 1–20 distinct known markets only', () => {
    expect(brandFormSchema.safeParse(form(['US', 'EU'])).success).toBe(true);
    expect(brandFormSchema.safeParse(form(['US', 'US'])).success).toBe(false);
    expect(brandFormSchema.safeParse(form(['XX'])).success).toBe(false);
    expect(brandFormSchema.safeParse(form(['us'])).success).toBe(false);
    expect(brandFormSchema.safeParse(form([])).success).toBe(false);
    expect(brandFormSchema.safeParse(form(markets.slice(0, 21))).success).toBe(false);
  });
  it('compares marks regardless of case and spacing', () => {
    expect(brandKey('TRADEMARK', ' Wuhu  STAR', 'US')).toBe(brandKey('TRADEMARK', 'wuhu star', 'US'));
    expect(brandKey('PATENT', 'wuhu star', 'US')).not.toBe(brandKey('TRADEMARK', 'wuhu star', 'US'));
  });
});
