/**
 * The single description of every deployable function, HTTP route and state machine.
 * infra/ turns it into AWS resources; local/ turns it into the embedded local cloud.
 * Neither side may add a route, step or machine that is not listed here.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  method: HttpMethod;
  /** API Gateway v2 path syntax: `/applications/{id}`. */
  path: string;
  /** Module `functions/api/<handler>.ts`, exporting `handler`. */
  handler: string;
  /** `jwt`: behind the JWT authorizer; `none`: public. */
  auth: 'jwt' | 'none';
  /** Table access the handler needs; infra grants exactly this. */
  access: 'read' | 'readwrite';
  /** Whether the handler calls the Step Functions API (StartExecution, SendTask*, StopExecution, history). */
  usesWorkflows?: boolean;
  /**
   * Attachment bucket access: `write` presigns uploads (s3:PutObject); `read` checks uploaded objects and
   * presigns downloads (s3:GetObject). Infra grants exactly this and sets the bucket variable.
   */
  attachments?: 'read' | 'write';
}

export const apiRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/programs', handler: 'list-programs', auth: 'jwt', access: 'read' },
  {
    method: 'POST',
    path: '/applications',
    handler: 'create-application',
    auth: 'jwt',
    access: 'readwrite',
    usesWorkflows: true,
    attachments: 'read',
  },
  // Attachments: a presigned upload first, bound to an application when a form naming it is accepted.
  {
    method: 'POST',
    path: '/attachments',
    handler: 'create-attachment-upload',
    auth: 'jwt',
    access: 'readwrite',
    attachments: 'write',
  },
  {
    method: 'GET',
    path: '/applications/{id}/attachments/{attachmentId}',
    handler: 'get-attachment-download',
    auth: 'jwt',
    access: 'read',
    attachments: 'read',
  },
  { method: 'GET', path: '/applications', handler: 'list-applications', auth: 'jwt', access: 'read' },
  { method: 'GET', path: '/applications/{id}', handler: 'get-application', auth: 'jwt', access: 'read' },
  {
    method: 'GET',
    path: '/applications/{id}/certificate',
    handler: 'get-certificate',
    auth: 'jwt',
    access: 'read',
  },
  {
    method: 'GET',
    path: '/applications/{id}/history',
    handler: 'get-application-history',
    auth: 'jwt',
    access: 'read',
    usesWorkflows: true,
  },
  {
    method: 'POST',
    path: '/applications/{id}/resubmit',
    handler: 'resubmit-application',
    auth: 'jwt',
    access: 'readwrite',
    usesWorkflows: true,
    attachments: 'read',
  },
  {
    method: 'POST',
    path: '/applications/{id}/withdraw',
    handler: 'withdraw-application',
    auth: 'jwt',
    access: 'readwrite',
    usesWorkflows: true,
  },
  { method: 'GET', path: '/inbox', handler: 'list-inbox', auth: 'jwt', access: 'read' },
  { method: 'GET', path: '/notifications', handler: 'list-notifications', auth: 'jwt', access: 'read' },
  { method: 'GET', path: '/experts', handler: 'list-experts', auth: 'jwt', access: 'read' },
  { method: 'PUT', path: '/experts/{userId}', handler: 'put-expert', auth: 'jwt', access: 'readwrite' },
  // Credit lists (电商信用体系): bulk import, listing, single entries, an enterprise's status.
  {
    method: 'POST',
    path: '/credit-lists/imports',
    handler: 'import-credit-list',
    auth: 'jwt',
    access: 'readwrite',
  },
  {
    method: 'GET',
    path: '/credit-lists/imports/{id}',
    handler: 'get-credit-import',
    auth: 'jwt',
    access: 'read',
  },
  {
    method: 'GET',
    path: '/credit-lists/{list}',
    handler: 'list-credit-entries',
    auth: 'jwt',
    access: 'read',
  },
  {
    method: 'PUT',
    path: '/credit-lists/{list}/{uscc}',
    handler: 'put-credit-entry',
    auth: 'jwt',
    access: 'readwrite',
  },
  {
    method: 'GET',
    path: '/enterprises/{uscc}/credit',
    handler: 'get-enterprise-credit',
    auth: 'jwt',
    access: 'read',
  },
  // Supervision (督办): the board of active tasks with red / yellow / green.
  {
    method: 'GET',
    path: '/supervision/board',
    handler: 'list-supervision-board',
    auth: 'jwt',
    access: 'read',
  },
  // Audit (审计查询): zone-wide search of every application's audit events, and its Excel export.
  { method: 'GET', path: '/audit', handler: 'list-audit-events', auth: 'jwt', access: 'read' },
  {
    method: 'GET',
    path: '/audit/export.xlsx',
    handler: 'export-audit-events',
    auth: 'jwt',
    access: 'read',
  },
  // Registries (issue 4): enterprises and the policy catalog, maintained by admin and the zone office.
  { method: 'GET', path: '/enterprises', handler: 'list-enterprises', auth: 'jwt', access: 'read' },
  { method: 'GET', path: '/enterprises/{uscc}', handler: 'get-enterprise', auth: 'jwt', access: 'read' },
  {
    method: 'PUT',
    path: '/enterprises/{uscc}',
    handler: 'put-enterprise',
    auth: 'jwt',
    access: 'readwrite',
  },
  { method: 'GET', path: '/policies', handler: 'list-policies', auth: 'jwt', access: 'read' },
  { method: 'GET', path: '/policies/{code}', handler: 'get-policy', auth: 'jwt', access: 'read' },
  {
    method: 'GET',
    path: '/policies/{code}/budget',
    handler: 'get-policy-budget',
    auth: 'jwt',
    access: 'read',
  },
  { method: 'PUT', path: '/policies/{code}', handler: 'put-policy', auth: 'jwt', access: 'readwrite' },
  {
    method: 'PUT',
    path: '/policy-caps/{zone}/{year}',
    handler: 'put-policy-cap',
    auth: 'jwt',
    access: 'readwrite',
  },
  // Statistics (统计监测, issue 5): enterprises' monthly figures (versioned), the dashboard, counter rebuild.
  { method: 'GET', path: '/dashboard', handler: 'get-dashboard', auth: 'jwt', access: 'read' },
  {
    method: 'PUT',
    path: '/statistics/figures/{uscc}/{month}',
    handler: 'put-transaction-figures',
    auth: 'jwt',
    access: 'readwrite',
  },
  {
    method: 'GET',
    path: '/statistics/figures/{uscc}/{month}',
    handler: 'get-transaction-figures',
    auth: 'jwt',
    access: 'read',
  },
  {
    method: 'POST',
    path: '/statistics/rebuild',
    handler: 'rebuild-statistics',
    auth: 'jwt',
    access: 'readwrite',
  },
  { method: 'POST', path: '/tasks/{taskId}/claim', handler: 'claim-task', auth: 'jwt', access: 'readwrite' },
  {
    method: 'POST',
    path: '/tasks/{taskId}/decision',
    handler: 'decide-task',
    auth: 'jwt',
    access: 'readwrite',
    usesWorkflows: true,
    attachments: 'read',
  },
  // Training (人才培训): sessions maintained by admin and the zone office; lists, export, attendance.
  {
    method: 'GET',
    path: '/training/sessions',
    handler: 'list-training-sessions',
    auth: 'jwt',
    access: 'read',
  },
  {
    method: 'GET',
    path: '/training/sessions/{code}',
    handler: 'get-training-session',
    auth: 'jwt',
    access: 'read',
  },
  {
    method: 'PUT',
    path: '/training/sessions/{code}',
    handler: 'put-training-session',
    auth: 'jwt',
    access: 'readwrite',
    usesWorkflows: true,
  },
  {
    method: 'GET',
    path: '/training/sessions/{code}/registrations',
    handler: 'list-training-registrations',
    auth: 'jwt',
    access: 'read',
  },
  {
    method: 'GET',
    path: '/training/sessions/{code}/registrations.xlsx',
    handler: 'export-training-registrations',
    auth: 'jwt',
    access: 'read',
  },
  {
    method: 'PUT',
    path: '/training/sessions/{code}/attendance/{date}',
    handler: 'put-training-attendance',
    auth: 'jwt',
    access: 'readwrite',
  },
  // Public notice (公示): read and object without signing in.
  { method: 'GET', path: '/public/notices', handler: 'list-public-notices', auth: 'none', access: 'read' },
  {
    method: 'POST',
    path: '/public/notices/{id}/objections',
    handler: 'create-objection',
    auth: 'none',
    access: 'readwrite',
  },
];

