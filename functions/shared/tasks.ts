import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type HumanTask, humanTaskSchema } from '../../domain/shared/application.ts';
import {
  countsForStageTime,
  mergeDeltas,
  overdueDeltas,
  stageDecisionDeltas,
} from '../../domain/statistics/counters.ts';
import { documentClient, tableName } from './clients.ts';
import { isConditionFailure } from './conditions.ts';
import { removeEscalation } from './deadlines.ts';
import { keys } from './keys.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';
import { queryAll } from './query-all.ts';
import { adjustCounters } from './statistics.ts';

/** Stored beside the task but never returned by the API: whoever holds it can drive the workflow. */
interface StoredTask extends HumanTask {
  /** Only the task that answers a workflow state holds its token; panel members report to their panel task. */
  taskToken?: string;
}

const toTask = (item: Record<string, unknown>): HumanTask => humanTaskSchema.parse(item);

/**
 * A task that stops being open leaves the overdue count if it was in it; a decision also adds its time to
 * the stage's. Called only by the write that won the task's conditional update, so nothing counts twice.
 */
const countTaskClosed = async (task: HumanTask, decidedAt: string | undefined, cause: string) =>
  adjustCounters(
    task,
    mergeDeltas(
      task.overdue === true ? overdueDeltas(task, -1) : {},
      decidedAt !== undefined && countsForStageTime(task) ? stageDecisionDeltas(task, decidedAt) : {},
    ),
    `task:${task.taskId}:${cause}`,
  );

export const getTask = async (taskId: string): Promise<HumanTask | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.task(taskId), ConsistentRead: true }),
  );
  return Item ? toTask(Item) : undefined;
};

export const getTaskToken = async (taskId: string): Promise<string | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.task(taskId),
      ConsistentRead: true,
      ProjectionExpression: 'taskToken',
    }),
  );
  return typeof Item?.taskToken === 'string' ? Item.taskToken : undefined;
};

/** Idempotent: a retried task-creating step with the same token finds the task already there. */
export const insertTask = async (task: HumanTask, taskToken?: string): Promise<'created' | 'exists'> => {
  const item: StoredTask & Record<string, unknown> = {
    ...keys.task(task.taskId),
    type: 'TASK',
    gsi1pk: task.queue,
    gsi1sk: keys.inboxSort(task.dueAt, task.taskId),
    gsi2pk: keys.tasksOfApplication(task.applicationId),
    gsi2sk: keys.taskApplicationSort(task.createdAt, task.taskId),
    ...task,
    ...(taskToken !== undefined ? { taskToken } : {}),
  };
  try {
    await documentClient.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return 'created';
  } catch (error) {
    if (isConditionFailure(error)) return 'exists';
    throw error;
  }
};

export const listInbox = async (queue: string, limit: number, cursor: string | undefined) => {
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :queue',
      ExpressionAttributeValues: { ':queue': queue },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: queue }),
    }),
  );
  return { items: Items.map(toTask), cursor: encodeCursor(LastEvaluatedKey) };
};

export const listTasksOfApplication = async (applicationId: string): Promise<HumanTask[]> =>
  (
    await queryAll({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :app AND begins_with(gsi2sk, :prefix)',
      ExpressionAttributeValues: { ':app': keys.tasksOfApplication(applicationId), ':prefix': 'TASK#' },
    })
  ).map(toTask);

export type ClaimResult = { ok: true; task: HumanTask } | { ok: false };

/** Claims an open task for one reviewer; re-claiming one's own task is allowed. */
export const claimTask = async (taskId: string, userId: string, now: string): Promise<ClaimResult> => {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(taskId),
        UpdateExpression: 'SET #status = :claimed, claimedBy = :me, claimedAt = :now ADD #version :one',
        ConditionExpression: '#status = :open OR (#status = :claimed AND claimedBy = :me)',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':open': 'OPEN',
          ':claimed': 'CLAIMED',
          ':me': userId,
          ':now': now,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? { ok: true, task: toTask(Attributes) } : { ok: false };
  } catch (error) {
    if (isConditionFailure(error)) return { ok: false };
    throw error;
  }
};

export type DecisionResult = { ok: true; task: HumanTask; taskToken: string } | { ok: false };

/**
 * Records the decision with one conditional write: only an open task, or one claimed by the decider,
 * can be decided, so among concurrent deciders exactly one succeeds. The task leaves the inbox and joins
 * the undelivered queue until the workflow has the decision.
 */
