import { z } from 'zod';
import { zoneCodeSchema } from '../../domain/shared/zones.ts';
import { findUnit } from '../../domain/supervision/units.ts';
import { forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { activeBoard } from '../shared/supervision.ts';

const querySchema = z.object({ zone: zoneCodeSchema.optional() }).strict();

const boardReaders = new Set(['office', 'municipal_reviewer', 'provincial_reviewer', 'admin', 'unit']);

/**
 * The supervision board (督办看板): a zone's active tasks with red / yellow / green, soonest due first.
 * The office and municipal reviewers see their zone, the province and admin any zone, a unit its own tasks.
 */
export const handler = createApiHandler({ query: querySchema }, async ({ caller, query }) => {
  if (!boardReaders.has(caller.role)) {
    throw forbidden({ zh: '无权查看督办看板', en: 'You may not read the supervision board' });
  }
  const zoneWide = caller.role === 'provincial_reviewer' || caller.role === 'admin';
  const zone = zoneWide ? (query.zone ?? 'wuhu') : caller.zone;
  if (!zone || (!zoneWide && query.zone !== undefined && query.zone !== caller.zone)) {
    throw forbidden({ zh: '只能查看本综试区的督办事项', en: "Only your own zone's board is visible" });
  }
  const entries = await activeBoard(zone);
  const visible =
    caller.role === 'unit'
      ? entries.filter((entry) => findUnit(entry.unitCode)?.orgId === caller.orgId)
      : entries;
  return respond(200, {
    zone,
    items: visible.map(({ lastReportTaskId: _task, reportsInExecution: _reports, ...entry }) => ({
      ...entry,
      unitName: findUnit(entry.unitCode)?.name,
    })),
  });
});
