import { nowIso } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { rebuildStatistics } from '../shared/statistics-rebuild.ts';

/** Recomputes the statistics counters from the records, repairing any drift. Administrators only. */
export const handler = createApiHandler({}, async ({ caller }) => {
  if (caller.role !== 'admin') {
    throw forbidden({
      zh: '只有管理员可以重建统计计数',
      en: 'Only an administrator rebuilds the statistics',
    });
  }
  return respond(200, await rebuildStatistics(nowIso()));
});
