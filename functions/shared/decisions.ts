import type { HumanTask } from '../../domain/shared/application.ts';
import { nowIso } from './clock.ts';
import { logger } from './powertools.ts';
import { closeDecidedTask, countDeliveryAttempt } from './tasks.ts';
import { type DeliveryOutcome, deliverTaskResult } from './workflows.ts';

/**
 * Hands a recorded decision to the waiting execution. A failed hand-over leaves the task in the
 * undelivered queue, where the redelivery sweeper picks it up; a waiting state that no longer exists
 * closes the task as orphaned.
 */
export const deliverDecision = async (task: HumanTask, taskToken: string): Promise<DeliveryOutcome> => {
  const decision = task.decision;
  if (!decision) throw new Error(`Task ${task.taskId} has no decision to deliver`);
  const outcome = await deliverTaskResult(taskToken, {
    taskId: task.taskId,
    outcome: decision.outcome,
    ...(decision.comment !== undefined ? { comment: decision.comment } : {}),
    ...(decision.data !== undefined ? { data: decision.data } : {}),
    decidedBy: decision.decidedBy,
    ...(decision.decidedByName !== undefined ? { decidedByName: decision.decidedByName } : {}),
    decidedAt: decision.decidedAt,
  });
  if (outcome === 'delivered') await closeDecidedTask(task.taskId, 'COMPLETED', nowIso());
  else if (outcome === 'gone') await closeDecidedTask(task.taskId, 'ORPHANED', nowIso(), taskToken);
  else {
    logger.warn('Decision delivery failed; left for redelivery', { taskId: task.taskId });
    await countDeliveryAttempt(task.taskId);
  }
  return outcome;
};
