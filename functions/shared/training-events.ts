/** Payloads the TRAINING state machine sends to its steps; workflows/training.asl.json produces exactly these. */
import { z } from 'zod';

/** `AT_START`: the wait for a seat ended at the session's start, so the registration closes now. */
export const requestTrainingSeatEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  phase: z.enum(['REQUEST', 'AT_START']),
});
export type RequestTrainingSeatEvent = z.infer<typeof requestTrainingSeatEventSchema>;

/** The callback state of a waitlisted registration: its token is answered by the promotion. */
export const awaitTrainingSeatEventSchema = z.object({
  taskToken: z.string().min(1),
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
});
export type AwaitTrainingSeatEvent = z.infer<typeof awaitTrainingSeatEventSchema>;

/** Why a registration ends without taking part; its seat or waitlist place goes to the next in line. */
export const trainingReleaseReasonSchema = z.enum([
  'EMPLOYER_REJECTED',
  'CONFIRMATION_TIMED_OUT',
  'NOT_ADMITTED',
]);
export type TrainingReleaseReason = z.infer<typeof trainingReleaseReasonSchema>;

export const releaseTrainingSeatEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
  reason: trainingReleaseReasonSchema,
});
export type ReleaseTrainingSeatEvent = z.infer<typeof releaseTrainingSeatEventSchema>;

/** Steps that need the registration only: enrolment, closing at the start, completion. */
export const trainingStepEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
});
export type TrainingStepEvent = z.infer<typeof trainingStepEventSchema>;
