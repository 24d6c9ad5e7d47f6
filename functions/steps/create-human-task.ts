import { createHash } from 'node:crypto';
import { findProgram } from '../../domain/programs.ts';
import type { Application, HumanTask } from '../../domain/shared/application.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { deadlineAfterWorkingDays } from '../../domain/shared/calendar.ts';
import { findStage, isTerminalStatus, type StageDefinition } from '../../domain/shared/program.ts';
import { roleScope } from '../../domain/shared/roles.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { watchDeadline } from '../shared/deadlines.ts';
import { getPanel } from '../shared/experts.ts';
import { inboxQueue } from '../shared/keys.ts';
import { createStepHandler } from '../shared/step.ts';
import { createHumanTaskEventSchema } from '../shared/step-events.ts';
import { cancelOpenTask, getTask, insertTask } from '../shared/tasks.ts';

/** The same token (and member) always yields the same task id, which makes a retried step harmless. */
const taskIdFor = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

/** Remind at the end of the working day before the last one; a one-day step halfway through. */
const reminderTime = (createdAt: Date, workingDays: number, dueAt: string): string =>
  workingDays > 1
    ? deadlineAfterWorkingDays(createdAt, workingDays - 1).toISOString()
    : new Date((createdAt.getTime() + Date.parse(dueAt)) / 2).toISOString();

const statusFor = (stage: StageDefinition) => (stage.kind === 'revision' ? 'RETURNED' : 'IN_REVIEW');

const queueFor = (
  stage: StageDefinition,
  application: Application,
  taskId: string,
  participant: { orgId: string } | undefined,
): string | undefined => {
  switch (stage.assignee) {
    case 'applicant':
      return inboxQueue('applicant', 'organization', application);
    case 'participant':
      return participant ? inboxQueue('participant', 'organization', participant) : undefined;
    case 'panel':
      // The panel's own task is in no one's inbox; its members' tasks are.
      return `Q#PANEL#${taskId}`;
    default:
      return inboxQueue(stage.assignee, roleScope[stage.assignee], application);
  }
};

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

  const participant = stage.assignee === 'participant' ? stage.participantOf?.(application) : undefined;
  if (stage.assignee === 'participant' && !participant) {
    throw new Error(`Application ${application.id} names no participant for ${stage.code}`);
  }
  const queue = queueFor(stage, application, taskId, participant);
  if (!queue) throw new Error(`Application ${application.id} lacks the scope to queue ${stage.code}`);
  const panel = stage.kind === 'panel' ? await getPanel(application.id) : undefined;
  if (stage.kind === 'panel' && !panel) throw new Error(`Application ${application.id} has no expert panel`);

  const createdAt = now();
  const base = {
    applicationId: application.id,
    program: application.program,
    stage: stage.code,
    title: application.title,
    zone: application.zone,
    district: application.district,
    orgId: participant?.orgId ?? application.orgId,
    status: 'OPEN' as const,
    createdAt: createdAt.toISOString(),
    dueAt: deadlineAfterWorkingDays(createdAt, stage.deadlineWorkingDays).toISOString(),
    version: 1,
  };
  const task: HumanTask = {
    ...base,
    taskId,
    kind: stage.kind,
    queue,
    assigneeRole: participant?.role ?? stage.assignee,
  };
  const memberTasks: HumanTask[] = (panel?.members ?? []).map((member) => {
    const memberTaskId = taskIdFor(event.taskToken, member.userId);
    return {
      ...base,
      taskId: memberTaskId,
      kind: 'panel-member',
      queue: inboxQueue('expert', 'user', { userId: member.userId }) ?? '',
      assigneeRole: 'expert',
      assigneeUserId: member.userId,
      parentTaskId: taskId,
    };
  });

  // Tasks become visible last: once someone can see one, a decision may move the workflow on at once,
  // and no write of this step may land after that.
  const participants = participant
    ? [...new Set([...(application.participants ?? []), participant.orgId])]
    : undefined;
  const updated = await updateUnlessTerminal(
    application.id,
    { stage: stage.code, status: statusFor(stage), ...(participants ? { participants } : {}) },
    base.createdAt,
  );
  if (!updated) return { taskId: null, skipped: 'closed' };
  await appendAuditEvent({
    applicationId: application.id,
    actor: workflowActor,
    action: 'TASK_CREATED',
    stage: stage.code,
    data: {
      taskId,
      assignee: participant ? `${participant.role}:${participant.orgId}` : stage.assignee,
      dueAt: base.dueAt,
      ...(memberTasks.length > 0 ? { members: memberTasks.map((member) => member.assigneeUserId) } : {}),
    },
    eventKey: `task:${taskId}:created`,
    at: base.createdAt,
  });
  // The panel's own task is nobody's to answer; its members' tasks carry the deadline.
  const visible = stage.kind === 'panel' ? memberTasks : [task];
  for (const watched of visible) {
    await watchDeadline({
      taskId: watched.taskId,
      applicationId: application.id,
      phase: 'REMIND',
      remindAt: reminderTime(createdAt, stage.deadlineWorkingDays, watched.dueAt),
      dueAt: watched.dueAt,
    });
  }
  await insertTask(task, event.taskToken);
  for (const memberTask of memberTasks) await insertTask(memberTask);

  const current = await getApplication(application.id);
  if (!current || isTerminalStatus(current.status)) {
    // Withdrawn while we wrote: the withdrawal's sweep may have run before the tasks existed.
    for (const created of [task, ...memberTasks]) await cancelOpenTask(created.taskId, base.createdAt);
    return { taskId, skipped: 'closed' };
  }
  return { taskId };
});
