import { z } from 'zod';
import { zoneCodeSchema } from '../../domain/shared/zones.ts';
import { forbidden } from '../shared/errors.ts';
import { listExpertsOfZone } from '../shared/experts.ts';
import { createApiHandler, respond } from '../shared/http.ts';

const querySchema = z.object({ zone: zoneCodeSchema.optional() }).strict();
const poolReaders = new Set(['admin', 'office', 'municipal_reviewer', 'provincial_reviewer']);

export const handler = createApiHandler({ query: querySchema }, async ({ caller, query }) => {
  const zone = query.zone ?? caller.zone;
  const inScope = caller.role === 'admin' || caller.role === 'provincial_reviewer' || caller.zone === zone;
  if (!poolReaders.has(caller.role) || !zone || !inScope) {
    throw forbidden({ zh: '无权查看该专家库', en: 'You may not read this expert pool' });
  }
  return respond(200, { items: await listExpertsOfZone(zone) });
});
