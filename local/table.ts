import {
  type AttributeValue,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '../functions/catalog.ts';
import { canonicalJson } from '../functions/shared/canonical-json.ts';

/** Creates the platform's table as infra/ defines it, unless it already exists. */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = new Set<string>([tableDesign.partitionKey, tableDesign.sortKey]);
  for (const index of tableDesign.indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDesign.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Table ${tableName} did not become active`);
};

type Item = Record<string, AttributeValue>;

const scanAll = async (client: DynamoDBClient, tableName: string, indexName?: string): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ...(indexName ? { IndexName: indexName } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/**
 * dynalite writes an item's index entries and then the item, as separate LevelDB writes, so a process
 * killed in between (SIGKILL, power loss) leaves an index entry for a write that never happened (e.g. a
 * task that is not in the table, still listed in an inbox) or an item missing from an index. Compares
 * every index with the items it should hold and rewrites the items whose entries disagree, through the
 * API: putting the stale entry's content first makes dynalite delete that entry when the real item (or
 * its absence) is written back. Run at start, before anything else uses the table. Returns how many
 * items were repaired.
 */
export const repairIndexes = async (client: DynamoDBClient, tableName: string): Promise<number> => {
  const { partitionKey, sortKey } = tableDesign;
  const keyOf = (item: Item) => `${item[partitionKey]?.S}\u0000${item[sortKey]?.S}`;
  const items = new Map((await scanAll(client, tableName)).map((item) => [keyOf(item), item]));
  /** Per item key: the stale entries to clear, and whether the item must be written again. */
  const broken = new Map<string, Item[]>();
  const mark = (key: string, stale?: Item) => {
    const entries = broken.get(key) ?? [];
    if (stale) entries.push(stale);
    broken.set(key, entries);
  };
  for (const index of tableDesign.indexes) {
    const entryKey = (item: Item) =>
      `${keyOf(item)}\u0000${item[index.partitionKey]?.S}\u0000${item[index.sortKey]?.S}`;
    const entries = await scanAll(client, tableName, index.name);
    const present = new Set<string>();
    for (const entry of entries) {
      present.add(entryKey(entry));
      const item = items.get(keyOf(entry));
      if (!item || canonicalJson(item) !== canonicalJson(entry)) mark(keyOf(entry), entry);
    }
    for (const [key, item] of items) {
      const indexed = item[index.partitionKey]?.S !== undefined && item[index.sortKey]?.S !== undefined;
      if (indexed && !present.has(entryKey(item))) mark(key);
    }
  }
  for (const [key, staleEntries] of broken) {
    for (const stale of staleEntries) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: stale }));
    }
    const item = items.get(key);
    if (item) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    } else if (staleEntries[0]) {
      const [pk, sk] = [staleEntries[0][partitionKey], staleEntries[0][sortKey]];
      if (pk && sk) {
        await client.send(
          new DeleteItemCommand({ TableName: tableName, Key: { [partitionKey]: pk, [sortKey]: sk } }),
        );
      }
    }
  }
  return broken.size;
};
