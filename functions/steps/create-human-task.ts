import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { findProgram } from '../../domain/programs.ts';
import type { Application, HumanTask } from '../../domain/shared/application.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { deadlineAfterWorkingDays } from '../../domain/shared/calendar.ts';
import { findStage, isTerminalStatus, type StageDefinition } from '../../domain/shared/program.ts';
import { roleScope } from '../../domain/shared/roles.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent, listAuditEvents } from '../shared/audit-log.ts';
import { documentClient, tableName } from '../shared/clients.ts';
import { now } from '../shared/clock.ts';
import { isConditionFailure } from '../shared/conditions.ts';
import { watchDeadline } from '../shared/deadlines.ts';
import { getPanel } from '../shared/experts.ts';
import { inboxQueue, keys } from '../shared/keys.ts';
import { createStepHandler } from '../shared/step.ts';
import { createHumanTaskEventSchema } from '../shared/step-events.ts';
import { cancelOpenTask, getTask, insertTask, listTasksOfApplication } from '../shared/tasks.ts';

/** The same token (and member) always yields the same task id, which makes a retried step harmless. */
const taskIdFor = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

/** Remind at the end of the working day before the last one; a one-day step halfway through. */
const reminderTime = (createdAt: Date, workingDays: number, dueAt: string): string =>
  workingDays > 1
    ? deadlineAfterWorkingDays(createdAt, workingDays - 1).toISOString()
    : new Date((createdAt.getTime() + Date.parse(dueAt)) / 2).toISOString();

const statusFor = (stage: StageDefinition) => (stage.kind === 'revision' ? 'RETURNED' : 'IN_REVIEW');

/**
 * Step Functions gives every attempt of a callback state a new task token, so a Retry after an attempt
 * that created the task but failed anyway (its result lost, or a later write failing) comes with a token
 * that names no task. That attempt's TASK_CREATED event is the trace it leaves first: the stage's latest
 * one names a task that is missing (the attempt stopped before inserting it), still open, or decided with
 * the dead token (its delivery found the old token gone). A task of an earlier entry of the stage is
 * completed (its decision reached the workflow, which then moved on) or cancelled (the application
 * closed), so one in any other status belongs to this entry. Returns its id, to be finished and handed
 * the new token.
 */
const earlierAttemptTaskId = async (applicationId: string, stage: string): Promise<string | undefined> => {
  const events = await listAuditEvents(applicationId);
  const created = events.findLast((event) => event.action === 'TASK_CREATED' && event.stage === stage);
  const taskId = created?.data?.taskId;
  if (typeof taskId !== 'string') return undefined;
  const task = await getTask(taskId);
  return !task || !['COMPLETED', 'CANCELLED'].includes(task.status) ? taskId : undefined;
};

