import { type ZoneCode, zones } from '../../../../domain/shared/zones.ts';

/** The filters of the audit search as the page's address holds them (so a search can be shared). */
export interface AuditFilters {
  zone?: string;
  from?: string;
  to?: string;
  program?: string;
  action?: string;
  actor?: string;
  applicationId?: string;
}

const filterKeys = ['zone', 'from', 'to', 'program', 'action', 'actor', 'applicationId'] as const;

export const filtersFromParams = (params: URLSearchParams): AuditFilters => {
  const filters: AuditFilters = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
};

/** Query string of the filters, empty ones left out (the API refuses empty values). */
export const auditQuery = (filters: AuditFilters, extra: Record<string, string | undefined> = {}): string => {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params.toString();
};

/**
 * Zones a role may search: the office its own (fixed, the API takes it from the token), the administrator
 * and the provincial reviewers either zone (they must name one), others none.
 */
export const auditZones = (
  user: { role: string; zone?: string | undefined } | undefined,
): { zones: ZoneCode[]; fixed: boolean } => {
  const all = zones.map((zone) => zone.code);
  if (user?.role === 'admin' || user?.role === 'provincial_reviewer') return { zones: all, fixed: false };
  if (user?.role === 'office' && all.includes(user.zone as ZoneCode)) {
    return { zones: [user.zone as ZoneCode], fixed: true };
  }
  return { zones: [], fixed: true };
};

export const exportFileName = (zone: string | undefined, filters: AuditFilters): string =>
  ['audit', zone, filters.from, filters.to].filter(Boolean).join('-').concat('.xlsx');
