import { z } from 'zod';
import { attachedFileFields } from '../shared/attachment.ts';
import { commentSchema } from '../shared/requests.ts';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const reportingPeriodSchema = z.enum(['WEEKLY', 'MONTHLY', 'QUARTERLY']);
export type ReportingPeriod = z.infer<typeof reportingPeriodSchema>;

/** A supervision task (督办事项) as the leading-group office creates it for a responsible unit. */
export const supervisionFormSchema = z
  .object({
    title: text(4, 100),
    description: text(10, 2_000),
    /** A responsible unit of the office's zone (domain/supervision/units.ts). */
    unitCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/),
    dueDate: z.iso.date(),
    reportingPeriod: reportingPeriodSchema,
    /** The zone target the task serves (domain/shared/zones.ts), when there is one. */
    targetCode: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .optional(),
  })
  .strict();
export type SupervisionForm = z.infer<typeof supervisionFormSchema>;

/** The office's answer to a unit's request to reassign: the new unit when it agrees. */
export const reassignmentSchema = z
  .object({
    unitCode: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,39}$/)
      .optional(),
  })
  .strict();
export type Reassignment = z.infer<typeof reassignmentSchema>;

/** A unit's report for one period. */
export const progressReportSchema = z
  .object({
    summary: text(5, 5_000),
    percentComplete: z.number().int().min(0).max(100),
    issues: commentSchema.optional(),
  })
  .strict();
export type ProgressReport = z.infer<typeof progressReportSchema>;

/** The unit's completion, with the evidence the office checks. */
export const completionSchema = z
  .object({
    summary: text(5, 5_000),
    evidence: z
      .array(z.object({ ...attachedFileFields, description: text(1, 500).optional() }).strict())
      .min(1)
      .max(50),
  })
  .strict();
export type Completion = z.infer<typeof completionSchema>;
