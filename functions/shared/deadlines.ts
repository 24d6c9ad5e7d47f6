import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { HumanTask } from '../../domain/shared/application.ts';
import { overdueDeltas } from '../../domain/statistics/counters.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
import { adjustCounters } from './statistics.ts';

export const deadlineWatchSchema = z.object({
  taskId: z.string(),
  applicationId: z.string(),
  /** `REMIND`: the assignee is reminded at `remindAt`; `ESCALATE`: the office is told at `dueAt`. */
  phase: z.enum(['REMIND', 'ESCALATE']),
  remindAt: z.string(),
  dueAt: z.string(),
});
export type DeadlineWatch = z.infer<typeof deadlineWatchSchema>;

const watchItem = (watch: DeadlineWatch) => ({
  ...keys.deadlineWatch(watch.taskId),
  gsi2pk: keys.deadlineWatches,
  gsi2sk: `${watch.phase === 'REMIND' ? watch.remindAt : watch.dueAt}#${watch.taskId}`,
  type: 'DEADLINE_WATCH',
  ...watch,
});

/** Idempotent; written before the task becomes visible, so every visible task is watched. */
export const watchDeadline = async (watch: DeadlineWatch): Promise<void> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: watchItem(watch),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};

/** Watches whose next moment has come, oldest first. */
export const dueWatches = async (nowIso: string, limit: number): Promise<DeadlineWatch[]> => {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :watches AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':watches': keys.deadlineWatches, ':now': `${nowIso}#~` },
      Limit: limit,
    }),
  );
  return Items.map((item) => deadlineWatchSchema.parse(item));
};

export const moveWatchToEscalation = async (watch: DeadlineWatch): Promise<void> => {
  await documentClient.send(
    new PutCommand({ TableName: tableName, Item: watchItem({ ...watch, phase: 'ESCALATE' }) }),
  );
};

export const deleteWatch = async (taskId: string): Promise<void> => {
  await documentClient.send(new DeleteCommand({ TableName: tableName, Key: keys.deadlineWatch(taskId) }));
};

/**
 * Puts an overdue task into the office's inbox as well, and marks it overdue where it is. The copy goes
 * first: if the task was decided meanwhile, the conditional mark fails and the copy is taken back, and
 * a decision that lands after the mark removes the copy itself (see tasks.ts).
 */
export const escalateTask = async (task: HumanTask, officeQueue: string, at: string): Promise<boolean> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.escalation(task.taskId),
        gsi1pk: officeQueue,
        gsi1sk: keys.inboxSort(task.dueAt, task.taskId),
        type: 'ESCALATION',
        ...task,
        overdue: true,
        escalatedAt: at,
      },
    }),
  );
  try {
    const { Attributes: before } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(task.taskId),
        UpdateExpression: 'SET overdue = :true, escalatedAt = :at ADD #version :one',
        ConditionExpression: '#status IN (:open, :claimed)',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':true': true,
          ':at': at,
          ':open': 'OPEN',
          ':claimed': 'CLAIMED',
          ':one': 1,
        },
        // The old `overdue`: only the run that marked it first counts it (overlapping runs mark it again).
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    if (before?.overdue !== true) {
      await adjustCounters(task, overdueDeltas(task, 1), `task:${task.taskId}:overdue`);
    }
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    await removeEscalation(task.taskId);
    return false;
  }
};

export const removeEscalation = async (taskId: string): Promise<void> => {
  await documentClient.send(new DeleteCommand({ TableName: tableName, Key: keys.escalation(taskId) }));
};
