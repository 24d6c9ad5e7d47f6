import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';

const MAX_ALLOCATION_ATTEMPTS = 50;

const allocationOf = async (sequence: string, ownerId: string): Promise<number | undefined> => {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :owner AND gsi2sk = :sequence',
      ExpressionAttributeValues: {
        ':owner': keys.sequenceOwner(ownerId),
        ':sequence': keys.sequencePartition(sequence),
      },
    }),
  );
  const value = Items[0]?.value;
  return typeof value === 'number' ? value : undefined;
};

const highestAllocated = async (sequence: string): Promise<number> => {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.sequencePartition(sequence) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const value = Items[0]?.value;
  return typeof value === 'number' ? value : 0;
};

/**
 * Gapless numbering: a number exists only as an item written by a conditional put, and each owner gets
 * exactly one. Numbers are never reserved ahead, so a crash cannot leave a hole; a retried step finds
 * the owner's existing number instead of taking another.
 */
export const allocateSequenceNumber = async (
  sequence: string,
  ownerId: string,
  now: string,
): Promise<number> => {
  const existing = await allocationOf(sequence, ownerId);
  if (existing !== undefined) return existing;
  for (let attempt = 0; attempt < MAX_ALLOCATION_ATTEMPTS; attempt += 1) {
    const next = (await highestAllocated(sequence)) + 1;
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: keys.sequencePartition(sequence),
            sk: keys.sequenceNumber(next),
            gsi2pk: keys.sequenceOwner(ownerId),
            gsi2sk: keys.sequencePartition(sequence),
            type: 'SEQUENCE_NUMBER',
            value: next,
            ownerId,
            allocatedAt: now,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return next;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new Error(`Sequence ${sequence} is too contended to allocate`);
};
