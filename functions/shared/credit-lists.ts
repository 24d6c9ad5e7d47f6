import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CreditEntry, type CreditList, creditEntrySchema } from '../../domain/registry/credit.ts';
import {
  type CreditImport,
  creditImportSchema,
  type ImportedRow,
} from '../../domain/registry/credit-import.ts';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';

/**
 * Credit-list entries and their bulk imports.
 *
 * All-or-nothing imports without transactions (dynalite has no TransactWriteItems, DESIGN.md decision 7):
 *  1. the import record `CREDIT_IMPORT#<id>` is written first with status PENDING and the row count; the
 *     id is a hash of (list, zone, file content), so the same file sent again names the same import;
 *  2. every entry is put with a deterministic key (`CREDIT#<uscc>` / `ENTRY#<list>#<zone>#IMPORT#<id>`)
 *     and carries `importId`, so a retried or concurrent run overwrites, never duplicates;
 *  3. the import record is set to COMPLETE (conditionally, once every entry is written).
 * Every reader (`creditEntriesOf`, `listCreditEntries`) drops an entry whose import is not COMPLETE, so a
 * run that dies half-way shows nothing; sending the file again finishes it. Entries put one at a time
 * (`MANUAL`) carry no import id and are visible at once. An import never overwrites another origin's
 * entry, so a failed import cannot hide an entry that was already in force.
 */

const MANUAL = 'MANUAL';
const importOrigin = (importId: string) => `IMPORT#${importId}`;

const entryItem = (entry: CreditEntry, origin: string) => ({
  ...keys.creditEntry(entry.uscc, entry.list, entry.zone, origin),
  gsi2pk: keys.creditListOfZone(entry.list, entry.zone),
  gsi2sk: keys.creditListSort(entry.uscc, origin),
  type: 'CREDIT_ENTRY',
  ...entry,
});

const stripKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _s, type: _t, ...rest } = item;
  return rest;
};

export const getCreditImport = async (id: string): Promise<CreditImport | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.creditImport(id), ConsistentRead: true }),
  );
  return Item ? creditImportSchema.parse(stripKeys(Item)) : undefined;
};

/** Keeps only entries put one at a time or written by a COMPLETE import. */
const visible = async (items: Record<string, unknown>[]): Promise<CreditEntry[]> => {
  const entries = items.map((item) => creditEntrySchema.parse(stripKeys(item)));
  const importIds = [...new Set(entries.flatMap((entry) => (entry.importId ? [entry.importId] : [])))];
  const complete = new Set<string>();
  await Promise.all(
    importIds.map(async (id) => {
      if ((await getCreditImport(id))?.status === 'COMPLETE') complete.add(id);
    }),
  );
  return entries.filter((entry) => entry.importId === undefined || complete.has(entry.importId));
};

/** Every visible entry of one enterprise, on every list and in every zone: one Query. */
export const creditEntriesOf = async (uscc: string): Promise<CreditEntry[]> =>
  visible(
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
      ExpressionAttributeValues: { ':pk': keys.creditEntriesOf(uscc), ':entry': keys.creditEntryPrefix },
      ConsistentRead: true,
    }),
  );

/** One list's visible entries in one zone, by USCC (gsi2). */
export const listCreditEntries = async (list: CreditList, zone: string): Promise<CreditEntry[]> =>
  visible(
    await queryAll({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :list',
      ExpressionAttributeValues: { ':list': keys.creditListOfZone(list, zone) },
    }),
  );

/** Puts (adds or replaces) the single manually maintained entry of (enterprise, list, zone). */
export const putCreditEntry = async (entry: CreditEntry): Promise<CreditEntry> => {
  const { importId: _ignored, ...manual } = entry;
  await documentClient.send(new PutCommand({ TableName: tableName, Item: entryItem(manual, MANUAL) }));
  return manual;
};

export const getCreditEntry = async (
  uscc: string,
  list: CreditList,
  zone: string,
): Promise<CreditEntry | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.creditEntry(uscc, list, zone, MANUAL),
      ConsistentRead: true,
    }),
  );
  return Item ? creditEntrySchema.parse(stripKeys(Item)) : undefined;
};

/**
 * Soft delete: the manual entry ends today (`endDate` = today, so it no longer applies, see
 * domain/registry/credit.ts) and records who ended it. Entries are never removed: the history stays.
 * Returns undefined when there is no such entry.
 */
export const endCreditEntry = async (
  uscc: string,
  list: CreditList,
  zone: string,
  today: string,
  endedBy: string,
  now: string,
): Promise<CreditEntry | undefined> => {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.creditEntry(uscc, list, zone, MANUAL),
        UpdateExpression: 'SET endDate = :today, endedBy = :by, endedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND startDate <= :today',
        ExpressionAttributeValues: { ':today': today, ':by': endedBy, ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? creditEntrySchema.parse(stripKeys(Attributes)) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
};

export interface ImportRequest {
  id: string;
  list: CreditList;
  zone: string;
  fileName: string;
  contentSha256: string;
  rows: ImportedRow[];
  createdBy: string;
  now: string;
}

const WRITE_CONCURRENCY = 10;

/**
 * Runs (or finishes) an import as described at the top of this file. Returns the import and whether this
 * call created it (`false`: the same file was imported before, nothing new was written or it was finished).
 */
export const runCreditImport = async (
  request: ImportRequest,
): Promise<{ creditImport: CreditImport; created: boolean }> => {
  const pending: CreditImport = {
    id: request.id,
    list: request.list,
    zone: request.zone,
    fileName: request.fileName,
    contentSha256: request.contentSha256,
    status: 'PENDING',
    rowCount: request.rows.length,
    accepted: request.rows.map((row) => row.row),
    refused: [],
    createdBy: request.createdBy,
    createdAt: request.now,
  };
  let created = true;
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.creditImport(request.id), type: 'CREDIT_IMPORT', ...pending },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    created = false;
    const existing = await getCreditImport(request.id);
    if (existing?.status === 'COMPLETE') return { creditImport: existing, created };
    // PENDING: an earlier run stopped half-way (or runs now); the writes are idempotent, so finish it.
  }
  const origin = importOrigin(request.id);
  const items = request.rows.map((row) => {
    const { row: _row, ...fields } = row;
    return entryItem(
      {
        ...fields,
        list: request.list,
        zone: request.zone as CreditEntry['zone'],
        addedBy: request.createdBy,
        addedAt: request.now,
        importId: request.id,
      },
      origin,
    );
  });
  for (let start = 0; start < items.length; start += WRITE_CONCURRENCY) {
    await Promise.all(
      items
        .slice(start, start + WRITE_CONCURRENCY)
        .map((Item) => documentClient.send(new PutCommand({ TableName: tableName, Item }))),
    );
  }
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.creditImport(request.id),
      UpdateExpression: 'SET #status = :complete, completedAt = if_not_exists(completedAt, :now)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':complete': 'COMPLETE', ':now': request.now },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return { creditImport: creditImportSchema.parse(stripKeys(Attributes ?? {})), created };
};
