import { getZone, type ZoneCode, zoneCodeSchema, zones } from '../../domain/shared/zones.ts';
import { dashboardQuerySchema, zoneDashboard } from '../../domain/statistics/targets.ts';
import { nowIso } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { readZoneCounters } from '../shared/statistics.ts';

const refusal = () =>
  forbidden({
    zh: '只有领导小组办公室、市级和省级审核员及管理员可以查看统计监测',
    en: 'Only the leading-group office, municipal and provincial reviewers and administrators see the dashboard',
  });

/** The zones a caller may see, narrowed to the one asked for. */
const zonesFor = (role: string, callerZone: string | undefined, asked: ZoneCode | undefined): ZoneCode[] => {
  switch (role) {
    case 'admin':
    case 'provincial_reviewer':
      return asked ? [asked] : zones.map((zone) => zone.code);
    case 'office':
    case 'municipal_reviewer': {
      const own = zoneCodeSchema.safeParse(callerZone);
      if (!own.success) throw refusal();
      if (asked !== undefined && asked !== own.data) {
        throw forbidden({
          zh: '无权查看其他综试区的统计监测',
          en: "You may not see another zone's dashboard",
        });
      }
      return [own.data];
    }
    default:
      throw refusal();
  }
};

/**
 * Targets and their current values, applications by program and status, overdue tasks and the time per
 * stage, per zone and per district: one Query of counter items per zone, whatever the table holds.
 */
export const handler = createApiHandler({ query: dashboardQuerySchema }, async ({ caller, query }) => {
  const codes = zonesFor(caller.role, caller.zone, query.zone);
  const dashboards = [];
  for (const code of codes) dashboards.push(zoneDashboard(getZone(code), await readZoneCounters(code)));
  return respond(200, { generatedAt: nowIso(), zones: dashboards });
});
