import { z } from 'zod';
import { policyCodeSchema } from '../../domain/subsidy/policy.ts';
import { notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { getPolicy, policyText, seesDraftPolicies } from '../shared/policies.ts';

const pathSchema = z.object({ code: policyCodeSchema }).strict();

/** Any signed-in user reads a policy (enterprises claim against it); drafts only its maintainers. */
export const handler = createApiHandler({ path: pathSchema }, async ({ caller, path }) => {
  const policy = await getPolicy(path.code);
  if (!policy || (policy.status === 'DRAFT' && !seesDraftPolicies(caller, policy.zone))) {
    throw notFound(policyText);
  }
  return respond(200, { policy });
});
