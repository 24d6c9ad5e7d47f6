import { zoneCodeSchema } from '../../domain/shared/zones.ts';
import { listEnterprisesOfZone } from '../shared/enterprises.ts';
import { badRequest, forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { pageQuerySchema } from '../shared/pagination.ts';

const querySchema = pageQuerySchema.extend({ zone: zoneCodeSchema.optional() }).strict();
const registryReaders = new Set(['admin', 'office', 'municipal_reviewer', 'provincial_reviewer']);

export const handler = createApiHandler({ query: querySchema }, async ({ caller, query }) => {
  if (!registryReaders.has(caller.role)) {
    throw forbidden({ zh: '无权查看企业名录', en: 'You may not read the enterprise registry' });
  }
  const zone = query.zone ?? caller.zone;
  if (!zone) {
    throw badRequest('ZONE_REQUIRED', { zh: '请指定综试区 zone', en: 'Name the zone to list' });
  }
  if (caller.role !== 'admin' && caller.role !== 'provincial_reviewer' && caller.zone !== zone) {
    throw forbidden({ zh: '无权查看其他综试区的企业名录', en: "You may not read another zone's registry" });
  }
  return respond(200, await listEnterprisesOfZone(zone, query.limit, query.cursor));
});
