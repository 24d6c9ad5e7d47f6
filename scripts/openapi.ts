import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parkCertificationFormSchema } from '../domain/park/form.ts';
import { creditEntryBodySchema, creditEntrySchema, creditStatusSchema } from '../domain/registry/credit.ts';
import {
  creditImportSchema,
  importBodySchema,
  importReportSchema,
} from '../domain/registry/credit-import.ts';
import { enterpriseSchema, putEnterpriseBodySchema } from '../domain/registry/enterprise.ts';
import { applicationSchema, humanTaskSchema } from '../domain/shared/application.ts';
import { attachmentSchema, attachmentUploadRequestSchema } from '../domain/shared/attachment.ts';
import { auditEventSchema } from '../domain/shared/audit.ts';
import {
  auditFilterQuerySchema,
  auditSearchPageSchema,
  auditSearchQuerySchema,
} from '../domain/shared/audit-search.ts';
import { expertSchema } from '../domain/shared/expert.ts';
import {
  objectionBodySchema,
  objectionReceiptSchema,
  publicNoticeListingSchema,
} from '../domain/shared/notice.ts';
import { notificationSchema } from '../domain/shared/notification.ts';
import {
  createApplicationBodySchema,
  decisionBodySchema,
  resubmitBodySchema,
  withdrawBodySchema,
} from '../domain/shared/requests.ts';
import { zoneCodeSchema } from '../domain/shared/zones.ts';
import { figureViewSchema, putFiguresBodySchema } from '../domain/statistics/figures.ts';
import { dashboardQuerySchema, dashboardSchema } from '../domain/statistics/targets.ts';
import {
  policyCapSchema,
  policySchema,
  putPolicyBodySchema,
  putPolicyCapBodySchema,
} from '../domain/subsidy/policy.ts';
import { boardEntrySchema } from '../domain/supervision/board.ts';
import {
  attendanceBodySchema,
  attendanceDaySchema,
  rosterLineSchema,
} from '../domain/training/registration.ts';
import { putTrainingSessionBodySchema, trainingSessionViewSchema } from '../domain/training/session.ts';
import { apiRoutes } from '../functions/catalog.ts';
import { pageQuerySchema } from '../functions/shared/pagination.ts';

interface Operation {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response: z.ZodType;
  status?: number;
  idempotent?: boolean;
  /** Media type of a binary success body (e.g. `application/pdf`); `response` is then not used. */
  binary?: string;
  /** Refused with 429 and `Retry-After` when a client sends too many. */
  rateLimited?: boolean;
}

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.string().nullable() });
const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

