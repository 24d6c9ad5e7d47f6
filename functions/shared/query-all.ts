import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './clients.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';

/** Every item a Query matches, following LastEvaluatedKey; for bounded sets (one application's items…). */
export const queryAll = async (input: Omit<QueryCommandInput, 'ExclusiveStartKey'>) => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/** One page of a gsi2 partition with a cursor bound to that partition (registries listed per zone). */
export const queryGsi2Page = async (partition: string, limit: number, cursor: string | undefined) => {
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :partition',
      ExpressionAttributeValues: { ':partition': partition },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi2pk: partition }),
    }),
  );
  return { items: Items, cursor: encodeCursor(LastEvaluatedKey) };
};
