import { zoneCodeSchema } from '../../domain/shared/zones.ts';
import { badRequest } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { pageQuerySchema } from '../shared/pagination.ts';
import { listSessionsOfZone } from '../shared/training-sessions.ts';

const querySchema = pageQuerySchema.extend({ zone: zoneCodeSchema.optional() }).strict();

/** Any signed-in user lists a zone's sessions (trainees choose one), by start, with their free seats. */
export const handler = createApiHandler({ query: querySchema }, async ({ caller, query }) => {
  const zone = query.zone ?? caller.zone;
  if (!zone) throw badRequest('ZONE_REQUIRED', { zh: '请指定综试区 zone', en: 'Name the zone to list' });
  return respond(200, await listSessionsOfZone(zone, query.limit, query.cursor));
});
