import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type BoardEntry, boardEntrySchema } from '../../domain/supervision/board.ts';
import { documentClient, tableName } from './clients.ts';
import { isConditionFailure } from './conditions.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';

export type { BoardEntry };

const toEntry = (item: Record<string, unknown>): BoardEntry => boardEntrySchema.parse(item);

export const getBoardEntry = async (applicationId: string): Promise<BoardEntry | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.supervision(applicationId), ConsistentRead: true }),
  );
  return Item ? toEntry(Item) : undefined;
};

/** Creates the entry once; a retried step finds it and leaves it. */
export const openBoardEntry = async (entry: BoardEntry): Promise<void> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.supervision(entry.applicationId),
          type: 'SUPERVISION',
          ...entry,
          gsi1pk: keys.supervisionBoard(entry.zone),
          gsi1sk: keys.supervisionBoardSort(entry.dueDate, entry.applicationId),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

/** Sets fields of an entry, optionally only when `condition` holds; false when it did not. */
export const updateBoardEntry = async (
  applicationId: string,
  set: Partial<BoardEntry>,
  condition?: { expression: string; values: Record<string, unknown> },
): Promise<boolean> => {
  const fields = Object.entries(set).filter(([, value]) => value !== undefined);
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.supervision(applicationId),
        UpdateExpression: `SET ${fields.map((_, index) => `#f${index} = :v${index}`).join(', ')}`,
        ConditionExpression: `attribute_exists(pk)${condition ? ` AND ${condition.expression}` : ''}`,
        ExpressionAttributeNames: Object.fromEntries(fields.map(([name], index) => [`#f${index}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(fields.map(([, value], index) => [`:v${index}`, value])),
          ...condition?.values,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** Takes a finished task off the active board (the entry stays readable with its final state). */
export const closeBoardEntry = async (applicationId: string, state: 'COMPLETED' | 'CLOSED', at: string) => {
  await documentClient
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.supervision(applicationId),
        UpdateExpression: 'SET #state = :state, updatedAt = :at REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state, ':at': at },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
};

/** The zone's active supervision tasks, soonest due first (one Query on the sparse gsi1 partition). */
export const activeBoard = async (zone: string): Promise<BoardEntry[]> =>
  (
    await queryAll({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :board',
      ExpressionAttributeValues: { ':board': keys.supervisionBoard(zone) },
    })
  ).map(toEntry);
