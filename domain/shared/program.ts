import { z } from 'zod';
import type { CreditStatus } from '../registry/credit.ts';
import type { Enterprise } from '../registry/enterprise.ts';
import type { Policy } from '../subsidy/policy.ts';
import type { TrainingSession } from '../training/session.ts';
import type { Role } from './roles.ts';

export const localizedTextSchema = z.object({ zh: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** `SUBMIT` answers a data-collecting step (e.g. an expert's scores) that approves nothing by itself. */
export const decisionOutcomeSchema = z.enum(['APPROVE', 'REJECT', 'RETURN', 'SUBMIT']);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

export interface StageDefinition {
  /** Stable code used by the state machine, e.g. `DISTRICT_REVIEW`. */
  code: string;
  name: LocalizedText;
  /**
   * `review`: a reviewer decides; `revision`: the applicant answers a return by resubmitting;
   * `panel`: every member of the application's expert panel submits, and the panel's result is the decision.
   */
  kind: 'review' | 'revision' | 'panel';
  /**
   * Who answers: a role (queued within that role's scope), the applicant's organization, the panel, or a
   * participant: another organization the application names (an employer, a responsible unit), given by
   * `participantOf`; it may read the application from then on.
   */
  assignee: Role | 'applicant' | 'panel' | 'participant';
  /** For `assignee: 'participant'`: the organization and the role its users act in. */
  participantOf?: (application: {
    form: Record<string, unknown>;
  }) => { role: Role; orgId: string } | undefined;
  deadlineWorkingDays: number;
  /** Outcomes a reviewer may choose at this stage (revision stages are answered by resubmission). */
  outcomes: readonly DecisionOutcome[];
  /** Structured record the decision must carry, e.g. a site inspection's findings or an expert's scores. */
  dataSchema?: z.ZodType<Record<string, unknown>>;
  /** Consistency of outcome and data, e.g. only a passed inspection may be approved. */
  checkDecision?: (
    outcome: DecisionOutcome,
    data: Record<string, unknown> | undefined,
  ) => LocalizedText | undefined;
  /** Named check that needs stored data (registered in functions/shared/decision-guards.ts). */
  guard?: string;
}

export interface ExpertPanelDefinition {
  defaultSize: number;
  criteria: readonly { code: string; name: LocalizedText; maxScore: number }[];
  /** The panel passes when the average of the members' totals reaches this. */
  passAverage: number;
}

/** Lookups a program's submission check may use; functions/ implements them over the table. */
export interface SubmissionPorts {
  findCertificate(number: string): Promise<CertificateRecord | undefined>;
  /** The enterprise registry (企业名录) entry, when the USCC is registered. */
  findEnterprise(uscc: string): Promise<Enterprise | undefined>;
  /** The organization's applications to a program, e.g. for an annual cap across them. */
  applicationsOfOrg(orgId: string, program: string): Promise<ApplicationSummary[]>;
  /** A policy of the catalog (drafts included: the check decides what is open). */
  findPolicy(code: string): Promise<Policy | undefined>;
  /** The zone-wide annual cap per enterprise across all policies of a year, when the office set one. */
  findZoneCap(zone: string, year: number): Promise<number | undefined>;
  /** The enterprise's credit status in a zone on a day, with the reasons of the deciding entries. */
  creditOf(uscc: string, zone: string, today: string): Promise<{ status: CreditStatus; reasons: string[] }>;
  /** What the enterprise already holds or was granted this policy year: under the policy and zone-wide. */
  subsidyUsage(
    uscc: string,
    policy: Pick<Policy, 'code' | 'zone' | 'year'>,
    excludingClaimId?: string,
  ): Promise<{ underPolicyCny: number; allPoliciesCny: number }>;
  /** A training session by its code (TRAINING registrations). */
  findTrainingSession(code: string): Promise<TrainingSession | undefined>;
}

export interface ApplicationSummary {
  id: string;
  status: ApplicationStatus;
  createdAt: string;
  assessment?: Record<string, unknown>;
}

export interface ApplicationOwner {
  orgId: string;
  orgName?: string;
  zone: string;
  district: string;
}

/** A key a program allows only once across its live applications, e.g. one (mark, market, type). */
export interface UniqueKey {
  key: string;
  /** Shown when another live application already holds the key. */
  duplicate: LocalizedText;
}

export interface CertificateRecord {
  number: string;
  applicationId: string;
  program: string;
  variant: string;
  orgId: string;
  zone: string;
  district: string;
  title: string;
  validFrom: string;
  validUntil: string;
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

/** Who submits, as the submission hooks see them. */
export interface SubmissionApplicant {
  orgId: string;
  today: string;
}

/**
 * Everything the generic machinery needs to run a program. Adding a program means writing one of these
 * plus a state machine; nothing generic changes. `Facts` is what the program's `facts` loader reads for
 * its submission hooks.
 */
export interface ProgramDefinition<Form = unknown, Facts = unknown> {
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
  expertPanel?: ExpertPanelDefinition;
  /** Working days of public notice (公示), when the program has one. */
  publicNoticeWorkingDays?: number;
  /**
   * Reads the stored data the submission hooks need, once per submission: `submissionCheck` and `assess`
   * both receive the result (undefined for a program without a loader).
   */
  facts?: (form: Form, applicant: SubmissionApplicant, ports: SubmissionPorts) => Promise<Facts>;
  /** Refuses a submission that violates a rule needing stored data; returns the reason. */
  submissionCheck?: (
    form: Form,
    applicant: SubmissionApplicant,
    ports: SubmissionPorts,
    facts: Facts,
  ) => Promise<LocalizedText | undefined>;
  /**
   * Keys claimed at submission with conditional writes: a second live application with one of them is
   * refused (409). A key held by a rejected, withdrawn or timed-out application is free again.
   */
  uniqueKeys?: (form: Form) => UniqueKey[];
  /**
   * Whose application it is, when not the submitter's own organization: e.g. a supervision task created by
   * the office and owned by the responsible unit. Returns the owner, or the reason to refuse.
   */
  ownerOf?: (
    form: Form,
    creator: { zone?: string | undefined; district?: string | undefined; orgId?: string | undefined },
  ) => ApplicationOwner | { refused: LocalizedText };
  /** Computed at submission and stored as the application's `assessment`, e.g. the amount by rule. */
  assess?: (
    form: Form,
    applicant: SubmissionApplicant,
    ports: SubmissionPorts,
    facts: Facts,
  ) => Promise<Record<string, unknown>>;
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
