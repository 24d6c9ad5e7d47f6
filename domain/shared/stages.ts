import { z } from 'zod';
import type { LocalizedText, StageDefinition } from './program.ts';

/** Stage builders and decision records that several programs share. */

export const reviewStage = (
  code: string,
  name: LocalizedText,
  assignee: StageDefinition['assignee'],
  extra: Partial<StageDefinition> = {},
): StageDefinition => ({
  code,
  name,
  kind: 'review',
  assignee,
  deadlineWorkingDays: 10,
  outcomes: ['APPROVE', 'REJECT', 'RETURN'],
  ...extra,
});

export const revisionStage = (code: string, name: LocalizedText): StageDefinition => ({
  code,
  name,
  kind: 'revision',
  assignee: 'applicant',
  deadlineWorkingDays: 15,
  outcomes: [],
});

export const objectionRulingsSchema = z
  .object({
    rulings: z
      .array(
        z
          .object({
            objectionId: z.string().min(1).max(64),
            outcome: z.enum(['UPHOLD', 'DISMISS']),
            reason: z.string().trim().min(2).max(2_000),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();
export type ObjectionRulings = z.infer<typeof objectionRulingsSchema>;

/** After a public notice with objections, the office rules on each; one upheld objection rejects. */
export const objectionReviewStage: StageDefinition = reviewStage(
  'OBJECTION_REVIEW',
  { zh: '公示异议处理', en: 'Decision on public-notice objections' },
  'office',
  {
    outcomes: ['APPROVE', 'REJECT'],
    dataSchema: objectionRulingsSchema,
    checkDecision: (outcome, data) => {
      const upheld = (data as ObjectionRulings).rulings.some((ruling) => ruling.outcome === 'UPHOLD');
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
);

/** A municipal approval of a computed amount: the amount approved, and a reason when it is reduced. */
export const approvedAmountDecisionSchema = z
  .object({
    /** The amount approved; less than the computed amount only with a reason. */
    approvedAmountCny: z.number().int().nonnegative().max(100_000_000).optional(),
    reason: z.string().trim().min(2).max(2_000).optional(),
  })
  .strict();
export type ApprovedAmountDecision = z.infer<typeof approvedAmountDecisionSchema>;

/**
 * The municipal review of a program that pays an amount by rule (`assessment.amount.amountCny`): approval
 * states the amount, at most the computed one, less only with a reason (guard `approved-amount`).
 */
export const amountReviewStage: StageDefinition = reviewStage(
  'MUNICIPAL_REVIEW',
  { zh: '市级审核', en: 'Municipal review' },
  'municipal_reviewer',
  {
    dataSchema: approvedAmountDecisionSchema,
    checkDecision: (outcome, data) => {
      const decision = (data ?? {}) as ApprovedAmountDecision;
      if (outcome === 'APPROVE' && decision.approvedAmountCny === undefined) {
        return { zh: '通过时须填写核定金额', en: 'Approval must state the approved amount' };
      }
      if (outcome !== 'APPROVE' && decision.approvedAmountCny !== undefined) {
        return { zh: '仅通过时填写核定金额', en: 'Only an approval states an approved amount' };
      }
      return undefined;
    },
    guard: 'approved-amount',
  },
);

export const disbursementSchema = z
  .object({
    date: z.iso.date(),
    amountCny: z.number().nonnegative().max(100_000_000),
    voucherNumber: z.string().trim().min(1).max(64),
  })
  .strict();
export type Disbursement = z.infer<typeof disbursementSchema>;

/** Finance records the payment; the amount must equal the municipal approval (guard `disbursed-amount`). */
export const disbursementStage: StageDefinition = {
  code: 'DISBURSEMENT',
  name: { zh: '资金拨付', en: 'Disbursement' },
  kind: 'review',
  assignee: 'finance',
  deadlineWorkingDays: 20,
  outcomes: ['APPROVE'],
  dataSchema: disbursementSchema,
  guard: 'disbursed-amount',
};

/**
 * The stages after an amount by rule is computed, shared by the programs that pay one (BRAND, SUBSIDY):
 * municipal review (may reduce, may return), the office's ruling on objections, finance's disbursement.
 */
export const amountPaymentStages: readonly StageDefinition[] = [
  amountReviewStage,
  revisionStage('MUNICIPAL_REVISION', {
    zh: '补正材料（市级）',
    en: 'Revision requested by the municipality',
  }),
  objectionReviewStage,
  disbursementStage,
];
