import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  AUDIT_EXPORT_MAX_ROWS,
  type AuditFilterQuery,
  type AuditPeriod,
  type AuditSearchItem,
  type AuditSearchPage,
  auditMonthsDescending,
  auditSearchItemSchema,
  auditSortBounds,
  resolveAuditPeriod,
} from '../../domain/shared/audit-search.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { type ZoneCode, zoneCodeSchema } from '../../domain/shared/zones.ts';
import type { Caller } from './auth.ts';
import { documentClient, tableName } from './clients.ts';
import { now } from './clock.ts';
import { badRequest, forbidden } from './errors.ts';
import { keys } from './keys.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';

/** A search the caller may run: one zone, one period, the optional filters. */
export interface AuditSearch extends AuditPeriod {
  zone: ZoneCode;
  program?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  applicationId?: string | undefined;
}

const refusal = () =>
  forbidden({
    zh: '只有领导小组办公室、省级审核员和管理员可以查询审计记录',
    en: 'Only the leading-group office, provincial reviewers and administrators search the audit trail',
  });

/**
 * The zone searched. The office: its own zone, by default and at most. Provincial reviewers and admin see
 * every zone but must name one (400 ZONE_REQUIRED): an audit search answers for one zone, and a default
 * zone would let a province-wide reader take one zone's silence for the province's.
 */
const zoneOf = (caller: Caller, asked: ZoneCode | undefined): ZoneCode => {
  switch (caller.role) {
    case 'office': {
      const own = zoneCodeSchema.safeParse(caller.zone);
      if (!own.success) throw refusal();
      if (asked !== undefined && asked !== own.data) {
        throw forbidden({
          zh: '只能查询本综试区的审计记录',
          en: "You may search only your own zone's audit trail",
        });
      }
      return own.data;
    }
    case 'provincial_reviewer':
    case 'admin':
      if (asked === undefined) {
        throw badRequest('ZONE_REQUIRED', {
          zh: '请指定要查询的综试区（zone=wuhu 或 anqing）',
          en: 'Name the zone to search (zone=wuhu or anqing)',
        });
      }
      return asked;
    default:
      throw refusal();
  }
};

/** Authorizes and completes a search from the query: the zone, the period (default the last 30 days). */
export const resolveAuditSearch = (caller: Caller, query: AuditFilterQuery): AuditSearch => {
  const zone = zoneOf(caller, query.zone);
  const period = resolveAuditPeriod(query, chinaDate(now()));
  if ('refused' in period)
    throw badRequest(period.refused.code, period.refused.text, { from: query.from, to: query.to });
  return {
    zone,
    ...period,
    program: query.program,
    action: query.action,
    actor: query.actor,
    applicationId: query.applicationId,
  };
};

/** The optional filters as one FilterExpression (applied after the key range, before a page is returned). */
const filterOf = (search: AuditSearch) => {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const equal = (path: string[], value: string | undefined, label: string) => {
    if (value === undefined) return;
    const placeholders = path.map((name, index) => {
      names[`#${label}${index}`] = name;
      return `#${label}${index}`;
    });
    values[`:${label}`] = value;
    conditions.push(`${placeholders.join('.')} = :${label}`);
  };
  equal(['program'], search.program, 'program');
  equal(['action'], search.action, 'action');
  equal(['actor', 'id'], search.actor, 'actor');
  equal(['applicationId'], search.applicationId, 'application');
  return { conditions, names, values };
};

/** The resume point of a page: the last returned event's keys, with its month bucket made explicit. */
const cursorSchema = z
  .object({
    month: z.string().regex(/^\d{4}-\d{2}$/),
    pk: z.string().startsWith('APP#'),
    sk: z.string().startsWith(keys.auditPrefix),
    gsi2pk: z.string(),
    gsi2sk: z.string(),
  })
  .strict();
type SearchCursor = z.infer<typeof cursorSchema>;

