import { z } from 'zod';
import { creditListSchema } from '../../domain/registry/credit.ts';
import { zoneCodeSchema } from '../../domain/shared/zones.ts';
import { creditReadScope } from '../shared/credit-access.ts';
import { listCreditEntries } from '../shared/credit-lists.ts';
import { badRequest, forbidden } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';

const pathSchema = z.object({ list: creditListSchema }).strict();
const querySchema = z.object({ zone: zoneCodeSchema.optional() }).strict();

export const handler = createApiHandler(
  { path: pathSchema, query: querySchema },
  async ({ caller, path, query }) => {
    const scope = creditReadScope(caller);
    const zone = query.zone ?? (scope === 'all' ? undefined : scope);
    if (!zone) {
      throw badRequest('ZONE_REQUIRED', { zh: '请指定综试区（zone）', en: 'Give the zone (?zone=)' });
    }
    if (scope !== 'all' && zone !== scope) {
      throw forbidden({
        zh: '无权查看其他综试区的信用名单',
        en: 'You may not read another zone’s credit lists',
      });
    }
    return respond(200, { items: await listCreditEntries(path.list, zone) });
  },
);
