import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Application, applicationSchema } from '../../domain/shared/application.ts';
import {
  type ApplicationStatus,
  applicationStatusSchema,
  terminalStatuses,
} from '../../domain/shared/program.ts';
import { applicationStatusDeltas } from '../../domain/statistics/counters.ts';
import { documentClient, tableName } from './clients.ts';
import { isConditionFailure } from './conditions.ts';
import { keys } from './keys.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';
import { adjustCounters } from './statistics.ts';

const toApplication = (item: Record<string, unknown>): Application => applicationSchema.parse(item);

export const getApplication = async (id: string): Promise<Application | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.application(id), ConsistentRead: true }),
  );
  return Item ? toApplication(Item) : undefined;
};

/**
 * The application id a keyed submission gets: the same (owner, key) always names the same application, so
 * a retry after a request that stopped half-way (a crash, a timeout, after the idempotency record's
 * in-progress window) finds and finishes that application instead of leaving it behind and making another.
 */
export const applicationIdForKey = (keyOwner: string, idempotencyKey: string): string => {
  const hex = createHash('sha256').update(`${keyOwner}\n${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Fails with ConditionalCheckFailedException if the id is taken. */
export const insertApplication = async (application: Application): Promise<void> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.application(application.id),
        gsi2pk: keys.applicationsOfOrg(application.orgId),
        gsi2sk: keys.applicationOrgSort(application.createdAt, application.id),
        type: 'APPLICATION',
        ...application,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  await adjustCounters(
    application,
    applicationStatusDeltas(application.program, undefined, application.status),
    `application:${application.id}:inserted`,
  );
};

/** Compensation when the workflow could not be started: the application never became visible to reviewers. */
export const deleteUnstartedApplication = async (id: string): Promise<void> => {
  const { Attributes } = await documentClient.send(
    new DeleteCommand({
      TableName: tableName,
      Key: keys.application(id),
      ConditionExpression: 'attribute_not_exists(executionArn)',
      ReturnValues: 'ALL_OLD',
    }),
  );
  // Nothing returned: it was already gone (a repeated compensation), so nothing is counted twice.
  if (Attributes) {
    const removed = toApplication(Attributes);
    await adjustCounters(
      removed,
      applicationStatusDeltas(removed.program, removed.status, undefined),
      `application:${id}:removed`,
    );
  }
};

export const listApplicationsOfOrg = async (orgId: string, limit: number, cursor: string | undefined) => {
  const partition = keys.applicationsOfOrg(orgId);
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :org AND begins_with(gsi2sk, :prefix)',
      ExpressionAttributeValues: { ':org': partition, ':prefix': 'APP#' },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi2pk: partition }),
    }),
  );
  return { items: Items.map(toApplication), cursor: encodeCursor(LastEvaluatedKey) };
};

const nonTerminal = terminalStatuses.map((_, index) => `:terminal${index}`);
const nonTerminalValues = Object.fromEntries(
  terminalStatuses.map((status, index) => [`:terminal${index}`, status]),
);
const notTerminalCondition = `NOT #status IN (${nonTerminal.join(', ')})`;

interface GuardedUpdate {
  id: string;
  set: Record<string, unknown>;
  /** SET clauses besides the fields, e.g. the version bump. */
  extraSet: string[];
  extraAdd?: string;
  condition: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * The status the item had before the latest write that set one: the update copies it in the same write
 * (right-hand operands read the item as it was), so the counters learn the old and the new status from
 * one atomic answer.
 */
const PREVIOUS_STATUS = 'previousStatus';

/** One conditional update of the application item; undefined when the condition does not hold. */
const guardedUpdate = async (update: GuardedUpdate): Promise<Application | undefined> => {
  const names = { ...update.names };
  const values = { ...update.values };
  const assignments = [...update.extraSet];
  const setsStatus = update.set.status !== undefined;
  if (setsStatus) {
    names['#previousStatus'] = PREVIOUS_STATUS;
    names['#status'] = 'status';
    assignments.push('#previousStatus = #status');
  }
  for (const [index, [field, value]] of Object.entries(update.set).entries()) {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    assignments.push(`#f${index} = :v${index}`);
  }
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.application(update.id),
        UpdateExpression: `SET ${assignments.join(', ')}${update.extraAdd ? ` ADD ${update.extraAdd}` : ''}`,
        ConditionExpression: update.condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (!Attributes) return undefined;
    const updated = toApplication(Attributes);
    if (setsStatus) {
      const previous = applicationStatusSchema.safeParse(Attributes[PREVIOUS_STATUS]);
      await adjustCounters(
        updated,
        applicationStatusDeltas(
          updated.program,
          previous.success ? previous.data : undefined,
          updated.status,
        ),
        `application:${updated.id}:v${updated.version}`,
      );
    }
    return updated;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

/**
 * Applies a change unless the application already reached a terminal status (e.g. it was withdrawn while
 * the workflow was still running). Returns the updated application, or undefined when it was terminal.
 */
export const updateUnlessTerminal = (id: string, set: Record<string, unknown>, now: string) =>
  guardedUpdate({
    id,
    set,
    extraSet: ['#updatedAt = :now'],
    extraAdd: '#version :one',
    condition: `attribute_exists(pk) AND ${notTerminalCondition}`,
    names: { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt' },
    values: { ...nonTerminalValues, ':one': 1, ':now': now },
  });

/** Changes the application, guarded by the version the caller read (optimistic concurrency). */
export const updateWithVersion = (
  application: Application,
  set: Partial<Pick<Application, 'status' | 'stage' | 'form' | 'revision' | 'title' | 'assessment'>> & {
    status?: ApplicationStatus;
  },
  now: string,
) =>
  guardedUpdate({
    id: application.id,
    set,
    extraSet: ['#updatedAt = :now', '#version = :next'],
    condition: '#version = :expected',
    names: { '#version': 'version', '#updatedAt': 'updatedAt' },
    values: { ':expected': application.version, ':next': application.version + 1, ':now': now },
  });
