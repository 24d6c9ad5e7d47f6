import type { HumanTask } from '../../domain/shared/application.ts';
import { totalScore } from '../../domain/shared/expert.ts';
import type { ProgramDefinition } from '../../domain/shared/program.ts';
import { appendAuditEvent } from './audit-log.ts';
import { nowIso } from './clock.ts';
import { deliverDecision } from './decisions.ts';
import { listTasksOfApplication, recordDecision } from './tasks.ts';

/** When the last member has submitted, the panel's own task is decided with the average of the totals. */
export const completePanelIfDone = async (program: ProgramDefinition, memberTask: HumanTask) => {
  const siblings = (await listTasksOfApplication(memberTask.applicationId)).filter(
    (task) => task.parentTaskId === memberTask.parentTaskId,
  );
  if (siblings.some((task) => task.status !== 'COMPLETED')) return undefined;
  const totals = siblings.map((task) =>
    totalScore((task.decision?.data?.scores ?? {}) as Record<string, number>),
  );
  const average = Math.round((totals.reduce((sum, total) => sum + total, 0) / totals.length) * 100) / 100;
  const passAverage = program.expertPanel?.passAverage ?? 0;
  const decidedAt = nowIso();
  const outcome = average >= passAverage ? 'APPROVE' : 'REJECT';
  const parentId = memberTask.parentTaskId ?? '';
  // Concurrent last submissions race here; the conditional write lets exactly one decide the panel.
  const result = await recordDecision(parentId, {
    outcome,
    data: { average, passAverage, totals },
    decidedBy: 'panel',
    decidedByRole: 'panel',
    decidedAt,
  });
  if (!result.ok) return undefined;
  await appendAuditEvent({
    applicationId: memberTask.applicationId,
    actor: { id: 'panel', role: 'panel', name: '专家组 / Expert panel' },
    action: outcome === 'APPROVE' ? 'EXPERT_PANEL_PASSED' : 'EXPERT_PANEL_FAILED',
    stage: memberTask.stage,
    data: { average, passAverage, totals },
    eventKey: `decision:${parentId}`,
    at: decidedAt,
  });
  return deliverDecision(result.task, result.taskToken);
};
