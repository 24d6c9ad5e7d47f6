import { z } from 'zod';
import { auditEventSchema } from './audit.ts';
import {
  addCalendarDays,
  calendarDaysBetween,
  chinaDate,
  isoDateSchema,
  startOfChinaDay,
} from './calendar.ts';
import type { LocalizedText } from './program.ts';
import { zoneCodeSchema } from './zones.ts';

/**
 * Zone-wide audit search (审计查询) for the leading-group office: the rules that do not need the table.
 * Events are indexed per zone and China month (see `keys.auditOfZoneMonth`), so a search over a period
 * reads the month buckets it covers, newest first, each as one key range.
 */

/** Without `from`/`to`, the search covers the last 30 China days, today included. */
export const AUDIT_SEARCH_DEFAULT_DAYS = 30;
/** At most 366 days (a leap year), so a search reads at most 13 month buckets. */
export const AUDIT_SEARCH_MAX_DAYS = 366;
/** The export refuses rather than truncates beyond this many rows (overridable for tests and operations). */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

/** Program and action codes as the platform writes them (`PARK_CERT`, `DECISION_APPROVE`, …). */
const codeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, '须为大写代码 / Must be an upper-case code');

/** The filters shared by the search and the export. */
export const auditFilterQuerySchema = z
  .object({
    zone: zoneCodeSchema.optional(),
    /** China dates (Asia/Shanghai), inclusive. */
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    program: codeSchema.optional(),
    action: codeSchema.optional(),
    /** An actor's user id (`demo-office.wuhu`, `workflow`, …). */
    actor: z.string().min(1).max(128).optional(),
    applicationId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, '申请编号无效 / Invalid application id')
      .optional(),
  })
  .strict();
export type AuditFilterQuery = z.infer<typeof auditFilterQuerySchema>;

export const auditSearchQuerySchema = auditFilterQuerySchema
  .extend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();
export type AuditSearchQuery = z.infer<typeof auditSearchQuerySchema>;

/** One event as the search shows it: the chain's fields (hash, data) stay behind the application's history. */
export const auditSearchItemSchema = auditEventSchema
  .pick({ applicationId: true, seq: true, at: true, actor: true, action: true, stage: true, reason: true })
  .extend({ zone: z.string(), program: z.string() });
export type AuditSearchItem = z.infer<typeof auditSearchItemSchema>;

export const auditSearchPageSchema = z.object({
  items: z.array(auditSearchItemSchema),
  /** Present when more events match; pass it back as `cursor` with the same filters. */
  nextCursor: z.string().optional(),
});
export type AuditSearchPage = z.infer<typeof auditSearchPageSchema>;

export interface AuditPeriod {
  from: string;
  to: string;
}

export type AuditPeriodResult = AuditPeriod | { refused: { code: string; text: LocalizedText } };

/**
 * The inclusive period a search covers. `to` defaults to today, `from` to 29 days before `to`; `from`
 * must not follow `to`, and the period spans at most AUDIT_SEARCH_MAX_DAYS days.
 */
export const resolveAuditPeriod = (
  asked: { from?: string; to?: string },
  today: string,
): AuditPeriodResult => {
  const to = asked.to ?? today;
  const from = asked.from ?? addCalendarDays(to, -(AUDIT_SEARCH_DEFAULT_DAYS - 1));
  const days = calendarDaysBetween(from, to) + 1;
  if (days < 1) {
    return {
      refused: {
        code: 'INVALID_DATE_RANGE',
        text: {
          zh: `起始日期 ${from} 晚于截止日期 ${to}`,
          en: `The start date ${from} is after the end date ${to}`,
        },
      },
    };
  }
  if (days > AUDIT_SEARCH_MAX_DAYS) {
    return {
      refused: {
        code: 'DATE_RANGE_TOO_LONG',
        text: {
          zh: `查询期间最长 ${AUDIT_SEARCH_MAX_DAYS} 天（${from} 至 ${to} 共 ${days} 天），请缩小日期范围`,
          en: `The period may span at most ${AUDIT_SEARCH_MAX_DAYS} days (${from} to ${to} is ${days}); narrow the dates`,
        },
      },
    };
  }
  return { from, to };
};

/** The China month (`YYYY-MM`) of an instant: the bucket its event is indexed in. */
export const auditMonthOf = (at: string): string => chinaDate(new Date(at)).slice(0, 7);

/** The month buckets a period touches, newest first (the order results are returned in). */
export const auditMonthsDescending = ({ from, to }: AuditPeriod): string[] => {
  const months: string[] = [];
  const first = from.slice(0, 7);
  let year = Number(to.slice(0, 4));
  let month = Number(to.slice(5, 7));
  for (;;) {
    const bucket = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (bucket < first) return months;
    months.push(bucket);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
};

/**
 * The sort-key range of a period on the index (`<at>#<applicationId>#<seq>`, `at` an ISO UTC instant).
 * The bounds are bare instants, which sort before every key that starts with them: `lower` (00:00 China
 * time on `from`) admits events at that instant, `upper` (00:00 on the day after `to`) admits none, so
 * BETWEEN covers exactly the China days from `from` to `to`.
 */
export const auditSortBounds = ({ from, to }: AuditPeriod): { lower: string; upper: string } => ({
  lower: startOfChinaDay(from).toISOString(),
  upper: startOfChinaDay(addCalendarDays(to, 1)).toISOString(),
});

/** The export's refusal when more events match than it may hold: a truncated file would mislead. */
export const tooManyRowsText = (maxRows: number): LocalizedText => ({
  zh: `符合条件的审计记录超过 ${maxRows} 条，请缩小日期范围或增加筛选条件（业务、动作、操作人、申请编号）后再导出`,
  en: `More than ${maxRows} audit events match; narrow the dates or add filters (program, action, actor, application) and export again`,
});

/** `2026-11-27 09:30:05`: an instant as wall-clock time in Asia/Shanghai (UTC+8 all year, no DST). */
export const chinaDateTime = (at: string): string => {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  return new Date(ms + 8 * 60 * 60 * 1000).toISOString().slice(0, 19).replace('T', ' ');
};

/** The export's columns, headed in Chinese and English. */
export const auditExportColumns = [
  { key: 'time', header: '时间 / Time', width: 20 },
  { key: 'applicationId', header: '申请编号 / Application', width: 38 },
  { key: 'program', header: '业务 / Program', width: 14 },
  { key: 'action', header: '动作 / Action', width: 28 },
  { key: 'stage', header: '环节 / Stage', width: 22 },
  { key: 'actor', header: '操作人 / Actor', width: 32 },
  { key: 'role', header: '角色 / Role', width: 20 },
  { key: 'reason', header: '理由 / Reason', width: 48 },
] as const;
export type AuditExportRow = Record<(typeof auditExportColumns)[number]['key'], string>;

/** One row of the export; the actor is named with the id in brackets, since names are not unique. */
export const auditExportRow = (item: AuditSearchItem): AuditExportRow => ({
  time: chinaDateTime(item.at),
  applicationId: item.applicationId,
  program: item.program,
  action: item.action,
  stage: item.stage ?? '',
  actor: item.actor.name !== undefined ? `${item.actor.name} (${item.actor.id})` : item.actor.id,
  role: item.actor.role,
  reason: item.reason ?? '',
});