export const recordDecision = async (
  taskId: string,
  decision: NonNullable<HumanTask['decision']>,
): Promise<DecisionResult> => {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(taskId),
        UpdateExpression:
          'SET #status = :decided, decision = :decision, gsi1pk = :undelivered, gsi1sk = :sortKey ADD #version :one',
        ConditionExpression: '#status = :open OR (#status = :claimed AND claimedBy = :me)',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':decided': 'DECIDED',
          ':decision': decision,
          ':undelivered': keys.undeliveredQueue,
          ':sortKey': keys.inboxSort(decision.decidedAt, taskId),
          ':open': 'OPEN',
          ':claimed': 'CLAIMED',
          ':me': decision.decidedBy,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (!Attributes) return { ok: false };
    await removeEscalation(taskId);
    const task = toTask(Attributes);
    await countTaskClosed(task, decision.decidedAt, 'decided');
    return { ok: true, task, taskToken: String(Attributes.taskToken) };
  } catch (error) {
    if (isConditionFailure(error)) return { ok: false };
    throw error;
  }
};

/**
 * Closes a decided task once the workflow has accepted (COMPLETED) or can no longer take (ORPHANED) it.
 * `goneToken`: orphan only while the task still holds the token found gone; a retried task-creating step
 * may have handed it a live one meanwhile, and then the task stays queued for redelivery.
 */
export const closeDecidedTask = async (
  taskId: string,
  status: 'COMPLETED' | 'ORPHANED',
  now: string,
  goneToken?: string,
): Promise<void> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(taskId),
        UpdateExpression: 'SET #status = :status, deliveredAt = :now REMOVE gsi1pk, gsi1sk ADD #version :one',
        ConditionExpression: `#status = :decided${goneToken === undefined ? '' : ' AND taskToken = :token'}`,
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':status': status,
          ':decided': 'DECIDED',
          ':now': now,
          ':one': 1,
          ...(goneToken === undefined ? {} : { ':token': goneToken }),
        },
      }),
    );
  } catch (error) {
    // Another deliverer (the sweeper or a concurrent request) closed it first: nothing left to do.
    if (!isConditionFailure(error)) throw error;
  }
};

export const countDeliveryAttempt = async (taskId: string): Promise<void> => {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.task(taskId),
      UpdateExpression: 'ADD deliveryAttempts :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
};

/** Removes an open task from every inbox, e.g. after a withdrawal. Returns false if it was no longer open. */
export const cancelOpenTask = async (taskId: string, now: string): Promise<boolean> => {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(taskId),
        UpdateExpression:
          'SET #status = :cancelled, cancelledAt = :now REMOVE gsi1pk, gsi1sk ADD #version :one',
        ConditionExpression: '#status IN (:open, :claimed)',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':cancelled': 'CANCELLED',
          ':open': 'OPEN',
          ':claimed': 'CLAIMED',
          ':now': now,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    await removeEscalation(taskId);
    if (Attributes) await countTaskClosed(toTask(Attributes), undefined, 'cancelled');
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/**
 * Records one panel member's submission: the member's task closes at once (it holds no token) and waits
 * in the scored queue until its follow-ups are done (`settlePanelSubmission`); the panel's own task is
 * decided when the last member has submitted.
 */
export const recordPanelSubmission = async (
  taskId: string,
  decision: NonNullable<HumanTask['decision']>,
): Promise<ClaimResult> => {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(taskId),
        UpdateExpression:
          'SET #status = :completed, decision = :decision, deliveredAt = :at, gsi1pk = :scored, gsi1sk = :sortKey ADD #version :one',
        ConditionExpression: '#status = :open AND assigneeUserId = :me',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':completed': 'COMPLETED',
          ':decision': decision,
          ':at': decision.decidedAt,
          ':open': 'OPEN',
          ':me': decision.decidedBy,
          ':one': 1,
          ':scored': keys.scoredQueue,
          ':sortKey': keys.inboxSort(decision.decidedAt, taskId),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (!Attributes) return { ok: false };
    await removeEscalation(taskId);
    const task = toTask(Attributes);
    // A member's share of the panel: it leaves the overdue count; the panel's own task times the stage.
    await countTaskClosed(task, decision.decidedAt, 'submitted');
    return { ok: true, task };
  } catch (error) {
    if (isConditionFailure(error)) return { ok: false };
    throw error;
  }
};

/**
 * Takes a member's score out of the scored queue once its request (or the sweep) has written the audit
 * event and tried the panel's completion; a score whose request failed before that stays for the sweep.
 */
export const settlePanelSubmission = async (taskId: string): Promise<void> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(taskId),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'gsi1pk = :scored',
        ExpressionAttributeValues: { ':scored': keys.scoredQueue },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};
