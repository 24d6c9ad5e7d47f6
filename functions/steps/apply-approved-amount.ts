import { updateUnlessTerminal } from '../shared/applications.ts';
import { deciderOf } from '../shared/audit-actor.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { applyApprovedAmountEventSchema } from '../shared/step-events.ts';
import { loadClaim } from '../shared/subsidy-claims.ts';
import { reduceClaim } from '../shared/subsidy-holds.ts';

/**
 * Lowers the claim's holds to the amount the municipal reviewer approved (the guard on the decision kept
 * it at or below the held amount); the difference goes back to the budget and the allowances.
 */
export const handler = createStepHandler(
  applyApprovedAmountEventSchema,
  async ({ applicationId, decision }) => {
    const { application, policy } = await loadClaim(applicationId);
    const { approvedAmountCny, reason } = decision.data;
    const computedCny = (application.assessment?.amount as { amountCny?: number } | undefined)?.amountCny;
    if (!(await reduceClaim(application.id, application.orgId, policy, approvedAmountCny))) {
      throw new Error(`Claim ${applicationId} holds less than the approved CNY ${approvedAmountCny}`);
    }
    const at = nowIso();
    await updateUnlessTerminal(
      applicationId,
      { assessment: { ...application.assessment, approvedAmountCny } },
      at,
    );
    if (computedCny !== undefined && approvedAmountCny < computedCny) {
      await appendAuditEvent({
        applicationId,
        actor: deciderOf(decision, 'municipal_reviewer'),
        action: 'AMOUNT_REDUCED',
        stage: 'MUNICIPAL_REVIEW',
        reason,
        data: { computedCny, approvedAmountCny, releasedCny: computedCny - approvedAmountCny },
        eventKey: `reduced:${decision.taskId}`,
        at,
      });
    }
    return { approvedAmountCny };
  },
);
