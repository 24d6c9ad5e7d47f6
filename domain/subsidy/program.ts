import type { LocalizedText, ProgramDefinition, SubmissionPorts } from '../shared/program.ts';
import { amountPaymentStages, reviewStage, revisionStage } from '../shared/stages.ts';
import { computeSubsidyAmount, type SubsidyAmount } from './amount.ts';
import {
  assessEligibility,
  type EligibilityRoute,
  eligibleCostFen,
  type SubsidyClaimForm,
  subsidyClaimFormSchema,
} from './claim.ts';
import type { Policy } from './policy.ts';

export interface SubsidyApplicant {
  orgId: string;
  today: string;
  /** Set when checking again after submission: the policy must have been open that day. */
  claimedOn?: string;
}

export interface SubsidyFacts {
  policy: Policy | undefined;
  route: EligibilityRoute;
}

const unknownPolicy = (code: string): EligibilityRoute => ({
  route: 'REFUSED',
  reasons: [{ zh: `政策 ${code} 不存在`, en: `There is no policy ${code}` }],
});

/**
 * The eligibility of a claim from stored data (registry, credit lists, policy catalog); run at submission,
 * when the workflow starts, and again before disbursement.
 */
export const checkSubsidyEligibility = async (
  form: SubsidyClaimForm,
  applicant: SubsidyApplicant,
  ports: SubmissionPorts,
): Promise<SubsidyFacts> => {
  const policy = await ports.findPolicy(form.policyCode);
  if (!policy) return { policy, route: unknownPolicy(form.policyCode) };
  const [enterprise, credit] = await Promise.all([
    ports.findEnterprise(applicant.orgId),
    ports.creditOf(applicant.orgId, policy.zone, applicant.today),
  ]);
  const route = assessEligibility({
    today: applicant.today,
    claimedOn: applicant.claimedOn,
    enterprise,
    policy,
    creditStatus: credit.status,
    creditReasons: credit.reasons,
    attachments: form.attachments,
  });
  return { policy, route };
};

/**
 * The amount by rule, with what the enterprise already holds this year counted against the caps. At
 * submission it is an estimate; the workflow's reservation computes it again and holds it.
 */
export const computeClaimAmount = (
  form: SubsidyClaimForm,
  policy: Policy,
  zoneCapCny: number | undefined,
  usage: { underPolicyCny: number; allPoliciesCny: number },
): SubsidyAmount =>
  computeSubsidyAmount({
    subsidyRate: policy.subsidyRate,
    perClaimCapCny: policy.perClaimCapCny,
    perEnterpriseAnnualCapCny: policy.perEnterpriseAnnualCapCny,
    zoneAnnualCapCny: zoneCapCny,
    eligibleCostFen: eligibleCostFen(form.invoices),
    requestedCny: form.requestedAmountCny,
    usedUnderPolicyCny: usage.underPolicyCny,
    usedAllPoliciesCny: usage.allPoliciesCny,
  });

/** Why a claim gets nothing: the rule that brought the amount to zero. */
export const zeroAmountReason = (amount: SubsidyAmount): LocalizedText => {
  const rule = amount.steps.find((step) => step.limit === amount.limitedBy);
  return {
    zh: `按政策规则可补贴金额为 0 元（${rule?.label.zh ?? amount.limitedBy}）`,
    en: `The amount by the policy's rules is CNY 0 (${rule?.label.en ?? amount.limitedBy})`,
  };
};

export const joinReasons = (reasons: readonly LocalizedText[]): LocalizedText => ({
  zh: reasons.map((reason) => reason.zh).join('；'),
  en: reasons.map((reason) => reason.en).join('; '),
});

/** What a submission is checked and assessed on: the eligibility, and the amount when not refused. */
export interface SubsidyEstimate {
  facts: SubsidyFacts;
  amount: SubsidyAmount | undefined;
}

/** The program's submission facts: read once per submission for both the check and the assessment. */
export const estimateSubsidyClaim = async (
  form: SubsidyClaimForm,
  applicant: SubsidyApplicant,
  ports: SubmissionPorts,
): Promise<SubsidyEstimate> => {
  const facts = await checkSubsidyEligibility(form, applicant, ports);
  if (facts.route.route === 'REFUSED' || !facts.policy) return { facts, amount: undefined };
  const [zoneCap, usage] = await Promise.all([
    ports.findZoneCap(facts.policy.zone, facts.policy.year),
    ports.subsidyUsage(applicant.orgId, facts.policy),
  ]);
  return { facts, amount: computeClaimAmount(form, facts.policy, zoneCap, usage) };
};

export const subsidyProgram: ProgramDefinition<SubsidyClaimForm, SubsidyEstimate> = {
  code: 'SUBSIDY',
  name: { zh: '跨境电商政策资金申报', en: 'Cross-border e-commerce policy subsidy claim' },
  applicantRole: 'enterprise',
  formSchema: subsidyClaimFormSchema,
  variantOf: (form) => form.policyCode,
  titleOf: (form) => `${form.policyCode} · ${form.requestedAmountCny} 元`,
  stages: [
    reviewStage(
      'ELIGIBILITY_CHECK',
      { zh: '资格人工核查（经营异常名录）', en: 'Manual eligibility check (abnormal-operation list)' },
      'office',
      { outcomes: ['APPROVE', 'REJECT'], deadlineWorkingDays: 5 },
    ),
    reviewStage('DISTRICT_REVIEW', { zh: '县区初审', en: 'District review' }, 'district_reviewer'),
    revisionStage('DISTRICT_REVISION', { zh: '补正材料（县区）', en: 'Revision requested by the district' }),
    ...amountPaymentStages,
  ],
  publicNoticeWorkingDays: 5,
  facts: estimateSubsidyClaim,
  submissionCheck: async (_form, _applicant, _ports, { facts, amount }) => {
    if (facts.route.route === 'REFUSED') return joinReasons(facts.route.reasons);
    if (amount && amount.amountCny === 0) return zeroAmountReason(amount);
    return undefined;
  },
  // An invoice (code + number) supports one live claim: concurrent claims meet on the same key.
  uniqueKeys: (form) =>
    form.invoices.map((invoice) => ({
      key: `INVOICE#${invoice.code}#${invoice.number}`,
      duplicate: {
        zh: `发票（代码 ${invoice.code}，号码 ${invoice.number}）已用于其他未被驳回的补贴申请`,
        en: `Invoice ${invoice.code} / ${invoice.number} is already part of another claim that was not rejected`,
      },
    })),
  assess: async (form, _applicant, _ports, { amount }) => ({
    policyCode: form.policyCode,
    eligibleCostFen: eligibleCostFen(form.invoices),
    amount,
  }),
};
