import { z } from 'zod';
import { applicationStatusSchema, decisionOutcomeSchema, localizedTextSchema } from './program.ts';

export const certificateSchema = z.object({
  number: z.string(),
  sequence: z.number().int().positive(),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const applicationSchema = z.object({
  id: z.string(),
  program: z.string(),
  variant: z.string(),
  title: z.string(),
  orgId: z.string(),
  orgName: z.string().optional(),
  applicantId: z.string(),
  zone: z.string(),
  district: z.string(),
  status: applicationStatusSchema,
  stage: z.string().optional(),
  form: z.record(z.string(), z.unknown()),
  /** How many times the applicant resubmitted after a return. */
  revision: z.number().int().nonnegative(),
  /** Optimistic-concurrency counter, bumped by every write. */
  version: z.number().int().positive(),
  executionArn: z.string().optional(),
  /** Earlier executions of a long-running workflow that continued in a new one (newest last). */
  previousExecutions: z.array(z.string()).optional(),
  criteria: z.object({ passed: z.boolean(), reasons: z.array(localizedTextSchema) }).optional(),
  certificate: certificateSchema.optional(),
  /** Members of the expert panel, who may read this application. */
  experts: z.array(z.string()).optional(),
  /** Other organizations with a step in it (an employer, a responsible unit), who may read it. */
  participants: z.array(z.string()).optional(),
  /** What the program computed at submission (`ProgramDefinition.assess`), e.g. an amount by rule. */
  assessment: z.record(z.string(), z.unknown()).optional(),
  /** Why the workflow closed the application without approving it, when a rule (not a person) decided. */
  closingReasons: z.array(localizedTextSchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Application = z.infer<typeof applicationSchema>;

export const taskStatusSchema = z.enum(['OPEN', 'CLAIMED', 'DECIDED', 'COMPLETED', 'CANCELLED', 'ORPHANED']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** A human step of a workflow, created from a callback state and answered through the API. */
export const humanTaskSchema = z.object({
  taskId: z.string(),
  applicationId: z.string(),
  program: z.string(),
  stage: z.string(),
  /** `panel`: the panel's own task, holding the workflow token; `panel-member`: one expert's part of it. */
  kind: z.enum(['review', 'revision', 'panel', 'panel-member']),
  title: z.string(),
  /** Inbox queue the task sits in while open, e.g. `Q#district_reviewer#wuhu#jinghu`. */
  queue: z.string(),
  assigneeRole: z.string(),
  /** For tasks addressed to one person, e.g. an expert. */
  assigneeUserId: z.string().optional(),
  parentTaskId: z.string().optional(),
  /** Set when the deadline passed and the task was escalated to the leading-group office. */
  overdue: z.boolean().optional(),
  zone: z.string(),
  district: z.string(),
  orgId: z.string(),
  status: taskStatusSchema,
  createdAt: z.string(),
  dueAt: z.string(),
  claimedBy: z.string().optional(),
  claimedAt: z.string().optional(),
  decision: z
    .object({
      outcome: z.union([decisionOutcomeSchema, z.literal('RESUBMITTED')]),
      comment: z.string().optional(),
      data: z.record(z.string(), z.unknown()).optional(),
      decidedBy: z.string(),
      decidedByRole: z.string(),
      /** The decider's display name, so later steps can name them in the audit trail. */
      decidedByName: z.string().optional(),
      decidedAt: z.string(),
    })
    .optional(),
  deliveredAt: z.string().optional(),
  deliveryAttempts: z.number().int().nonnegative().optional(),
  version: z.number().int().positive(),
});
export type HumanTask = z.infer<typeof humanTaskSchema>;

/** What the state machine receives when a human step ends. */
export const taskResultSchema = z.object({
  taskId: z.string(),
  outcome: z.union([decisionOutcomeSchema, z.literal('RESUBMITTED')]),
  comment: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type TaskResult = z.infer<typeof taskResultSchema>;
