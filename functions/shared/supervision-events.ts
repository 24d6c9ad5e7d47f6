/**
 * Payloads the SUPERVISION state machine sends to its own steps, built on the shared shapes of
 * step-events.ts; workflows/supervision.asl.json produces them.
 */
import { z } from 'zod';
import { closingEventSchema, decisionStepEventSchema } from './step-events.ts';

/** A unit's progress report, as the decision on its PROGRESS_REPORT task. */
export const recordSupervisionReportEventSchema = decisionStepEventSchema(
  z.object({ percentComplete: z.number().int() }).passthrough(),
);
export type RecordSupervisionReportEvent = z.infer<typeof recordSupervisionReportEventSchema>;

/** The office's agreement to reassign, naming the new unit. */
export const reassignSupervisionEventSchema = decisionStepEventSchema(
  z.object({ unitCode: z.string() }).passthrough(),
);
export type ReassignSupervisionEvent = z.infer<typeof reassignSupervisionEventSchema>;

/** Ends a supervision task: off the active board, then the status (APPROVED = completed and accepted). */
export const closeSupervisionEventSchema = closingEventSchema(['APPROVED', 'TIMED_OUT']);
export type CloseSupervisionEvent = z.infer<typeof closeSupervisionEventSchema>;
