import type { BrandType } from './form.ts';

/**
 * The support rule (pure): per market, `rate × fees paid`, rounded down to whole yuan and capped per market
 * and type; the sum is capped per enterprise per year, less what the enterprise already holds that year.
 */
export interface BrandRule {
  rate: number;
  /** Cap per market; `DEFAULT` applies to markets not listed. For certifications: per certificate. */
  capCny: Readonly<Record<string, number>> & { DEFAULT: number };
}

export const brandRules: Readonly<Record<BrandType, BrandRule>> = {
  TRADEMARK: { rate: 0.5, capCny: { EU: 10_000, US: 8_000, JP: 6_000, GB: 6_000, DEFAULT: 5_000 } },
  PATENT: { rate: 0.5, capCny: { US: 50_000, EU: 50_000, JP: 30_000, DEFAULT: 20_000 } },
  CERTIFICATION: { rate: 0.5, capCny: { DEFAULT: 20_000 } },
};

/** 每家企业每年境外商标、专利、认证支持合计上限. */
export const brandAnnualCapCny = 200_000;

export interface BrandAmountLine {
  market: string;
  feesPaidCny: number;
  rate: number;
  capCny: number;
  amountCny: number;
}

export interface BrandAmount {
  lines: BrandAmountLine[];
  subtotalCny: number;
  annualCapCny: number;
  usedThisYearCny: number;
  amountCny: number;
}

export const capFor = (type: BrandType, market: string): number =>
  brandRules[type].capCny[market] ?? brandRules[type].capCny.DEFAULT;

export const computeBrandAmount = (
  type: BrandType,
  markets: readonly { market: string; feesPaidCny: number }[],
  usedThisYearCny: number,
  annualCapCny: number = brandAnnualCapCny,
): BrandAmount => {
  const { rate } = brandRules[type];
  const lines = markets.map(({ market, feesPaidCny }) => {
    const capCny = capFor(type, market);
    // Whole yuan, rounded down: never above the fees paid nor the cap.
    const amountCny = Math.max(0, Math.min(capCny, Math.floor(feesPaidCny * rate + 1e-9)));
    return { market, feesPaidCny, rate, capCny, amountCny };
  });
  const subtotalCny = lines.reduce((sum, line) => sum + line.amountCny, 0);
  const remaining = Math.max(0, annualCapCny - Math.max(0, usedThisYearCny));
  return {
    lines,
    subtotalCny,
    annualCapCny,
    usedThisYearCny,
    amountCny: Math.min(subtotalCny, remaining),
  };
};
