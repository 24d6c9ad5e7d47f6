import { z } from 'zod';
import type { Enterprise } from '../../domain/registry/enterprise.ts';
import { usccSchema } from '../../domain/shared/uscc.ts';
import type { Caller } from '../shared/auth.ts';
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

/** Applicants see only their own enterprise; reviewers and the office only theirs by zone / district. */
const visibleTo = (caller: Caller, enterprise: Enterprise): boolean => {
  switch (caller.role) {
    case 'admin':
    case 'provincial_reviewer':
      return true;
    case 'office':
    case 'municipal_reviewer':
      return caller.zone === enterprise.zone;
    case 'district_reviewer':
      return caller.zone === enterprise.zone && caller.district === enterprise.district;
    case 'enterprise':
      return caller.orgId === enterprise.uscc;
    default:
      return false;
  }
};

export const handler = createApiHandler({ path: pathSchema }, async ({ caller, path }) => {
  if (!readers.has(caller.role)) {
    throw forbidden({ zh: '无权查看企业名录', en: 'You may not read the enterprise registry' });
  }
  const enterprise = await getEnterprise(path.uscc);
  // Out of scope reads as absent: a caller learns nothing about enterprises it may not see.
  if (!enterprise || !visibleTo(caller, enterprise)) throw notFound(enterpriseText);
  return respond(200, { enterprise });
});
