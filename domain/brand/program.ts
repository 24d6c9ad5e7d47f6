import { z } from 'zod';
import { objectionRulingsSchema } from '../park/program.ts';
import type { ProgramDefinition } from '../shared/program.ts';
import { type BrandAmount, computeBrandAmount } from './amount.ts';
import { type BrandForm, type BrandType, brandFormSchema, brandKey } from './form.ts';

const typeNames: Record<BrandType, { zh: string; en: string }> = {
  TRADEMARK: { zh: '商标', en: 'trademark' },
  PATENT: { zh: '专利', en: 'patent' },
  CERTIFICATION: { zh: '认证', en: 'certification' },
};

/** Statuses whose applications no longer hold their amount against the annual cap. */
const releasedStatuses = new Set(['REJECTED', 'WITHDRAWN', 'TIMED_OUT']);

export const municipalBrandDecisionSchema = z
  .object({
    /** The amount approved; less than the computed amount only with a reason. */
    approvedAmountCny: z.number().int().nonnegative().max(100_000_000).optional(),
    reason: z.string().trim().min(2).max(2_000).optional(),
  })
  .strict();
export type MunicipalBrandDecision = z.infer<typeof municipalBrandDecisionSchema>;

export const disbursementSchema = z
  .object({
    date: z.iso.date(),
    amountCny: z.number().nonnegative().max(100_000_000),
    voucherNumber: z.string().trim().min(1).max(64),
  })
  .strict();
export type Disbursement = z.infer<typeof disbursementSchema>;

export const brandProgram: ProgramDefinition<BrandForm> = {
  code: 'BRAND',
  name: { zh: '境外商标注册、专利、认证支持', en: 'Overseas trademark, patent and certification support' },
  applicantRole: 'enterprise',
  formSchema: brandFormSchema,
  variantOf: (form) => form.type,
  titleOf: (form) => `${form.mark} (${form.markets.map((line) => line.market).join(', ')})`,
  stages: [
    {
      code: 'MUNICIPAL_REVIEW',
      name: { zh: '市级审核', en: 'Municipal review' },
      kind: 'review',
      assignee: 'municipal_reviewer',
      deadlineWorkingDays: 10,
      outcomes: ['APPROVE', 'REJECT', 'RETURN'],
      dataSchema: municipalBrandDecisionSchema,
      checkDecision: (outcome, data) => {
        const decision = (data ?? {}) as MunicipalBrandDecision;
        if (outcome === 'APPROVE' && decision.approvedAmountCny === undefined) {
          return { zh: '通过时须填写核定金额', en: 'Approval must state the approved amount' };
        }
        if (outcome !== 'APPROVE' && decision.approvedAmountCny !== undefined) {
          return { zh: '仅通过时填写核定金额', en: 'Only an approval states an approved amount' };
        }
        return undefined;
      },
      guard: 'brand-approved-amount',
    },
    {
      code: 'MUNICIPAL_REVISION',
      name: { zh: '补正材料（市级）', en: 'Revision requested by the municipality' },
      kind: 'revision',
      assignee: 'applicant',
      deadlineWorkingDays: 15,
      outcomes: [],
    },
    {
      code: 'OBJECTION_REVIEW',
      name: { zh: '公示异议处理', en: 'Decision on public-notice objections' },
      kind: 'review',
      assignee: 'office',
      deadlineWorkingDays: 10,
      outcomes: ['APPROVE', 'REJECT'],
      dataSchema: objectionRulingsSchema,
      checkDecision: (outcome, data) => {
        const upheld = (data as z.infer<typeof objectionRulingsSchema>).rulings.some(
          (ruling) => ruling.outcome === 'UPHOLD',
        );
        if (upheld !== (outcome === 'REJECT')) {
          return {
            zh: '有异议成立时须驳回申请，全部异议不成立时须继续办理',
            en: 'Reject exactly when an objection is upheld; continue when all are dismissed',
          };
        }
        return undefined;
      },
      guard: 'objection-rulings-complete',
    },
    {
      code: 'DISBURSEMENT',
      name: { zh: '资金拨付', en: 'Disbursement' },
      kind: 'review',
      assignee: 'finance',
      deadlineWorkingDays: 20,
      outcomes: ['APPROVE'],
      dataSchema: disbursementSchema,
      guard: 'brand-disbursed-amount',
    },
  ],
  publicNoticeWorkingDays: 5,
  submissionCheck: async (_form, applicant, ports) => {
    const enterprise = await ports.findEnterprise(applicant.orgId);
    if (!enterprise) {
      return {
        zh: `统一社会信用代码 ${applicant.orgId} 未在企业名录中登记，不能申请`,
        en: `Enterprise ${applicant.orgId} is not in the enterprise registry and cannot apply`,
      };
    }
    if (!enterprise.registeredInZone) {
      return {
        zh: '企业未在本综试区注册，不能申请',
        en: 'The enterprise is not registered in the zone and cannot apply',
      };
    }
    return undefined;
  },
  uniqueKeys: (form) =>
    form.markets.map(({ market }) => ({
      key: brandKey(form.type, form.mark, market),
      duplicate: {
        zh: `“${form.mark}”在 ${market} 的${typeNames[form.type].zh}已获支持或正在申请中，同一商标（名称）、市场和类型只支持一次`,
        en: `The ${typeNames[form.type].en} "${form.mark}" in ${market} is already supported or applied for; each (mark, market, type) is supported once`,
      },
    })),
  assess: async (form, applicant, ports): Promise<{ amount: BrandAmount }> => {
    const year = applicant.today.slice(0, 4);
    // Racy by design only across concurrent submissions of one enterprise; review checks the amount again.
    const usedThisYearCny = (await ports.applicationsOfOrg(applicant.orgId, 'BRAND'))
      .filter((other) => !releasedStatuses.has(other.status) && other.createdAt.startsWith(year))
      .reduce((sum, other) => {
        const amount = (other.assessment?.amount as BrandAmount | undefined)?.amountCny;
        return sum + (typeof amount === 'number' ? amount : 0);
      }, 0);
    return { amount: computeBrandAmount(form.type, form.markets, usedThisYearCny) };
  },
};
