import {
  type ImportReport,
  importReportSchema,
  type RowError,
} from '../../../../domain/registry/credit-import.ts';
import type { ZoneCode } from '../../../../domain/shared/zones.ts';

/**
 * Pure helpers of the administrator's pages (policies, credit lists, experts, training sessions, zones):
 * no React, no fetch, so they are tested on their own.
 */

/** Zones a user maintains: the administrator both, the office its own (fixed), anyone else none. */
export const zoneScope = (
  user: { role: string; zone?: string | undefined } | undefined,
  allZones: readonly ZoneCode[],
): { zones: ZoneCode[]; fixed: boolean } => {
  if (user?.role === 'admin') return { zones: [...allZones], fixed: false };
  if (user?.role === 'office' && allZones.includes(user.zone as ZoneCode)) {
    return { zones: [user.zone as ZoneCode], fixed: true };
  }
  return { zones: [], fixed: true };
};

/** Base64 of a file's bytes, as the import body carries it (chunked: no call stack limit on big files). */
export const bytesToBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
};

/**
 * The API refuses request bodies over 64 KB (functions/shared/http.ts, MAX_BODY_BYTES). Base64 makes a
 * file a third larger and the JSON around it takes a little more, so a file must stay under this size;
 * the browser says so before sending it.
 */
export const MAX_IMPORT_FILE_BYTES = 47 * 1024;

export const importFileProblem = (file: {
  name: string;
  size: number;
}): 'type' | 'size' | 'empty' | undefined => {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_IMPORT_FILE_BYTES) return 'size';
  return undefined;
};

/** The per-row report the API sends with a 422 IMPORT_ROWS_REFUSED (as the error's details), if it is one. */
export const reportFromDetails = (details: unknown): ImportReport | undefined => {
  const parsed = importReportSchema.safeParse(details);
  return parsed.success ? parsed.data : undefined;
};

export interface ReportRow {
  row: number;
  accepted: boolean;
  errors: RowError[];
}

/** Accepted and refused rows in one list, in the file's order. */
export const reportRows = (report: ImportReport): ReportRow[] =>
  [
    ...report.accepted.map((row) => ({ row, accepted: true, errors: [] })),
    ...report.refused.map(({ row, errors }) => ({ row, accepted: false, errors })),
  ].sort((a, b) => a.row - b.row);

/** `2026-11-27T09:00` (a datetime-local input, read as China time) → `2026-11-27T09:00:00+08:00`. */
export const chinaInstantOf = (local: string): string | undefined => {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(local);
  return match ? `${match[1]}T${match[2]}${match[3] ?? ':00'}+08:00` : undefined;
};

/** An instant as a datetime-local value in China time (no daylight saving there), or '' when not one. */
export const chinaLocalOf = (iso: string | undefined): string => {
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(time) ? '' : new Date(time + 8 * 3_600_000).toISOString().slice(0, 16);
};

/** A budget's use as whole percentages of the total: held by live claims, and paid out. */
export const budgetShares = (budget: { totalCny: number; reservedCny: number; committedCny: number }) => {
  if (budget.totalCny <= 0) return { reserved: 0, committed: 0 };
  const committed = Math.round((budget.committedCny / budget.totalCny) * 100);
  const reserved =
    Math.round(((budget.committedCny + budget.reservedCny) / budget.totalCny) * 100) - committed;
  return { reserved, committed };
};

/** The years offered in the policy filter: a few around the current one. */
export const yearChoices = (current: number): number[] => [current - 2, current - 1, current, current + 1];

/** The current year in China. */
export const chinaYear = (now: Date): number => new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
