import type { AssigneeScope } from '../../domain/shared/roles.ts';

/** Key layout of the single table; see docs/architecture.md for the access patterns behind it. */
export const keys = {
  application: (id: string) => ({ pk: `APP#${id}`, sk: 'META' }),
  applicationsOfOrg: (orgId: string) => `ORG#${orgId}`,
  applicationOrgSort: (createdAt: string, id: string) => `APP#${createdAt}#${id}`,
  auditPrefix: 'AUDIT#',
  auditEvent: (applicationId: string, seq: number) => ({
    pk: `APP#${applicationId}`,
    sk: `AUDIT#${String(seq).padStart(8, '0')}`,
  }),
  /**
   * Audit events of a zone in one China month (`YYYY-MM`), on gsi2, for the zone-wide audit search. One
   * partition per month, so none grows without bound and a period reads only the months it covers.
   */
  auditOfZoneMonth: (zone: string, month: string) => `AUDIT#${zone}#${month}`,
  /** Time first, then application and sequence: unique per event, so a page boundary is exact. */
  auditZoneSort: (at: string, applicationId: string, seq: number) =>
    `${at}#${applicationId}#${String(seq).padStart(8, '0')}`,
  /** An uploaded file, keyed by its own id: it exists before the application that will name it. */
  attachment: (id: string) => ({ pk: `ATTACHMENT#${id}`, sk: 'ATTACHMENT' }),
  task: (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'TASK' }),
  tasksOfApplication: (applicationId: string) => `APP#${applicationId}`,
  taskApplicationSort: (createdAt: string, taskId: string) => `TASK#${createdAt}#${taskId}`,
  inboxSort: (dueAt: string, taskId: string) => `${dueAt}#${taskId}`,
  /** Decided tasks whose decision has not reached the workflow yet (sparse, on gsi1). */
  undeliveredQueue: 'Q#UNDELIVERED',
  /**
   * Panel members' scores whose request has not finished its follow-ups yet (audit event, the panel's
   * completion); sparse, on gsi1. The redelivery sweep finishes what a failed request left.
   */
  scoredQueue: 'Q#PANEL_SCORED',
  sequencePartition: (name: string) => `SEQ#${name}`,
  sequenceNumber: (value: number) => `NO#${String(value).padStart(8, '0')}`,
  sequenceOwner: (applicationId: string) => `APP#${applicationId}`,
  config: (name: string) => ({ pk: 'CONFIG', sk: name }),
  expert: (userId: string) => ({ pk: `EXPERT#${userId}`, sk: 'EXPERT' }),
  expertsOfZone: (zone: string) => `EXPERTS#${zone}`,
  expertSort: (userId: string) => `EXPERT#${userId}`,
  /** Enterprise registry: one item per USCC, listed per zone on gsi2. */
  enterprise: (uscc: string) => ({ pk: `ENT#${uscc}`, sk: 'ENTERPRISE' }),
  enterprisesOfZone: (zone: string) => `ENTERPRISES#${zone}`,
  enterpriseSort: (uscc: string) => `ENT#${uscc}`,
  /** Policy catalog: one item per policy code, listed per zone on gsi2, by year then code. */
  policy: (code: string) => ({ pk: `POLICY#${code}`, sk: 'POLICY' }),
  policiesOfZone: (zone: string) => `POLICIES#${zone}`,
  policySort: (year: number, code: string) => `${year}#${code}`,
  policyYearPrefix: (year: number) => `${year}#`,
  /** The zone-wide per-enterprise annual cap across all policies of a year. */
  policyCap: (zone: string, year: number) => ({ pk: 'CONFIG', sk: `POLICY_CAP#${zone}#${year}` }),
  /** A policy's budget ledger: one item, so every reservation is a single conditional write. */
  budget: (policyCode: string) => ({ pk: `POLICY#${policyCode}`, sk: 'BUDGET' }),
  /** An enterprise's annual allowance under one policy (the policy's per-enterprise cap), as a ledger. */
  policyAllowance: (policyCode: string, uscc: string) => ({
    pk: `POLICY#${policyCode}`,
    sk: `ALLOWANCE#${uscc}`,
  }),
  /** An enterprise's allowance across all of a zone's policies of a year (the zone-wide cap), as a ledger. */
  zoneAllowance: (zone: string, year: number, uscc: string) => ({
    pk: `ZONE_ALLOWANCE#${zone}#${year}`,
    sk: `ALLOWANCE#${uscc}`,
  }),
  /**
   * A training session: one item holding its definition, its seats and its waitlist, so that taking a seat,
   * joining the waitlist and promoting are each one conditional write. Listed per zone on gsi2, by start.
   */
  trainingSession: (code: string) => ({ pk: `TRAINING#${code}`, sk: 'SESSION' }),
  trainingSessionsOfZone: (zone: string) => `TRAINING_SESSIONS#${zone}`,
  trainingSessionSort: (startsAt: string, code: string) => `${startsAt}#${code}`,
  /** A session's registration list (roster) and its attendance, one item per registration and per day. */
  trainingSessionPartition: (code: string) => `TRAINING#${code}`,
  trainingRosterPrefix: 'REG#',
  trainingRosterEntry: (code: string, registrationId: string) => ({
    pk: `TRAINING#${code}`,
    sk: `REG#${registrationId}`,
  }),
  trainingAttendancePrefix: 'DAY#',
  trainingAttendanceDay: (code: string, date: string) => ({ pk: `TRAINING#${code}`, sk: `DAY#${date}` }),
  /** The callback token of a waitlisted registration's workflow, which a promotion answers. */
  trainingSeatWaiter: (registrationId: string) => ({ pk: `APP#${registrationId}`, sk: 'SEAT_WAITER' }),
  panel: (applicationId: string) => ({ pk: `APP#${applicationId}`, sk: 'PANEL' }),
  /** Statistics counters: one item per (zone, district), all of a zone's in one partition. */
  statisticsOfZone: (zone: string) => `STATS#${zone}`,
  statisticsDistrictPrefix: 'DISTRICT#',
  statisticsCounters: (zone: string, district: string) => ({
    pk: `STATS#${zone}`,
    sk: `DISTRICT#${district}`,
  }),
  /** Marks an organization counted once for a certificate program and variant (distinct parks). */
  certifiedMark: (zone: string, program: string, variant: string, orgId: string) => ({
    pk: `STATS_MARK#${zone}`,
    sk: `CERTIFIED#${program}#${variant}#${orgId}`,
  }),
  /** An enterprise's monthly transaction figures: every version one immutable item. */
  figuresOf: (uscc: string) => `FIGURES#${uscc}`,
  figureVersionsPrefix: (month: string) => `MONTH#${month}#V#`,
  figureVersion: (uscc: string, month: string, version: number) => ({
    pk: `FIGURES#${uscc}`,
    sk: `MONTH#${month}#V#${String(version).padStart(4, '0')}`,
  }),
  /** An enterprise's running total for a year, and the scope its figures count in. */
  figureYear: (uscc: string, year: number) => ({ pk: `FIGURES#${uscc}`, sk: `YEAR#${year}` }),
  certificate: (number: string) => ({ pk: `CERT#${number}`, sk: 'CERT' }),
  certificatesByExpiry: 'CERT_EXPIRY',
  /** A supervision task's board entry (red / yellow / green); while active, on gsi1 under its zone. */
  supervision: (applicationId: string) => ({ pk: `APP#${applicationId}`, sk: 'SUPERVISION' }),
  supervisionBoard: (zone: string) => `SUPERVISION#${zone}`,
  supervisionBoardSort: (dueDate: string, applicationId: string) => `${dueDate}#${applicationId}`,
  notificationsOf: (recipient: string) => `NOTIFY#${recipient}`,
  notification: (recipient: string, id: string) => ({ pk: `NOTIFY#${recipient}`, sk: `N#${id}` }),
  /** A task's deadline watch: on gsi2 under `deadlineWatches`, ordered by when it next needs attention. */
  deadlineWatch: (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'WATCH' }),
  deadlineWatches: 'DEADLINE',
  /** The copy of an overdue task in the leading-group office's inbox. */
  escalation: (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'ESCALATION' }),
  /** An application's public notice; while open it is listed on gsi1 under `publicNoticeQueue`. */
  notice: (applicationId: string) => ({ pk: `APP#${applicationId}`, sk: 'NOTICE' }),
  publicNoticeQueue: 'PUBLIC_NOTICE',
  noticeSort: (endsAt: string, applicationId: string) => `${endsAt}#${applicationId}`,
  objectionPrefix: 'OBJECTION#',
  objection: (applicationId: string, receivedAt: string, objectionId: string) => ({
    pk: `APP#${applicationId}`,
    sk: `OBJECTION#${receivedAt}#${objectionId}`,
  }),
  /** Fixed-window request counter for rate limits, expired by TTL. */
  rateWindow: (purpose: string, client: string, window: string) => ({
    pk: `RATE#${purpose}#${client}`,
    sk: window,
  }),
  /** Credit-list entries: all of one enterprise under one partition; `origin` is `MANUAL` or `IMPORT#<id>`. */
  creditEntry: (uscc: string, list: string, zone: string, origin: string) => ({
    pk: `CREDIT#${uscc}`,
    sk: `ENTRY#${list}#${zone}#${origin}`,
  }),
  creditEntriesOf: (uscc: string) => `CREDIT#${uscc}`,
  creditEntryPrefix: 'ENTRY#',
  /** A list's entries in one zone, on gsi2, by USCC. */
  creditListOfZone: (list: string, zone: string) => `CREDITLIST#${list}#${zone}`,
  creditListSort: (uscc: string, origin: string) => `${uscc}#${origin}`,
  creditImport: (id: string) => ({ pk: `CREDIT_IMPORT#${id}`, sk: 'IMPORT' }),
};

export interface QueueScope {
  zone?: string | undefined;
  district?: string | undefined;
  orgId?: string | undefined;
  userId?: string | undefined;
}

/** The inbox queue a task goes to, or a caller reads from. Returns undefined when the scope is incomplete. */
export const inboxQueue = (role: string, scope: AssigneeScope, where: QueueScope): string | undefined => {
  switch (scope) {
    case 'organization':
      return where.orgId ? `Q#ORG#${where.orgId}` : undefined;
    case 'user':
      return where.userId ? `Q#USER#${where.userId}` : undefined;
    case 'province':
      return `Q#${role}`;
    case 'zone':
      return where.zone ? `Q#${role}#${where.zone}` : undefined;
    case 'district':
      return where.zone && where.district ? `Q#${role}#${where.zone}#${where.district}` : undefined;
  }
};
