import type { LocalizedText } from '../shared/program.ts';

export interface SubsidyAmountInput {
  subsidyRate: number;
  perClaimCapCny: number;
  perEnterpriseAnnualCapCny: number;
  /** The zone-wide cap per enterprise and year across all policies, when the office set one. */
  zoneAnnualCapCny?: number | undefined;
  /** Sum of the claim's eligible invoice amounts, in fen (invoices carry fen; subsidies are whole yuan). */
  eligibleCostFen: number;
  requestedCny: number;
  /** Already granted or reserved for this enterprise this year under this policy, and under all policies. */
  usedUnderPolicyCny: number;
  usedAllPoliciesCny: number;
}

export type AmountLimit = 'RATE' | 'REQUESTED' | 'PER_CLAIM' | 'POLICY_ANNUAL' | 'ZONE_ANNUAL';

export interface AmountStep {
  limit: AmountLimit;
  label: LocalizedText;
  /** The ceiling this rule sets, in whole yuan. */
  ceilingCny: number;
}

export interface SubsidyAmount {
  amountCny: number;
  /** The rule that set the amount (the lowest ceiling). */
  limitedBy: AmountLimit;
  /** Every ceiling, in the order applied: the computation shown to the applicant and the reviewers. */
  steps: AmountStep[];
}

const yuan = (fen: number) => Math.floor(fen / 100);

/**
 * The eligible amount: rate × eligible cost, limited by the request and by every cap; whole yuan, rounded
 * down, never negative.
 */
export const computeSubsidyAmount = (input: SubsidyAmountInput): SubsidyAmount => {
  const steps: AmountStep[] = [
    {
      limit: 'RATE',
      label: {
        zh: `合规费用 ${yuan(input.eligibleCostFen)} 元 × 补贴比例 ${input.subsidyRate * 100}%`,
        en: `Eligible cost CNY ${yuan(input.eligibleCostFen)} × rate ${input.subsidyRate * 100}%`,
      },
      // Rounded in fen first so that 0.1 × 3 does not lose a yuan to binary fractions.
      ceilingCny: yuan(Math.floor(Math.round(input.eligibleCostFen * input.subsidyRate * 1e6) / 1e6)),
    },
    {
      limit: 'REQUESTED',
      label: { zh: '申请金额', en: 'Amount requested' },
      ceilingCny: input.requestedCny,
    },
    {
      limit: 'PER_CLAIM',
      label: { zh: '单笔申请上限', en: 'Per-claim cap' },
      ceilingCny: input.perClaimCapCny,
    },
    {
      limit: 'POLICY_ANNUAL',
      label: {
        zh: `本政策年度上限 ${input.perEnterpriseAnnualCapCny} 元，已用 ${input.usedUnderPolicyCny} 元`,
        en: `Annual cap under this policy CNY ${input.perEnterpriseAnnualCapCny}, used CNY ${input.usedUnderPolicyCny}`,
      },
      ceilingCny: Math.max(0, input.perEnterpriseAnnualCapCny - input.usedUnderPolicyCny),
    },
  ];
  if (input.zoneAnnualCapCny !== undefined) {
    steps.push({
      limit: 'ZONE_ANNUAL',
      label: {
        zh: `综试区企业年度总上限 ${input.zoneAnnualCapCny} 元，已用 ${input.usedAllPoliciesCny} 元`,
        en: `Zone-wide annual cap CNY ${input.zoneAnnualCapCny}, used CNY ${input.usedAllPoliciesCny}`,
      },
      ceilingCny: Math.max(0, input.zoneAnnualCapCny - input.usedAllPoliciesCny),
    });
  }
  let lowest = steps[0] as AmountStep;
  for (const step of steps) if (step.ceilingCny < lowest.ceilingCny) lowest = step;
  return { amountCny: Math.max(0, lowest.ceilingCny), limitedBy: lowest.limit, steps };
};