/** One conditional write of the task's token; false when the task's status is not `status` (any more). */
const setToken = async (taskId: string, status: string[], set: string, values: Record<string, unknown>) => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(taskId),
        UpdateExpression: `SET ${set}`,
        ConditionExpression: `#status IN (${status.map((_, index) => `:s${index}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ...values,
          ...Object.fromEntries(status.map((value, index) => [`:s${index}`, value])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/**
 * Hands an earlier attempt's task the token of the attempt that now waits for it. An open task just
 * changes token (one decided after this write delivers to the waiting attempt). One decided before, whose
 * delivery used the old token and found it gone (ORPHANED) or has not happened yet (DECIDED), goes back to
 * the undelivered queue with the new token: the redelivery sweeper hands the decision to this attempt.
 */
const moveToToken = async (taskId: string, taskToken: string): Promise<void> => {
  if (await setToken(taskId, ['OPEN', 'CLAIMED'], 'taskToken = :token', { ':token': taskToken })) return;
  const task = await getTask(taskId);
  if (!task?.decision || !['DECIDED', 'ORPHANED'].includes(task.status)) return;
  // Either status: the decision's own delivery may orphan it between the read and this write.
  await setToken(
    taskId,
    ['DECIDED', 'ORPHANED'],
    'taskToken = :token, #status = :decided, gsi1pk = :undelivered, gsi1sk = :sortKey',
    {
      ':token': taskToken,
      ':decided': 'DECIDED',
      ':undelivered': keys.undeliveredQueue,
      ':sortKey': keys.inboxSort(task.decision.decidedAt, taskId),
    },
  );
};

/** A panel member's share of the panel's task; its id follows from the panel task's and the member's. */
const memberTaskOf = (panelTask: HumanTask, userId: string): HumanTask => ({
  applicationId: panelTask.applicationId,
  program: panelTask.program,
  stage: panelTask.stage,
  title: panelTask.title,
  zone: panelTask.zone,
  district: panelTask.district,
  orgId: panelTask.orgId,
  status: 'OPEN',
  createdAt: panelTask.createdAt,
  dueAt: panelTask.dueAt,
  version: 1,
  taskId: taskIdFor(panelTask.taskId, userId),
  kind: 'panel-member',
  queue: inboxQueue('expert', 'user', { userId }) ?? '',
  assigneeRole: 'expert',
  assigneeUserId: userId,
  parentTaskId: panelTask.taskId,
});

/**
 * Each panel member without a task under the panel's gets one: the deadline watched first, then the task
 * made visible (both writes idempotent). Members who have one keep it, whatever its id.
 */
const publishMembers = async (panelTask: HumanTask, userIds: readonly string[], workingDays: number) => {
  const existing = new Set(
    (await listTasksOfApplication(panelTask.applicationId))
      .filter((task) => task.parentTaskId === panelTask.taskId)
      .map((task) => task.assigneeUserId),
  );
  const tasks = userIds
    .filter((userId) => !existing.has(userId))
    .map((userId) => memberTaskOf(panelTask, userId));
  for (const task of tasks) {
    await watchDeadline({
      taskId: task.taskId,
      applicationId: task.applicationId,
      phase: 'REMIND',
      remindAt: reminderTime(new Date(task.createdAt), workingDays, task.dueAt),
      dueAt: task.dueAt,
    });
  }
  for (const task of tasks) await insertTask(task);
};

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
  const ownTaskId = taskIdFor(event.taskToken);
  // A retry after the task was created must not touch the application again: the decision may already
  // have moved it to a later stage.
  const existing = await getTask(ownTaskId);
  if (existing) {
    // Except an open panel's members: an attempt that stopped (crashed) between the panel's task and
    // theirs left some without one, and the panel would be decided without their scores.
    if (existing.kind === 'panel' && existing.status === 'OPEN') {
      const members = (await getPanel(application.id))?.members ?? [];
      await publishMembers(
        existing,
        members.map((member) => member.userId),
        stage.deadlineWorkingDays,
      );
    }
    return { taskId: ownTaskId, skipped: 'exists' };
  }
  // An earlier attempt of this entry set the application's stage before its TASK_CREATED event; while the
  // stage is another one, there is none, and the audit trail need not be read on this hot path.
  const earlierTaskId =
    application.stage === stage.code ? await earlierAttemptTaskId(application.id, stage.code) : undefined;
  const taskId = earlierTaskId ?? ownTaskId;

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
  // From the panel's task id, not the token: an attempt that finishes an earlier one finds its members.
  const memberTasks = (panel?.members ?? []).map((member) => memberTaskOf(task, member.userId));

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
  // The earlier attempt's event stands (appending again would repeat it once other events followed).
  if (!earlierTaskId)
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
  if (stage.kind !== 'panel') {
    await watchDeadline({
      taskId: task.taskId,
      applicationId: application.id,
      phase: 'REMIND',
      remindAt: reminderTime(createdAt, stage.deadlineWorkingDays, task.dueAt),
      dueAt: task.dueAt,
    });
  }
  if ((await insertTask(task, event.taskToken)) === 'exists') await moveToToken(task.taskId, event.taskToken);
  if (panel) {
    await publishMembers(
      task,
      panel.members.map((member) => member.userId),
      stage.deadlineWorkingDays,
    );
  }

  const current = await getApplication(application.id);
  if (!current || isTerminalStatus(current.status)) {
    // Withdrawn while we wrote: the withdrawal's sweep may have run before the tasks existed.
    for (const created of [task, ...memberTasks]) await cancelOpenTask(created.taskId, base.createdAt);
    return { taskId, skipped: 'closed' };
  }
  return { taskId };
});
