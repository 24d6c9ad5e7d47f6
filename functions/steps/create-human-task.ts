import { createHash } from 'node:crypto';
import { findProgram } from '../../domain/programs.ts';
import type { HumanTask } from '../../domain/shared/application.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { deadlineAfterWorkingDays } from '../../domain/shared/calendar.ts';
import { findStage, isTerminalStatus } from '../../domain/shared/program.ts';
import { roleScope } from '../../domain/shared/roles.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { inboxQueue } from '../shared/keys.ts';
import { createStepHandler } from '../shared/step.ts';
import { createHumanTaskEventSchema } from '../shared/step-events.ts';
import { cancelOpenTask, getTask, insertTask } from '../shared/tasks.ts';

/** The same token always yields the same task id, which makes a retried step harmless. */
const taskIdFor = (taskToken: string) =>
  createHash('sha256').update(taskToken).digest('base64url').slice(0, 22);

export const handler = createStepHandler(createHumanTaskEventSchema, async (event) => {
  const application = await getApplication(event.applicationId);
  if (!application) throw new Error(`Application ${event.applicationId} does not exist`);
  const program = findProgram(application.program);
  const stage = program ? findStage(program, event.stage) : undefined;
  if (!program || !stage) throw new Error(`Stage ${event.stage} is not defined for ${application.program}`);
  if (isTerminalStatus(application.status)) return { taskId: null, skipped: application.status };
  const taskId = taskIdFor(event.taskToken);
  // A retry after the task was created must not touch the application again: the decision may already
  // have moved it to a later stage.
  if (await getTask(taskId)) return { taskId, skipped: 'exists' };

  const queue =
    stage.assignee === 'applicant'
      ? inboxQueue('applicant', 'organization', application)
      : inboxQueue(stage.assignee, roleScope[stage.assignee], application);
  if (!queue) throw new Error(`Application ${application.id} lacks the scope to queue ${stage.code}`);

  const createdAt = now();
  const task: HumanTask = {
    taskId,
    applicationId: application.id,
    program: application.program,
    stage: stage.code,
    kind: stage.kind,
    title: application.title,
    queue,
    assigneeRole: stage.assignee,
    zone: application.zone,
    district: application.district,
    orgId: application.orgId,
    status: 'OPEN',
    createdAt: createdAt.toISOString(),
    dueAt: deadlineAfterWorkingDays(createdAt, stage.deadlineWorkingDays).toISOString(),
    version: 1,
  };
  // The task becomes visible last: once a reviewer can see it, a decision may move the workflow on at
  // once, and no write of this step may land after that.
  const updated = await updateUnlessTerminal(
    application.id,
    { stage: stage.code, status: stage.kind === 'revision' ? 'RETURNED' : 'IN_REVIEW' },
    task.createdAt,
  );
  if (!updated) return { taskId: null, skipped: 'closed' };
  await appendAuditEvent({
    applicationId: application.id,
    actor: workflowActor,
    action: 'TASK_CREATED',
    stage: stage.code,
    data: { taskId: task.taskId, assignee: stage.assignee, dueAt: task.dueAt },
    eventKey: `task:${task.taskId}:created`,
    at: task.createdAt,
  });
  await insertTask(task, event.taskToken);
  const current = await getApplication(application.id);
  if (!current || isTerminalStatus(current.status)) {
    // Withdrawn while we wrote: the withdrawal's sweep may have run before the task existed.
    await cancelOpenTask(task.taskId, task.createdAt);
    return { taskId: task.taskId, skipped: 'closed' };
  }
  return { taskId: task.taskId };
});
