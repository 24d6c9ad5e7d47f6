/** Payloads the state machines send to the step functions; the ASL files must produce exactly these. */
import { z } from 'zod';
import { applicationStatusSchema } from '../../domain/shared/program.ts';

export const checkParkCriteriaEventSchema = z.object({ applicationId: z.string().min(1) });
export type CheckParkCriteriaEvent = z.infer<typeof checkParkCriteriaEventSchema>;

export const createHumanTaskEventSchema = z.object({
  taskToken: z.string().min(1),
  applicationId: z.string().min(1),
  stage: z.string().min(1),
  executionArn: z.string().min(1),
});
export type CreateHumanTaskEvent = z.infer<typeof createHumanTaskEventSchema>;

export const issueCertificateEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
});
export type IssueCertificateEvent = z.infer<typeof issueCertificateEventSchema>;

export const recordTransitionEventSchema = z.object({
  applicationId: z.string().min(1),
  status: applicationStatusSchema,
  action: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
  reason: z.string().optional(),
});
export type RecordTransitionEvent = z.infer<typeof recordTransitionEventSchema>;

export const redeliverDecisionsEventSchema = z
  .object({ graceMs: z.number().int().nonnegative().optional() })
  .passthrough();
export type RedeliverDecisionsEvent = z.infer<typeof redeliverDecisionsEventSchema>;

export const drawExpertPanelEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  /** The municipal decision that called for the panel; its data may set the panel size. */
  decision: z.object({
    decidedBy: z.string(),
    data: z
      .object({ panelSize: z.number().int().min(1).max(15).optional() })
      .passthrough()
      .optional(),
  }),
});
export type DrawExpertPanelEvent = z.infer<typeof drawExpertPanelEventSchema>;

export const applicationStepEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
});
export type ApplicationStepEvent = z.infer<typeof applicationStepEventSchema>;

export const recordRulingsEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  decision: z.object({
    decidedBy: z.string(),
    decidedAt: z.string(),
    data: z.record(z.string(), z.unknown()),
  }),
});
export type RecordRulingsEvent = z.infer<typeof recordRulingsEventSchema>;

/** The daily certificate-expiry sweep: an EventBridge scheduled event (or `{}` from a test); nothing in it is read. */
export const sendExpiryRemindersEventSchema = z.object({}).passthrough();
export type SendExpiryRemindersEvent = z.infer<typeof sendExpiryRemindersEventSchema>;

/** A scheduled event from EventBridge (or the local cloud's timer); nothing in it is needed. */
export const escalateOverdueTasksEventSchema = z.object({}).passthrough();
export type EscalateOverdueTasksEvent = z.infer<typeof escalateOverdueTasksEventSchema>;

/** The SUBSIDY eligibility check: when the workflow starts, and again before disbursement. */
export const checkSubsidyEligibilityEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  phase: z.enum(['START', 'DISBURSEMENT']),
});
export type CheckSubsidyEligibilityEvent = z.infer<typeof checkSubsidyEligibilityEventSchema>;

/** The municipal approval whose amount the claim's holds are lowered to. */
export const applyApprovedAmountEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  decision: z.object({
    taskId: z.string(),
    decidedBy: z.string(),
    data: z
      .object({ approvedAmountCny: z.number().int().nonnegative(), reason: z.string().optional() })
      .passthrough(),
  }),
});
export type ApplyApprovedAmountEvent = z.infer<typeof applyApprovedAmountEventSchema>;

/** Ends a SUBSIDY claim that is not paid: its holds are given back, then the status is recorded. */
export const closeSubsidyClaimEventSchema = recordTransitionEventSchema.extend({
  status: z.enum(['REJECTED', 'TIMED_OUT']),
});
export type CloseSubsidyClaimEvent = z.infer<typeof closeSubsidyClaimEventSchema>;
