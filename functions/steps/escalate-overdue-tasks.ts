import { findProgram } from '../../domain/programs.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { findStage } from '../../domain/shared/program.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { deleteWatch, dueWatches, escalateTask, moveWatchToEscalation } from '../shared/deadlines.ts';
import { inboxQueue } from '../shared/keys.ts';
import { notify } from '../shared/notifications.ts';
import { createStepHandler } from '../shared/step.ts';
import { scheduledEventSchema } from '../shared/step-events.ts';
import { getTask } from '../shared/tasks.ts';

const BATCH = 100;
const MAX_BATCHES = 20;

/**
 * Reminds assignees before a human step's deadline (催办) and, once it has passed, puts the task in the
 * leading-group office's inbox as overdue (督办). The assignee can still decide; deciding removes it from
 * the office's inbox. Every step is idempotent, so overlapping runs are harmless.
 */
export const handler = createStepHandler(scheduledEventSchema, async () => {
  const at = now();
  const atIso = at.toISOString();
  const counts = { reminded: 0, escalated: 0, closed: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const watches = await dueWatches(atIso, BATCH);
    if (watches.length === 0) break;
    for (const watch of watches) {
      const task = await getTask(watch.taskId);
      if (!task || (task.status !== 'OPEN' && task.status !== 'CLAIMED')) {
        await deleteWatch(watch.taskId);
        counts.closed += 1;
        continue;
      }
      const program = findProgram(task.program);
      const stage = (program ? findStage(program, task.stage)?.name : undefined) ?? {
        zh: task.stage,
        en: task.stage,
      };
      if (watch.phase === 'REMIND') {
        await notify({
          id: `due-soon:${task.taskId}`,
          recipient: task.queue,
          kind: 'TASK_DUE_SOON',
          title: { zh: `待办即将到期：${task.title}`, en: `Task due soon: ${task.title}` },
          body: {
            zh: `「${stage.zh}」将于 ${task.dueAt} 到期，请及时办理。`,
            en: `${stage.en} is due at ${task.dueAt}.`,
          },
          applicationId: task.applicationId,
          taskId: task.taskId,
          createdAt: atIso,
        });
        await moveWatchToEscalation(watch);
        counts.reminded += 1;
        if (watch.dueAt > atIso) continue;
      }
      const officeQueue = inboxQueue('office', 'zone', { zone: task.zone });
      if (!officeQueue) throw new Error(`Task ${task.taskId} has no zone to escalate within`);
      if (await escalateTask(task, officeQueue, atIso)) {
        await notify({
          id: `overdue:${task.taskId}`,
          recipient: task.queue,
          kind: 'TASK_OVERDUE',
          title: { zh: `催办：${task.title}`, en: `Overdue: ${task.title}` },
          body: {
            zh: `「${stage.zh}」已超过办理期限，已上报领导小组办公室督办。`,
            en: `${stage.en} is past its deadline and was escalated to the leading-group office.`,
          },
          applicationId: task.applicationId,
          taskId: task.taskId,
          createdAt: atIso,
        });
        await notify({
          id: `escalated:${task.taskId}`,
          recipient: officeQueue,
          kind: 'TASK_ESCALATED',
          title: { zh: `督办：${task.title}`, en: `Escalated: ${task.title}` },
          body: {
            zh: `「${stage.zh}」已超期，请督促办理。`,
            en: `${stage.en} is overdue.`,
          },
          applicationId: task.applicationId,
          taskId: task.taskId,
          createdAt: atIso,
        });
        await appendAuditEvent({
          applicationId: task.applicationId,
          actor: workflowActor,
          action: 'TASK_ESCALATED',
          stage: task.stage,
          data: {
            taskId: task.taskId,
            dueAt: task.dueAt,
            assignee: task.assigneeRole,
            escalatedTo: 'office',
          },
          eventKey: `escalated:${task.taskId}`,
          at: atIso,
        });
        counts.escalated += 1;
      }
      await deleteWatch(watch.taskId);
    }
  }
  return counts;
});
