import { z } from 'zod';
import { usccSchema } from '../../domain/shared/uscc.ts';
import { readsEnterpriseRecords } from '../shared/enterprise-access.ts';
import { enterpriseText, getEnterprise } from '../shared/enterprises.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';

const pathSchema = z.object({ uscc: usccSchema }).strict();

const readers = new Set([
  'admin',
  'office',
  'district_reviewer',
  'municipal_reviewer',
  'provincial_reviewer',
  'enterprise',
]);

export const handler = createApiHandler({ path: pathSchema }, async ({ caller, path }) => {
  if (!readers.has(caller.role)) {
    throw forbidden({ zh: '无权查看企业名录', en: 'You may not read the enterprise registry' });
  }
  const enterprise = await getEnterprise(path.uscc);
  // Out of scope reads as absent: a caller learns nothing about enterprises it may not see.
  if (!enterprise || !readsEnterpriseRecords(caller, enterprise)) throw notFound(enterpriseText);
  return respond(200, { enterprise });
});
