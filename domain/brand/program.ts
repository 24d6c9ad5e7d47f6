import type { ProgramDefinition } from '../shared/program.ts';
import { amountPaymentStages } from '../shared/stages.ts';
import { type BrandAmount, computeBrandAmount } from './amount.ts';
import { type BrandForm, type BrandType, brandFormSchema, brandKey } from './form.ts';

const typeNames: Record<BrandType, { zh: string; en: string }> = {
  TRADEMARK: { zh: '商标', en: 'trademark' },
  PATENT: { zh: '专利', en: 'patent' },
  CERTIFICATION: { zh: '认证', en: 'certification' },
};

/** Statuses whose applications no longer hold their amount against the annual cap. */
const releasedStatuses = new Set(['REJECTED', 'WITHDRAWN', 'TIMED_OUT']);

export const brandProgram: ProgramDefinition<BrandForm> = {
  code: 'BRAND',
  name: { zh: '境外商标注册、专利、认证支持', en: 'Overseas trademark, patent and certification support' },
  applicantRole: 'enterprise',
  formSchema: brandFormSchema,
  variantOf: (form) => form.type,
  titleOf: (form) => `${form.mark} (${form.markets.map((line) => line.market).join(', ')})`,
  stages: amountPaymentStages,
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
