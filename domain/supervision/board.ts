import { z } from 'zod';
import { reportingPeriodSchema } from './form.ts';

/** What the supervision board shows of one task, kept beside the application and updated by its workflow. */
export const boardEntrySchema = z.object({
  applicationId: z.string(),
  zone: z.string(),
  district: z.string(),
  title: z.string(),
  unitCode: z.string(),
  dueDate: z.string(),
  reportingPeriod: reportingPeriodSchema,
  targetCode: z.string().optional(),
  rag: z.enum(['GREEN', 'YELLOW', 'RED']),
  state: z.enum(['ACTIVE', 'COMPLETED', 'CLOSED']),
  nextReportDate: z.string().optional(),
  reportsSubmitted: z.number().int().nonnegative(),
  /** Reports in the current execution; a long task continues in a new execution past a limit. */
  reportsInExecution: z.number().int().nonnegative(),
  executionStartedOn: z.string(),
  lastPercentComplete: z.number().int().optional(),
  lastReportTaskId: z.string().optional(),
  updatedAt: z.string(),
});
export type BoardEntry = z.infer<typeof boardEntrySchema>;
