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
