/** Payloads the SUPERVISION state machine sends to its steps; workflows/supervision.asl.json produces them. */
import { z } from 'zod';

const decisionOf = <S extends z.ZodType>(data: S) =>
  z.object({ taskId: z.string(), decidedBy: z.string(), decidedAt: z.string(), data });

/** A unit's progress report, as the decision on its PROGRESS_REPORT task. */
export const recordSupervisionReportEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  decision: decisionOf(z.object({ percentComplete: z.number().int() }).passthrough()),
});
export type RecordSupervisionReportEvent = z.infer<typeof recordSupervisionReportEventSchema>;

/** The office's agreement to reassign, naming the new unit. */
export const reassignSupervisionEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  decision: decisionOf(z.object({ unitCode: z.string() }).passthrough()),
});
export type ReassignSupervisionEvent = z.infer<typeof reassignSupervisionEventSchema>;

/** A long task's current execution hands over to a new one. */
export const continueSupervisionEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
});
export type ContinueSupervisionEvent = z.infer<typeof continueSupervisionEventSchema>;

export const closeSupervisionEventSchema = z.object({
  applicationId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
  status: z.enum(['APPROVED', 'TIMED_OUT']),
  action: z.string().min(1),
});
export type CloseSupervisionEvent = z.infer<typeof closeSupervisionEventSchema>;

/** A scheduled event; nothing in it is read. */
export const superviseOverdueEventSchema = z.object({}).passthrough();
