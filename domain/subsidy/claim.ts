import { z } from 'zod';
import { attachedFileFields } from '../shared/attachment.ts';
import type { LocalizedText } from '../shared/program.ts';
import { policyCodeSchema } from './policy.ts';

/**
 * A VAT invoice line of a subsidy claim. Paper and electronic invoices carry a 10–12 digit code and an
 * 8-digit number; fully digital invoices (全电发票) carry a 20-digit number and no code, recorded as `-`.
 */
export const invoiceLineSchema = z
  .object({
    code: z
      .string()
      .regex(
        /^(\d{10,12}|-)$/,
        '发票代码须为 10–12 位数字（全电发票填 -） / Invoice code: 10–12 digits, or -',
      ),
    number: z
      .string()
      .regex(/^(\d{8}|\d{20})$/, '发票号码须为 8 位或 20 位数字 / Invoice number: 8 or 20 digits'),
    date: z.iso.date(),
    /** Yuan with at most two decimals (fen). */
    amountCny: z
      .number()
      .positive()
      .max(1_000_000_000)
      .refine((amount) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6, {
        message: '金额最多两位小数 / At most two decimals',
      }),
    description: z.string().trim().min(2).max(200),
  })
  .strict();
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const claimAttachmentSchema = z
  .object({
    documentCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/),
    ...attachedFileFields,
  })
  .strict();

export const subsidyClaimFormSchema = z
  .object({
    policyCode: policyCodeSchema,
    invoices: z.array(invoiceLineSchema).min(1).max(100),
    requestedAmountCny: z.number().int().positive().max(1_000_000_000),
    attachments: z.array(claimAttachmentSchema).max(50),
    description: z.string().trim().max(2_000).optional(),
  })
  .strict()
  .superRefine((form, context) => {
    const seen = new Set<string>();
    for (const [index, invoice] of form.invoices.entries()) {
      const key = `${invoice.code}#${invoice.number}`;
      if (seen.has(key)) {
        context.addIssue({
          code: 'custom',
          path: ['invoices', index, 'number'],
          message: '同一发票在本申请中重复 / The same invoice appears twice in this claim',
        });
      }
      seen.add(key);
    }
  });
export type SubsidyClaimForm = z.infer<typeof subsidyClaimFormSchema>;

/** Sum of the invoice lines in fen, exact. */
export const eligibleCostFen = (invoices: readonly InvoiceLine[]): number =>
  invoices.reduce((sum, invoice) => sum + Math.round(invoice.amountCny * 100), 0);

export interface EligibilityFacts {
  today: string;
  /** The day the policy window is checked on: the submission day, also when checking again later. */
  claimedOn?: string | undefined;
  enterprise: { registeredInZone: boolean; zone: string } | undefined;
  policy: {
    zone: string;
    status: string;
    openDate: string;
    closeDate: string;
    requiredDocuments: readonly { code: string }[];
  };
  creditStatus: 'BLACKLISTED' | 'ABNORMAL' | 'WHITELISTED' | 'NONE';
  /** Reasons from the deciding credit-list entries, shown with a refusal. */
  creditReasons: readonly string[];
  attachments: readonly { documentCode: string }[];
}

/** Where a claim goes after the eligibility check. */
export type EligibilityRoute =
  | { route: 'REFUSED'; reasons: LocalizedText[] }
  | { route: 'MANUAL_CHECK'; reasons: LocalizedText[] }
  | { route: 'FAST_TRACK' }
  | { route: 'NORMAL' };

/**
 * The credit and registration rules of a subsidy claim, run on submission and again before disbursement:
 * refusals first (not registered in the zone, blacklisted, policy not open, documents missing), then the
 * abnormal-operation list sends the claim to a manual check and the whitelist skips the district review.
 */
export const assessEligibility = (facts: EligibilityFacts): EligibilityRoute => {
  const refusals: LocalizedText[] = [];
  if (!facts.enterprise?.registeredInZone || facts.enterprise.zone !== facts.policy.zone) {
    refusals.push({ zh: '企业未在本综试区登记', en: 'The enterprise is not registered in this pilot zone' });
  }
  if (facts.creditStatus === 'BLACKLISTED') {
    const why = facts.creditReasons.join('；') || '—';
    refusals.push({ zh: `企业列入失信黑名单：${why}`, en: `The enterprise is on the blacklist: ${why}` });
  }
  const claimedOn = facts.claimedOn ?? facts.today;
  if (
    facts.policy.status !== 'PUBLISHED' ||
    claimedOn < facts.policy.openDate ||
    claimedOn > facts.policy.closeDate
  ) {
    refusals.push({
      zh: `政策不在受理期（${facts.policy.openDate} 至 ${facts.policy.closeDate}）`,
      en: `The policy is not open for claims (${facts.policy.openDate} to ${facts.policy.closeDate})`,
    });
  }
  const provided = new Set(facts.attachments.map((attachment) => attachment.documentCode));
  const missing = facts.policy.requiredDocuments.filter((document) => !provided.has(document.code));
  if (missing.length > 0) {
    const codes = missing.map((document) => document.code).join(', ');
    refusals.push({ zh: `缺少必需材料：${codes}`, en: `Required documents missing: ${codes}` });
  }
  if (refusals.length > 0) return { route: 'REFUSED', reasons: refusals };
  if (facts.creditStatus === 'ABNORMAL') {
    const why = facts.creditReasons.join('；') || '—';
    return {
      route: 'MANUAL_CHECK',
      reasons: [
        {
          zh: `企业列入经营异常名录：${why}`,
          en: `The enterprise is on the abnormal-operation list: ${why}`,
        },
      ],
    };
  }
  return facts.creditStatus === 'WHITELISTED' ? { route: 'FAST_TRACK' } : { route: 'NORMAL' };
};
