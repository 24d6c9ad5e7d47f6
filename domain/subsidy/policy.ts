import { z } from 'zod';
import { registryTextSchema } from '../registry/enterprise.ts';
import { type ZoneCode, zoneCodeSchema } from '../shared/zones.ts';

/**
 * The policy catalog (政策目录) that SUBSIDY claims are made against.
 *
 * Money: every amount is a whole number of yuan (CNY), in fields ending in `Cny`. The policies set caps
 * and budgets in yuan; the claim computation rounds down to whole yuan, so no field here holds fen.
 */

/** Code prefix per zone: `WH-2026-OW-01` is a Wuhu policy of 2026. */
export const policyZonePrefix: Readonly<Record<ZoneCode, string>> = { wuhu: 'WH', anqing: 'AQ' };

/** `<zone prefix>-<year>-<category abbreviation, 2–4 letters>-<serial, 2 digits>`, e.g. `WH-2026-OW-01`. */
export const policyCodeSchema = z.string().regex(/^(WH|AQ)-(20\d{2})-[A-Z]{2,4}-\d{2}$/, {
  message: '政策编号格式应为 WH-2026-OW-01 / Policy code must look like WH-2026-OW-01',
});

/** Whether a code's prefix and year agree with the policy's zone and year. */
export const policyCodeMatches = (code: string, zone: ZoneCode, year: number): boolean =>
  code.startsWith(`${policyZonePrefix[zone]}-${year}-`);

export const policyCategorySchema = z.enum([
  'OVERSEAS_WAREHOUSE',
  'EXHIBITION',
  'PLATFORM_FEE',
  'LOGISTICS',
  'BRAND_PROMOTION',
  'TRAINING',
  'OTHER',
]);
export type PolicyCategory = z.infer<typeof policyCategorySchema>;

/** What happens to a claim that would overdraw the policy's remaining budget. */
export const overdraftPolicySchema = z.enum([
  /** The claim waits in a queue state until budget is released (rejections, withdrawals). */
  'QUEUE',
  /** The claim is refused with the reason. */
  'REFUSE',
]);
export type OverdraftPolicy = z.infer<typeof overdraftPolicySchema>;

/** DRAFT is visible to administrators and the zone office only; claims need PUBLISHED and an open date. */
export const policyStatusSchema = z.enum(['DRAFT', 'PUBLISHED', 'SUSPENDED', 'WITHDRAWN']);
export type PolicyStatus = z.infer<typeof policyStatusSchema>;

/** A name in both languages, as the console and notices show it. */
export const policyTextSchema = z
  .object({ zh: registryTextSchema(2, 100), en: registryTextSchema(2, 200) })
  .strict();

/** Whole yuan, positive, below 10 bn (more than either zone's whole programme). */
export const amountCnySchema = z.number().int().positive().max(10_000_000_000);

export const requiredDocumentSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/),
    name: policyTextSchema,
  })
  .strict();
export type RequiredDocument = z.infer<typeof requiredDocumentSchema>;

export const policyFieldsShape = {
  name: policyTextSchema,
  zone: zoneCodeSchema,
  year: z.number().int().min(2020).max(2099),
  category: policyCategorySchema,
  /** Share of the eligible cost paid, 0 < rate ≤ 1. */
  subsidyRate: z.number().gt(0).max(1),
  perClaimCapCny: amountCnySchema,
  /** Across all claims of one enterprise under this policy in its year. */
  perEnterpriseAnnualCapCny: amountCnySchema,
  /**
   * The policy's total budget as configured. The budget counter (reserved / committed / remaining) is a
   * separate item, changed only by the SUBSIDY workflow's conditional writes; it is not kept here.
   */
  totalBudgetCny: amountCnySchema,
  requiredDocuments: z.array(requiredDocumentSchema).max(20),
  openDate: z.iso.date(),
  closeDate: z.iso.date(),
  overdraftPolicy: overdraftPolicySchema,
  status: policyStatusSchema,
};

interface PolicyRules {
  perClaimCapCny: number;
  perEnterpriseAnnualCapCny: number;
  totalBudgetCny: number;
  requiredDocuments: RequiredDocument[];
  openDate: string;
  closeDate: string;
}

const policyRules = (policy: PolicyRules, context: z.RefinementCtx) => {
  if (policy.openDate > policy.closeDate) {
    context.addIssue({
      code: 'custom',
      path: ['closeDate'],
      message: '截止日期不得早于开始日期 / The close date must not be before the open date',
    });
  }
  if (policy.perClaimCapCny > policy.perEnterpriseAnnualCapCny) {
    context.addIssue({
      code: 'custom',
      path: ['perClaimCapCny'],
      message: '单笔上限不得超过企业年度上限 / The per-claim cap exceeds the annual cap per enterprise',
    });
  }
  if (policy.perEnterpriseAnnualCapCny > policy.totalBudgetCny) {
    context.addIssue({
      code: 'custom',
      path: ['perEnterpriseAnnualCapCny'],
      message: '企业年度上限不得超过总预算 / The annual cap per enterprise exceeds the total budget',
    });
  }
  const codes = policy.requiredDocuments.map((document) => document.code);
  if (new Set(codes).size !== codes.length) {
    context.addIssue({
      code: 'custom',
      path: ['requiredDocuments'],
      message: '材料编号重复 / Duplicate document code',
    });
  }
};

/** `PUT /policies/{code}`: without `version` it creates; with it, it updates that version only. */
export const putPolicyBodySchema = z
  .object({ ...policyFieldsShape, version: z.number().int().positive().optional() })
  .strict()
  .superRefine(policyRules);
export type PutPolicyBody = z.infer<typeof putPolicyBodySchema>;

export const policySchema = z
  .object({
    code: policyCodeSchema,
    ...policyFieldsShape,
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int().positive(),
  })
  .strict()
  .superRefine(policyRules);
export type Policy = z.infer<typeof policySchema>;

/** The zone-wide cap per enterprise and year, across all the zone's policies of that year. */
export const putPolicyCapBodySchema = z
  .object({
    perEnterpriseAnnualCapCny: amountCnySchema,
    version: z.number().int().positive().optional(),
  })
  .strict();
export type PutPolicyCapBody = z.infer<typeof putPolicyCapBodySchema>;

export const policyCapSchema = z
  .object({
    zone: zoneCodeSchema,
    year: z.number().int().min(2020).max(2099),
    perEnterpriseAnnualCapCny: amountCnySchema,
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int().positive(),
  })
  .strict();
export type PolicyCap = z.infer<typeof policyCapSchema>;