/** One entry per handler in the route table; the test suite fails when a route has none. */
export const operations: Record<string, Operation> = {
  'list-programs': {
    summary: '业务类型目录 / Program catalogue, with each form as JSON Schema',
    response: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
  },
  'create-application': {
    summary: '提交申请 / Submit an application (form per program; PARK_CERT form shown in components)',
    body: createApplicationBodySchema,
    response: z.object({ application: applicationSchema }),
    status: 201,
    idempotent: true,
  },
  'list-applications': {
    summary: '本单位申请列表 / Applications of the caller’s organization, newest first',
    query: pageQuerySchema,
    response: page(applicationSchema),
  },
  'get-application': {
    summary: '申请详情 / One application with its tasks',
    response: z.object({ application: applicationSchema, tasks: z.array(humanTaskSchema) }),
  },
  'get-application-history': {
    summary: '审计记录与流程历史 / Audit trail (hash chain verified) and execution history',
    response: z.object({
      audit: z.array(auditEventSchema),
      chain: z.object({ valid: z.boolean(), brokenAt: z.number().nullable() }),
      execution: z.array(z.object({ at: z.string(), type: z.string(), state: z.string().optional() })),
    }),
  },
  'resubmit-application': {
    summary: '补正后重新提交 / Resubmit after a return for revision',
    body: resubmitBodySchema,
    response: z.object({ application: applicationSchema, delivery: z.string() }),
  },
  'withdraw-application': {
    summary: '撤回申请 / Withdraw; stops the workflow and removes open tasks',
    body: withdrawBodySchema,
    response: z.object({ application: applicationSchema }),
  },
  'create-attachment-upload': {
    summary:
      '上传附件 / Announce a file (name, type, size, SHA-256) and get a presigned PUT URL that uploads exactly it; forms then name it by attachmentId',
    body: attachmentUploadRequestSchema,
    response: z.object({
      attachment: attachmentSchema,
      upload: z.object({
        url: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.string(),
      }),
    }),
    status: 201,
  },
  'get-attachment-download': {
    summary:
      '下载附件 / A five-minute download link for a file of the application, for readers of the application (404 otherwise)',
    response: z.object({
      attachment: attachmentSchema.pick({
        id: true,
        fileName: true,
        contentType: true,
        sizeBytes: true,
        sha256: true,
      }),
      download: z.object({ url: z.string(), expiresAt: z.string() }),
    }),
  },
  'get-certificate': {
    summary: '下载证书（PDF）/ Download the certificate as a PDF; 409 NO_CERTIFICATE until one is issued',
    response: z.never(),
    binary: 'application/pdf',
  },
  'list-inbox': {
    summary: '待办 / Open tasks in the caller’s queue (role and scope), by due date',
    query: pageQuerySchema,
    response: page(humanTaskSchema),
  },
  'list-notifications': {
    summary:
      '通知 / Notifications addressed to the caller’s queues (role and scope, organization, user), newest first',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
    response: z.object({ items: z.array(notificationSchema) }),
  },
  'claim-task': {
    summary: '认领任务 / Claim a review task',
    response: z.object({ task: humanTaskSchema }),
  },
  'list-experts': {
    summary: '专家库 / The expert pool of a zone (admin, office, municipal and provincial reviewers)',
    query: z.object({ zone: z.enum(['wuhu', 'anqing']).optional() }),
    response: z.object({ items: z.array(expertSchema) }),
  },
  'put-expert': {
    summary: '维护专家 / Add or update an expert (admin, or the office of the expert’s zone)',
    body: expertSchema.omit({ userId: true }),
    response: z.object({ expert: expertSchema }),
  },
  'import-credit-list': {
    summary:
      '批量导入信用名单（.xlsx 或 CSV，base64，请求体上限 64 KB，约数百行）/ Bulk-import a credit list from an .xlsx or CSV file sent base64-encoded (request body limit 64 KB: a few hundred rows). Any refused row → 422 IMPORT_ROWS_REFUSED with the per-row report in error.details and nothing written; the same file again → 200 with the same import',
    body: importBodySchema,
    response: z.object({ import: creditImportSchema, report: importReportSchema }),
    status: 201,
  },
  'get-credit-import': {
    summary: '导入记录与报告 / One credit-list import and its report (admin, or the office of its zone)',
    response: z.object({ import: creditImportSchema, report: importReportSchema }),
  },
  'list-credit-entries': {
    summary:
      '信用名单 / The entries of one list (BLACKLIST, ABNORMAL, WHITELIST) in a zone (admin, provincial; office and reviewers their zone)',
    query: z.object({ zone: zoneCodeSchema.optional() }),
    response: z.object({ items: z.array(creditEntrySchema) }),
  },
  'put-credit-entry': {
    summary:
      '维护单条信用名单记录 / Add or replace an enterprise’s entry on a list (admin, or the office of its zone)',
    body: creditEntryBodySchema,
    response: z.object({ entry: creditEntrySchema }),
  },
  'get-enterprise-credit': {
    summary:
      '企业信用状况 / An enterprise’s credit entries and effective status today (BLACKLISTED > ABNORMAL > WHITELISTED > NONE)',
    response: z.object({
      uscc: z.string(),
      today: z.string(),
      status: creditStatusSchema,
      deciding: z.array(creditEntrySchema),
      entries: z.array(creditEntrySchema),
    }),
  },
  'list-audit-events': {
    summary:
      '审计查询 / Audit events of one zone, newest first: `from`–`to` are China dates, inclusive (default the last 30 days; at most 366 days, else 400 INVALID_DATE_RANGE or DATE_RANGE_TOO_LONG); optional program, action, actor (user id), applicationId; `nextCursor` while more match. The office: its own zone (another → 403); provincial reviewers and admin: any zone, which they must name (400 ZONE_REQUIRED); others 403',
    query: auditSearchQuerySchema,
    response: auditSearchPageSchema,
  },
  'export-audit-events': {
    summary:
      '导出审计记录（Excel）/ The audit search’s results (same filters and access) as an .xlsx workbook, times in Asia/Shanghai; more than 10,000 matching events → 422 TOO_MANY_ROWS (narrow the filters), never a truncated file',
    query: auditFilterQuerySchema,
    response: z.never(),
    binary: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'list-enterprises': {
    summary:
      '企业名录 / Enterprises of a zone, by USCC (admin, office and municipal reviewers of the zone, provincial reviewers)',
    query: pageQuerySchema.extend({ zone: zoneCodeSchema.optional() }),
    response: page(enterpriseSchema),
  },
  'get-enterprise': {
    summary:
      '企业详情 / One enterprise (admin; office, reviewers in scope; an enterprise account only its own, 404 otherwise)',
    response: z.object({ enterprise: enterpriseSchema }),
  },
  'put-enterprise': {
    summary:
      '维护企业 / Create (no version, 201) or update (current version, 200; stale → 409 VERSION_CONFLICT) an enterprise; admin, or the office of its zone',
    body: putEnterpriseBodySchema,
    response: z.object({ enterprise: enterpriseSchema }),
  },
  'list-policies': {
    summary:
      '政策目录 / Policies of a zone (optionally one year) with the zone-wide annual cap of that year; drafts only for admin and the zone office',
    query: pageQuerySchema.extend({
      zone: zoneCodeSchema.optional(),
      year: z.coerce.number().int().min(2020).max(2099).optional(),
    }),
    response: page(policySchema).extend({ zoneCap: policyCapSchema.nullable() }),
  },
  'get-policy': {
    summary:
      '政策详情 / One policy (amounts in whole yuan); any signed-in user, drafts only for its maintainers',
    response: z.object({ policy: policySchema }),
  },
  'list-supervision-board': {
    summary:
      '督办看板 / Active supervision tasks of a zone with red / yellow / green, soonest due first; office and municipal reviewers of the zone, province and admin any zone (?zone=), a unit its own tasks',
    query: z.object({ zone: zoneCodeSchema.optional() }),
    response: z.object({
      zone: zoneCodeSchema,
      items: z.array(boardEntrySchema.omit({ lastReportTaskId: true, reportsInExecution: true })),
    }),
  },
  'get-policy-budget': {
    summary:
      '政策预算 / A policy budget: total, available, reserved by live claims, committed by disbursements (whole yuan; they always add up)',
    response: z.object({
      policyCode: z.string(),
      budget: z.object({
        totalCny: z.number().int(),
        availableCny: z.number().int(),
        reservedCny: z.number().int(),
        committedCny: z.number().int(),
      }),
    }),
  },
  'put-policy': {
    summary:
      '维护政策 / Create (no version, 201) or update (current version, 200; stale → 409) a policy; admin, or the office of its zone',
    body: putPolicyBodySchema,
    response: z.object({ policy: policySchema }),
  },
  'put-policy-cap': {
    summary:
      '企业年度补贴总额上限 / Set the zone-wide per-enterprise annual cap across all policies of a year (whole yuan; versioned)',
    body: putPolicyCapBodySchema,
    response: z.object({ cap: policyCapSchema }),
  },
  'list-training-sessions': {
    summary:
      '培训班列表 / Training sessions of a zone (default: the caller’s), by start, with capacity, seats held, waitlist and free seats; any signed-in user',
    query: pageQuerySchema.extend({ zone: zoneCodeSchema.optional() }),
    response: page(trainingSessionViewSchema),
  },
  'get-training-session': {
    summary: '培训班详情 / One training session with its seats; any signed-in user',
    response: z.object({ session: trainingSessionViewSchema }),
  },
  'put-training-session': {
    summary:
      '维护培训班 / Create (no version, 201) or update (current version, 200; stale → 409 VERSION_CONFLICT) a session; admin, or the zone office for the training base. Capacity never below the seats held (409 CAPACITY_BELOW_SEATED); times, audiences, deadline and completion rule fixed once anyone registered (409 SCHEDULE_FROZEN); a larger capacity promotes from the waitlist at once (`promoted`)',
    body: putTrainingSessionBodySchema,
    response: z.object({ session: trainingSessionViewSchema, promoted: z.array(z.string()) }),
  },
  'list-training-registrations': {
    summary:
      '培训班报名名单 / A session’s registrations (ID numbers masked): seated first, then the waitlist in order, then the others, with status, days present and certificate; admin and the zone office',
    response: z.object({ session: trainingSessionViewSchema, items: z.array(rosterLineSchema) }),
  },
  'export-training-registrations': {
    summary: '导出报名名单（Excel）/ The registration list as an .xlsx workbook, one column per session day',
    response: z.never(),
    binary: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'put-training-attendance': {
    summary:
      '登记出勤 / Record who was present on one day of a session (replaces that day’s record); only session days that have come (422 NOT_A_SESSION_DAY, DAY_NOT_COME), registrations holding a seat (422 NOT_ENROLLED), until attendance closes (409 ATTENDANCE_CLOSED)',
    body: attendanceBodySchema,
    response: z.object({ attendance: attendanceDaySchema }),
  },
  'decide-task': {
    summary: '审核决定 / Approve, reject or return; exactly one concurrent decision wins',
    body: decisionBodySchema,
    response: z.object({ task: humanTaskSchema, delivery: z.enum(['delivered', 'gone', 'retry-later']) }),
  },
  'get-dashboard': {
    summary:
      '统计监测 / Zone dashboard: targets with current values, applications by program and status, overdue tasks, average time per stage, per zone and district (office and municipal reviewers: own zone; provincial reviewers and admin: any)',
    query: dashboardQuerySchema,
    response: dashboardSchema,
  },
  'put-transaction-figures': {
    summary:
      '填报或更正月度交易额 / Report (no version, 201) or correct (current version, 200, stored as a new version; stale → 409) one month of an enterprise’s figures; yuan with at most 2 decimals, stored as fen',
    body: putFiguresBodySchema,
    response: z.object({
      figures: figureViewSchema,
    }),
  },
  'get-transaction-figures': {
    summary:
      '月度交易额及更正记录 / One month of an enterprise’s figures: the newest version and every version',
    response: z.object({
      current: figureViewSchema,
      versions: z.array(figureViewSchema),
    }),
  },
  'rebuild-statistics': {
    summary: '重建统计计数 / Recompute every statistics counter from the records (admin; scans the table)',
    response: z.object({
      rebuiltAt: z.string(),
      recordsScanned: z.number().int(),
      counterItems: z.record(z.string(), z.number().int()),
      enterpriseYears: z.number().int(),
      certifiedOrganizations: z.number().int(),
    }),
  },
  'list-public-notices': {
    summary: '公示列表（无需登录）/ Open public notices, soonest-ending first (public, no sign-in)',
    query: pageQuerySchema,
    response: page(publicNoticeListingSchema),
  },
  'create-objection': {
    summary:
      '对公示提出异议（无需登录，按来源地址限流）/ Object to an application under public notice (public; rate-limited per client)',
    body: objectionBodySchema,
    response: objectionReceiptSchema,
    status: 201,
    rateLimited: true,
  },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

const errorResponses = {
  '400': {
    description: 'Invalid input',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
  '401': {
    description: 'Not signed in',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
  '403': {
    description: 'Outside role or scope',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
  '404': {
    description: 'Not found (or not visible)',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
  '409': {
    description: 'Conflict with the current state',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
};

const rateLimitedResponse = {
  '429': {
    description: 'Too many requests from this client; retry after the given seconds',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
};

/** A public route has no sign-in to fail and no scope to be outside of. */
const { '401': _unauthorized, '403': _forbidden, ...publicErrorResponses } = errorResponses;

export const buildOpenApi = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) {
    const operation = operations[route.handler];
    if (!operation) throw new Error(`No OpenAPI entry for ${route.handler}`);
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
        name: match[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema: jsonSchema(schema as z.ZodType, 'input'),
      })),
      ...(operation.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
            },
          ]
        : []),
      {
        name: 'Accept-Language',
        in: 'header',
        required: false,
        schema: { type: 'string', enum: ['zh-CN', 'en'] },
      },
    ];
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.handler,
      summary: operation.summary,
      security: route.auth === 'jwt' ? [{ jwt: [] }] : [],
      parameters,
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(operation.status ?? 200)]: {
          description: 'OK',
          content: operation.binary
            ? { [operation.binary]: { schema: { type: 'string', format: 'binary' } } }
            : { 'application/json': { schema: jsonSchema(operation.response, 'output') } },
        },
        ...(route.auth === 'jwt' ? errorResponses : publicErrorResponses),
        ...(operation.rateLimited ? rateLimitedResponse : {}),
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: '跨境电商综试区业务协同平台 API / Pilot-zone workflow platform API',
      version: '0.1.0',
      description:
        'Generated from the zod schemas and the route table (npm run openapi). Every error is { error: { code, message, details } }.',
    },
    components: {
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ParkCertificationForm: jsonSchema(parkCertificationFormSchema, 'input') },
    },
    paths,
  };
};

export const openApiPath = join(import.meta.dirname, '..', 'docs', 'api', 'openapi.json');

if (process.argv[1] === import.meta.filename) {
  writeFileSync(openApiPath, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
  console.log(`wrote ${openApiPath}`);
}
