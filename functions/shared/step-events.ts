/** Payloads the state machines send to the step functions; the ASL files must produce exactly these. */
import { z } from 'zod';
import { type ApplicationStatus, applicationStatusSchema } from '../../domain/shared/program.ts';

/** A step about one application in one execution; the other step payloads extend it. */
export const applicationStepEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
});
export type ApplicationStepEvent = z.infer<typeof applicationStepEventSchema>;

/**
 * The decision of the human task before a step, as the state machine hands it on (`"decision.$":
 * "$.decision"`; shared/decisions.ts delivers it), with the stage's own data.
 */
export const stepDecisionSchema = <Data extends z.ZodType>(data: Data) =>
  z.object({
    taskId: z.string(),
    decidedBy: z.string(),
    decidedByName: z.string().optional(),
    decidedAt: z.string(),
    data,
  });

/** A step that acts on the decision of the human task before it. */
export const decisionStepEventSchema = <Data extends z.ZodType>(data: Data) =>
  applicationStepEventSchema.extend({ decision: stepDecisionSchema(data) });

/** A scheduled event from EventBridge (or the local cloud's timer, or `{}` from a test); nothing in it is read. */
export const scheduledEventSchema = z.object({}).passthrough();
export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;

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

/**
 * A workflow state that closes the application with one of `statuses`: the program's close hook runs
 * before the status is recorded (shared/program-compensations.ts).
 */
export const closingEventSchema = <
  const Statuses extends readonly [ApplicationStatus, ...ApplicationStatus[]],
>(
  statuses: Statuses,
) => recordTransitionEventSchema.extend({ status: z.enum(statuses) });

export const redeliverDecisionsEventSchema = z
  .object({ graceMs: z.number().int().nonnegative().optional() })
  .passthrough();
export type RedeliverDecisionsEvent = z.infer<typeof redeliverDecisionsEventSchema>;

/** After the municipal decision that called for the panel; its data may set the panel size. */
export const drawExpertPanelEventSchema = decisionStepEventSchema(
  z
    .object({ panelSize: z.number().int().min(1).max(15).optional() })
    .passthrough()
    .optional(),
);
export type DrawExpertPanelEvent = z.infer<typeof drawExpertPanelEventSchema>;

export const recordRulingsEventSchema = decisionStepEventSchema(z.record(z.string(), z.unknown()));
export type RecordRulingsEvent = z.infer<typeof recordRulingsEventSchema>;

/** The SUBSIDY eligibility check: when the workflow starts, and again before disbursement. */
export const checkSubsidyEligibilityEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  phase: z.enum(['START', 'DISBURSEMENT']),
});
export type CheckSubsidyEligibilityEvent = z.infer<typeof checkSubsidyEligibilityEventSchema>;

/** The municipal approval whose amount the claim's holds are lowered to. */
export const applyApprovedAmountEventSchema = decisionStepEventSchema(
  z
    .object({ approvedAmountCny: z.number().int().nonnegative(), reason: z.string().optional() })
    .passthrough(),
);
export type ApplyApprovedAmountEvent = z.infer<typeof applyApprovedAmountEventSchema>;

/** Ends a SUBSIDY claim that is not paid: its holds are given back, then the status is recorded. */
export const closeSubsidyClaimEventSchema = closingEventSchema(['REJECTED', 'TIMED_OUT']);
export type CloseSubsidyClaimEvent = z.infer<typeof closeSubsidyClaimEventSchema>;