export interface StepFunctionDef {
  /** Module `functions/steps/<name>.ts`, exporting `handler`. */
  name: string;
  /** ASL placeholder that receives this function's ARN, e.g. `CreateHumanTaskFunctionArn`. */
  substitution: string;
  usesWorkflows?: boolean;
}

export const stepFunctions: readonly StepFunctionDef[] = [
  { name: 'create-human-task', substitution: 'CreateHumanTaskFunctionArn' },
  { name: 'open-supervision', substitution: 'OpenSupervisionFunctionArn' },
  { name: 'plan-supervision', substitution: 'PlanSupervisionFunctionArn' },
  { name: 'record-supervision-report', substitution: 'RecordSupervisionReportFunctionArn' },
  { name: 'reassign-supervision-unit', substitution: 'ReassignSupervisionUnitFunctionArn' },
  {
    name: 'continue-supervision',
    substitution: 'ContinueSupervisionFunctionArn',
    usesWorkflows: true,
  },
  { name: 'close-supervision', substitution: 'CloseSupervisionFunctionArn' },
  { name: 'record-transition', substitution: 'RecordTransitionFunctionArn' },
  { name: 'check-park-criteria', substitution: 'CheckParkCriteriaFunctionArn' },
  { name: 'issue-certificate', substitution: 'IssueCertificateFunctionArn' },
  { name: 'draw-expert-panel', substitution: 'DrawExpertPanelFunctionArn' },
  { name: 'open-public-notice', substitution: 'OpenPublicNoticeFunctionArn' },
  { name: 'close-public-notice', substitution: 'ClosePublicNoticeFunctionArn' },
  { name: 'record-objection-rulings', substitution: 'RecordObjectionRulingsFunctionArn' },
  { name: 'check-subsidy-eligibility', substitution: 'CheckSubsidyEligibilityFunctionArn' },
  { name: 'hold-subsidy-claim', substitution: 'HoldSubsidyClaimFunctionArn' },
  { name: 'apply-approved-amount', substitution: 'ApplyApprovedAmountFunctionArn' },
  { name: 'commit-subsidy-claim', substitution: 'CommitSubsidyClaimFunctionArn' },
  { name: 'close-subsidy-claim', substitution: 'CloseSubsidyClaimFunctionArn' },
  { name: 'request-training-seat', substitution: 'RequestTrainingSeatFunctionArn', usesWorkflows: true },
  { name: 'await-training-seat', substitution: 'AwaitTrainingSeatFunctionArn', usesWorkflows: true },
  { name: 'release-training-seat', substitution: 'ReleaseTrainingSeatFunctionArn', usesWorkflows: true },
  { name: 'enroll-training-registration', substitution: 'EnrollTrainingRegistrationFunctionArn' },
  { name: 'close-training-registration', substitution: 'CloseTrainingRegistrationFunctionArn' },
  { name: 'evaluate-training-completion', substitution: 'EvaluateTrainingCompletionFunctionArn' },
];

