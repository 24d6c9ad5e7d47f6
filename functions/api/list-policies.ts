import { z } from 'zod';
import { zoneCodeSchema } from '../../domain/shared/zones.ts';
import { badRequest } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { pageQuerySchema } from '../shared/pagination.ts';
import { getPolicyCap, listPoliciesOfZone, seesDraftPolicies } from '../shared/policies.ts';

const querySchema = pageQuerySchema
  .extend({
    zone: zoneCodeSchema.optional(),
    year: z.coerce.number().int().min(2020).max(2099).optional(),
  })
  .strict();

/** Any signed-in user lists a zone's policies; with `year`, the zone-wide cap of that year comes too. */
export const handler = createApiHandler({ query: querySchema }, async ({ caller, query }) => {
  const zone = query.zone ?? caller.zone;
  if (!zone) {
    throw badRequest('ZONE_REQUIRED', { zh: '请指定综试区 zone', en: 'Name the zone to list' });
  }
  const page = await listPoliciesOfZone(zone, {
    year: query.year,
    withDrafts: seesDraftPolicies(caller, zone),
    limit: query.limit,
    cursor: query.cursor,
  });
  const zoneCap = query.year === undefined ? null : ((await getPolicyCap(zone, query.year)) ?? null);
  return respond(200, { ...page, zoneCap });
});
