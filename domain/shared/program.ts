import { z } from 'zod';
import type { Role } from './roles.ts';

export const localizedTextSchema = z.object({ zh: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const decisionOutcomeSchema = z.enum(['APPROVE', 'REJECT', 'RETURN']);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

export interface StageDefinition {
  /** Stable code used by the state machine, e.g. `DISTRICT_REVIEW`. */
  code: string;
  name: LocalizedText;
  /** `review`: a reviewer decides; `revision`: the applicant answers a return by resubmitting. */
  kind: 'review' | 'revision';
  /** Who answers: a role (queued within that role's scope) or the applicant's own organization. */
  assignee: Role | 'applicant';
  deadlineWorkingDays: number;
  /** Outcomes a reviewer may choose at this stage (revision stages are answered by resubmission). */
  outcomes: readonly DecisionOutcome[];
}

export interface CertificateDefinition {
  /** Printed before the sequence number, e.g. `WH-PARK-M-2026-0001`. */
  numberPrefix: (scope: CertificateScope) => string;
  validityYears: number;
}

export interface CertificateScope {
  zone: string;
  variant: string;
  year: number;
}

/**
 * Everything the generic machinery needs to run a program. Adding a program means writing one of these
 * plus a state machine; nothing generic changes.
 */
export interface ProgramDefinition<Form = unknown> {
  code: string;
  name: LocalizedText;
  applicantRole: Role;
  formSchema: z.ZodType<Form>;
  /** A sub-kind that separates sequences and thresholds, e.g. the certification level. */
  variantOf: (form: Form) => string;
  /** Short human title of an application, shown in inboxes. */
  titleOf: (form: Form) => string;
  stages: readonly StageDefinition[];
  certificate?: CertificateDefinition;
}

export const findStage = (program: ProgramDefinition, stageCode: string): StageDefinition | undefined =>
  program.stages.find((stage) => stage.code === stageCode);

/** Application lifecycle states shared by every program. */
export const applicationStatusSchema = z.enum([
  'SUBMITTED',
  'IN_REVIEW',
  'RETURNED',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
  'TIMED_OUT',
]);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

export const terminalStatuses: readonly ApplicationStatus[] = [
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
  'TIMED_OUT',
];
export const isTerminalStatus = (status: ApplicationStatus): boolean => terminalStatuses.includes(status);