export interface ScheduledFunctionDef {
  /** Module `functions/steps/<name>.ts`. */
  name: string;
  rateMinutes: number;
  usesWorkflows?: boolean;
}

export const scheduledFunctions: readonly ScheduledFunctionDef[] = [
  { name: 'redeliver-decisions', rateMinutes: 5, usesWorkflows: true },
  { name: 'send-expiry-reminders', rateMinutes: 1440 },
  { name: 'escalate-overdue-tasks', rateMinutes: 15 },
  { name: 'supervise-overdue', rateMinutes: 60 },
];

export interface StateMachineDef {
  /** Program code the machine runs; also the environment-variable suffix of its ARN. */
  program: string;
  /** File `workflows/<file>`. */
  file: string;
}

export const stateMachines: readonly StateMachineDef[] = [
  { program: 'PARK_CERT', file: 'park-cert.asl.json' },
  { program: 'BRAND', file: 'brand.asl.json' },
  { program: 'SUPERVISION', file: 'supervision.asl.json' },
  { program: 'SUBSIDY', file: 'subsidy.asl.json' },
  { program: 'TRAINING', file: 'training.asl.json' },
];

/** Substitutions every machine gets besides the step-function ARNs. */
export const commonSubstitutions = ['TableName'] as const;

/** Environment variable that carries a program's state machine ARN to the functions. */
export const stateMachineArnVariable = (program: string): string => `STATE_MACHINE_ARN_${program}`;

export const TABLE_NAME_VARIABLE = 'TABLE_NAME';
/** The attachment bucket's name, set only on functions whose route declares `attachments`. */
export const ATTACHMENTS_BUCKET_VARIABLE = 'ATTACHMENTS_BUCKET';
/** Every attachment object's key starts with this; the functions' grants cover this prefix only. */
export const ATTACHMENT_KEY_PREFIX = 'attachments/';

/** The one DynamoDB table: generic keys, overloaded by item type (see docs/architecture.md). */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Time-to-live attribute (idempotency records, expired tokens). */
  ttlAttribute: 'expiresAt',
  indexes: [
    /** Inbox: open human tasks by assignee queue, ordered by due date. Sparse: only open tasks carry it. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /**
     * Ownership and per-zone listings: an organization's applications, an application's tasks and sequence
     * numbers, registries per zone, deadline watches, certificates by expiry, audit events per zone and month.
     * Every reader queries one exact partition, and the partition names' prefixes differ by item type.
     */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;
