import { z } from 'zod';
import { policyCodeSchema } from '../../domain/subsidy/policy.ts';
import { notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { keys } from '../shared/keys.ts';
import { getLedger, ledgerFigures } from '../shared/ledgers.ts';
import { getPolicy, policyText, seesDraftPolicies } from '../shared/policies.ts';

const pathSchema = z.object({ code: policyCodeSchema }).strict();

/**
 * A policy's budget as it stands: total, available, reserved by live claims and committed by
 * disbursements (one consistent read of one item, so the four always add up). Before the first claim
 * the whole budget is available. Per-claim shares are not shown.
 */
export const handler = createApiHandler({ path: pathSchema }, async ({ caller, path }) => {
  const policy = await getPolicy(path.code);
  if (!policy || (policy.status === 'DRAFT' && !seesDraftPolicies(caller, policy.zone))) {
    throw notFound(policyText);
  }
  const ledger = await getLedger(keys.budget(policy.code));
  const budget = ledger
    ? ledgerFigures(ledger)
    : {
        totalCny: policy.totalBudgetCny,
        availableCny: policy.totalBudgetCny,
        reservedCny: 0,
        committedCny: 0,
      };
  return respond(200, { policyCode: policy.code, budget });
});
