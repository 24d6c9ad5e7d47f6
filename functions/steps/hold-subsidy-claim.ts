import { workflowActor } from '../../domain/shared/audit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { applicationStepEventSchema } from '../shared/step-events.ts';
import { loadClaim } from '../shared/subsidy-claims.ts';
import { holdClaim, releaseClaim } from '../shared/subsidy-holds.ts';

/** How long a queued claim waits before it tries the budget again (engine time; `--time-scale` shortens it). */
const QUEUE_RETRY_MS = 60 * 60 * 1000;

const budgetExhausted = (availableCny: number, requiredCny: number): LocalizedText => ({
  zh: `政策预算不足：需 ${requiredCny} 元，剩余可用 ${availableCny} 元`,
  en: `The policy's budget is exhausted: CNY ${requiredCny} needed, CNY ${availableCny} left`,
});
const queueClosed: LocalizedText = {
  zh: '排队等待预算至政策受理截止日，仍无可用预算',
  en: 'No budget became free before the policy closed; the claim waited in the queue until then',
};

/**
 * Holds the claim's amount in the enterprise's allowances and the policy budget (see shared/subsidy-holds).
 * A budget too small refuses the claim or queues it, per the policy; a queued claim is tried again until
 * the policy's close date. Returns RESERVED, QUEUED (with when to retry) or REFUSED.
 */
export const handler = createStepHandler(applicationStepEventSchema, async ({ applicationId }) => {
  const { application, form, policy } = await loadClaim(applicationId);
  const held = await holdClaim(application.id, application.orgId, form, policy);
  const at = now();
  const atIso = at.toISOString();
  const queued = held.result === 'INSUFFICIENT_BUDGET' && policy.overdraftPolicy === 'QUEUE';
  const queueOpen = chinaDate(at) <= policy.closeDate;
  const result = held.result === 'RESERVED' ? 'RESERVED' : queued && queueOpen ? 'QUEUED' : 'REFUSED';
  const refusal =
    result !== 'REFUSED'
      ? undefined
      : held.result === 'NOTHING_TO_PAY'
        ? held.reason
        : queued
          ? queueClosed
          : budgetExhausted(
              held.result === 'INSUFFICIENT_BUDGET' ? held.availableCny : 0,
              held.amount.amountCny,
            );

  const updated = await updateUnlessTerminal(
    applicationId,
    {
      stage: result === 'QUEUED' ? 'BUDGET_QUEUE' : 'BUDGET_RESERVATION',
      assessment: {
        ...application.assessment,
        amount: held.amount,
        hold: { result, at: atIso, ...(refusal ? { reason: refusal } : {}) },
      },
      ...(refusal ? { closingReasons: [refusal] } : {}),
    },
    atIso,
  );
  // Withdrawn while this step ran: the withdrawal released what it saw, so give back what was taken since.
  if (!updated) {
    await releaseClaim(application.id, application.orgId, policy);
    return { result: 'REFUSED' as const };
  }
  await appendAuditEvent({
    applicationId,
    actor: workflowActor,
    action:
      result === 'RESERVED' ? 'BUDGET_RESERVED' : result === 'QUEUED' ? 'BUDGET_QUEUED' : 'BUDGET_REFUSED',
    stage: 'BUDGET_RESERVATION',
    ...(refusal ? { reason: refusal.zh } : {}),
    data: { policyCode: policy.code, amountCny: held.amount.amountCny, limitedBy: held.amount.limitedBy },
    eventKey: `hold:${result}:${application.revision}`,
    at: atIso,
  });
  return result === 'QUEUED'
    ? { result, retryAt: new Date(Date.now() + QUEUE_RETRY_MS).toISOString() }
    : { result };
});