const invalidCursor = (cursor: string) =>
  badRequest('INVALID_CURSOR', { zh: '分页游标无效', en: 'Invalid pagination cursor' }, { cursor });

/**
 * Accepts only a cursor of this zone and period: its month must be one the period covers, its key inside
 * that month's partition and key range. A cursor therefore never widens a search to another zone.
 */
const readCursor = (
  cursor: string | undefined,
  search: AuditSearch,
  months: readonly string[],
  bounds: { lower: string; upper: string },
): SearchCursor | undefined => {
  if (cursor === undefined) return undefined;
  const parsed = cursorSchema.safeParse(decodeCursor(cursor, {}));
  if (!parsed.success) throw invalidCursor(cursor);
  const { month, gsi2pk, gsi2sk } = parsed.data;
  if (
    !months.includes(month) ||
    gsi2pk !== keys.auditOfZoneMonth(search.zone, month) ||
    gsi2sk < bounds.lower ||
    gsi2sk > bounds.upper
  ) {
    throw invalidCursor(cursor);
  }
  return parsed.data;
};

/** Items read per request when filters drop some: wide enough that sparse matches need few round trips. */
const FILTERED_READ_BATCH = 1000;

/**
 * One page of a zone's audit events in a period, newest first (by time, then application, then sequence).
 * Reads the month buckets from the newest, each as one key range, and looks one event past the page so
 * that `nextCursor` appears only when more events match; the cursor is the page's last event, from which
 * the next page resumes in the same bucket (never skipping or repeating an event).
 */
export const searchAuditEvents = async (
  search: AuditSearch,
  limit: number,
  cursor?: string,
): Promise<AuditSearchPage> => {
  const months = auditMonthsDescending(search);
  const bounds = auditSortBounds(search);
  const resume = readCursor(cursor, search, months, bounds);
  const filter = filterOf(search);
  const found: { month: string; item: Record<string, unknown> }[] = [];
  const firstMonth = resume ? months.indexOf(resume.month) : 0;
  for (let index = firstMonth; index < months.length && found.length <= limit; index += 1) {
    const month = months[index];
    if (month === undefined) break;
    let startKey: Record<string, unknown> | undefined =
      resume && index === firstMonth
        ? { pk: resume.pk, sk: resume.sk, gsi2pk: resume.gsi2pk, gsi2sk: resume.gsi2sk }
        : undefined;
    do {
      const wanted = limit + 1 - found.length;
      const page = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: '#bucket = :bucket AND #sort BETWEEN :lower AND :upper',
          ...(filter.conditions.length > 0 ? { FilterExpression: filter.conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: { '#bucket': 'gsi2pk', '#sort': 'gsi2sk', ...filter.names },
          ExpressionAttributeValues: {
            ':bucket': keys.auditOfZoneMonth(search.zone, month),
            ':lower': bounds.lower,
            ':upper': bounds.upper,
            ...filter.values,
          },
          ScanIndexForward: false,
          Limit: filter.conditions.length > 0 ? Math.max(wanted, FILTERED_READ_BATCH) : wanted,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) found.push({ month, item });
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length <= limit);
  }
  const shown = found.slice(0, limit);
  const last = shown.at(-1);
  const items: AuditSearchItem[] = shown.map(({ item }) => auditSearchItemSchema.parse(item));
  if (found.length <= limit || !last) return { items };
  const { pk, sk, gsi2pk, gsi2sk } = last.item;
  const next = encodeCursor({ month: last.month, pk, sk, gsi2pk, gsi2sk });
  return next ? { items, nextCursor: next } : { items };
};

/** The export's row limit, read on every call so operations (and tests) can lower it without a deploy. */
export const auditExportMaxRows = (): number => {
  const configured = Number(process.env.AUDIT_EXPORT_MAX_ROWS);
  return Number.isInteger(configured) && configured > 0 ? configured : AUDIT_EXPORT_MAX_ROWS;
};
