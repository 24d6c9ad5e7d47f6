import type { ApprovedAmountDecision, Disbursement } from '../../domain/shared/stages.ts';
import { getApplication } from './applications.ts';
import { registerDecisionGuard } from './decision-guards.ts';
import { listTasksOfApplication } from './tasks.ts';

/**
 * Programs that pay an amount by rule (BRAND, SUBSIDY) keep it at `assessment.amount.amountCny`; for
 * SUBSIDY that is also the amount the budget holds for the claim.
 */
const computedAmountOf = async (applicationId: string): Promise<number | undefined> => {
  const application = await getApplication(applicationId);
  const amount = (application?.assessment?.amount as { amountCny?: unknown } | undefined)?.amountCny;
  return typeof amount === 'number' ? amount : undefined;
};

// The municipal reviewer may approve the computed amount or less, and less only with a reason.
registerDecisionGuard('approved-amount', async (task, outcome, data) => {
  if (outcome !== 'APPROVE') return undefined;
  const { approvedAmountCny, reason } = (data ?? {}) as ApprovedAmountDecision;
  const computed = await computedAmountOf(task.applicationId);
  if (computed === undefined || approvedAmountCny === undefined) return undefined;
  if (approvedAmountCny > computed) {
    return {
      zh: `核定金额不得超过按规则计算的金额 ${computed} 元`,
      en: `The approved amount cannot exceed the amount by rule, CNY ${computed}`,
    };
  }
  if (approvedAmountCny < computed && reason === undefined) {
    return { zh: '核减金额须说明理由', en: 'A reduced amount needs a reason' };
  }
  return undefined;
});

/** The amount of the latest municipal approval: what finance must pay. */
export const approvedAmountOf = async (applicationId: string): Promise<number | undefined> => {
  const approvals = (await listTasksOfApplication(applicationId))
    .filter((task) => task.stage === 'MUNICIPAL_REVIEW' && task.decision?.outcome === 'APPROVE')
    .sort((a, b) => (a.decision?.decidedAt ?? '').localeCompare(b.decision?.decidedAt ?? ''));
  const amount = approvals.at(-1)?.decision?.data?.approvedAmountCny;
  return typeof amount === 'number' ? amount : undefined;
};

registerDecisionGuard('disbursed-amount', async (task, _outcome, data) => {
  const { amountCny } = data as Disbursement;
  const approved = await approvedAmountOf(task.applicationId);
  if (approved === undefined) {
    return { zh: '未找到市级核定金额', en: 'No approved amount was found for this application' };
  }
  if (amountCny !== approved) {
    return {
      zh: `拨付金额须等于核定金额 ${approved} 元`,
      en: `The amount disbursed must equal the approved amount, CNY ${approved}`,
    };
  }
  return undefined;
});
