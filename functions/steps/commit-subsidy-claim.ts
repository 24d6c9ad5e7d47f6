import { workflowActor } from '../../domain/shared/audit.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { applicationStepEventSchema } from '../shared/step-events.ts';
import { loadClaim } from '../shared/subsidy-claims.ts';
import { commitClaim } from '../shared/subsidy-holds.ts';

/** After finance recorded the payment: the claim's holds become commitments (spent budget). */
export const handler = createStepHandler(applicationStepEventSchema, async ({ applicationId }) => {
  const { application, policy } = await loadClaim(applicationId);
  const committedCny = await commitClaim(application.id, application.orgId, policy);
  await appendAuditEvent({
    applicationId,
    actor: workflowActor,
    action: 'BUDGET_COMMITTED',
    stage: 'DISBURSEMENT',
    data: { policyCode: policy.code, committedCny },
    eventKey: 'budget-committed',
    at: nowIso(),
  });
  return { committedCny };
});
