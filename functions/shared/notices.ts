import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '../../domain/shared/calendar.ts';
import {
  type Objection,
  type ObjectionBody,
  objectionSchema,
  type PublicNotice,
  type PublicNoticeListing,
  publicNoticeListingSchema,
  publicNoticeSchema,
} from '../../domain/shared/notice.ts';
import { documentClient, tableName } from './clients.ts';
import { isConditionFailure } from './conditions.ts';
import { keys } from './keys.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';
import { queryAll } from './query-all.ts';

/*
 * Public notices (公示) and the objections raised against them.
 *
 * The notice is one item beside its application (`APP#<id>` / `NOTICE`). While it is OPEN it carries
 * gsi1 keys under `PUBLIC_NOTICE`, ordered by end of the notice period, so the public list is one Query on
 * a sparse index; closing removes them. Objections are items in the same partition
 * (`OBJECTION#<receivedAt>#<objectionId>`), listed by Query in the order received.
 */

export type Ruling = NonNullable<Objection['ruling']>;

const toNotice = (item: Record<string, unknown>): PublicNotice => publicNoticeSchema.parse(item);
const toObjection = (item: Record<string, unknown>): Objection => objectionSchema.parse(item);

const isoOf = (instant: Date | string): string =>
  typeof instant === 'string' ? new Date(instant).toISOString() : instant.toISOString();

export const getNotice = async (applicationId: string): Promise<PublicNotice | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.notice(applicationId), ConsistentRead: true }),
  );
  return Item ? toNotice(Item) : undefined;
};

/**
 * Publishes a notice. Idempotent: if the application has a notice already (a retried step), the stored one
 * is returned unchanged, whatever was passed.
 */
export const openNotice = async (notice: PublicNotice): Promise<PublicNotice> => {
  const valid = publicNoticeSchema.parse(notice);
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.notice(valid.applicationId),
          type: 'NOTICE',
          ...(valid.status === 'OPEN'
            ? {
                gsi1pk: keys.publicNoticeQueue,
                gsi1sk: keys.noticeSort(valid.endsAt, valid.applicationId),
              }
            : {}),
          ...valid,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return valid;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = await getNotice(valid.applicationId);
    if (!stored) throw new Error(`Notice of ${valid.applicationId} exists and vanished; retry`);
    return stored;
  }
};

/**
 * Ends an open notice (CLOSED at the end of the period, CANCELLED when the application leaves it early)
 * and takes it off the public list. Returns the closed notice, with its final `objectionCount`, or
 * undefined if it was not open (never opened, or already closed by an earlier attempt: read it with
 * `getNotice`).
 */
export const closeNotice = async (
  applicationId: string,
  status: 'CLOSED' | 'CANCELLED',
  now: Date | string,
): Promise<PublicNotice | undefined> => {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.notice(applicationId),
        UpdateExpression: 'SET #status = :status, closedAt = :now REMOVE gsi1pk, gsi1sk',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':open': 'OPEN', ':now': isoOf(now) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? toNotice(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

export interface OpenNoticeListOptions {
  /** Leave out notices whose period ended before this instant but that no step has closed yet. */
  endingAfter?: Date;
}

/**
 * Open notices, soonest-ending first, with public fields only. Without `endingAfter` every OPEN notice is
 * listed, including those past their end that a step has still to close.
 */
export const listOpenNotices = async (
  limit: number,
  cursor: string | undefined,
  options: OpenNoticeListOptions = {},
): Promise<{ items: PublicNoticeListing[]; cursor: string | null }> => {
  const queue = keys.publicNoticeQueue;
  const after = options.endingAfter?.toISOString();
  let startKey = decodeCursor(cursor, { gsi1pk: queue });
  // A cursor before the lower bound would be refused by DynamoDB; starting at the bound is the same page.
  if (startKey && after !== undefined && String(startKey.gsi1sk) <= after) startKey = undefined;
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: after === undefined ? 'gsi1pk = :queue' : 'gsi1pk = :queue AND gsi1sk > :after',
      ExpressionAttributeValues: { ':queue': queue, ...(after === undefined ? {} : { ':after': after }) },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: Items.map((item) => publicNoticeListingSchema.parse(item)),
    cursor: encodeCursor(LastEvaluatedKey),
  };
};

export type ObjectionRefusal =
  /** The application has no notice (or does not exist). */
  | 'NO_NOTICE'
  /** The notice was closed or cancelled. */
  | 'NOT_OPEN'
  /** The notice is published but its first day has not begun (China time). */
  | 'NOT_STARTED'
  /** The period is over; the closing step has not run yet. */
  | 'ENDED';

export class ObjectionRefusedError extends Error {
  constructor(
    readonly reason: ObjectionRefusal,
    readonly notice: PublicNotice | undefined,
  ) {
    super(`Objection refused: ${reason}`);
    this.name = 'ObjectionRefusedError';
  }
}

const refusalFor = (notice: PublicNotice | undefined, now: Date): ObjectionRefusal => {
  if (!notice) return 'NO_NOTICE';
  if (notice.status !== 'OPEN') return 'NOT_OPEN';
  if (chinaDate(now) < notice.firstDay) return 'NOT_STARTED';
  return 'ENDED';
};

/**
 * Records an objection while the notice is open: from the start of its first day (China time) to `endsAt`
 * inclusive. Throws ObjectionRefusedError otherwise.
 *
 * Order of the two writes: the notice item is the only place where "the notice is open" can be checked
 * atomically against `closeNotice`, so the conditional increment of `objectionCount` comes FIRST, and the
 * objection item is written only after it succeeded. Hence:
 * - no objection item ever exists that was not accepted inside the window (writing it first would let one
 *   appear after the notice closed, or need a delete that races with the closing step's listing);
 * - a crash between the two writes leaves the count one higher than the items. That submitter never got a
 *   201, so nothing they were promised is lost. `objectionCount` is therefore an upper bound, and the
 *   objections that exist are what `listObjections` returns: the closing step must decide on the listed
 *   items, never on the count. (It should close first, then list; if the count is higher, a write may
 *   be milliseconds behind, so a short retry before deciding on the listed items is enough.)
 */
export const addObjection = async (
  applicationId: string,
  body: ObjectionBody,
  now: Date,
): Promise<Objection> => {
  const receivedAt = now.toISOString();
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.notice(applicationId),
        UpdateExpression: 'ADD objectionCount :one',
        ConditionExpression: '#status = :open AND endsAt >= :now AND firstDay <= :today',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':open': 'OPEN',
          ':now': receivedAt,
          ':today': chinaDate(now),
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const notice = await getNotice(applicationId);
    throw new ObjectionRefusedError(refusalFor(notice, now), notice);
  }
  const objection: Objection = {
    objectionId: randomUUID(),
    applicationId,
    name: body.name,
    contact: body.contact,
    reason: body.reason,
    receivedAt,
  };
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.objection(applicationId, receivedAt, objection.objectionId),
        type: 'OBJECTION',
        ...objection,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return objection;
};

interface StoredObjection {
  sk: string;
  objection: Objection;
}

const queryObjections = async (applicationId: string): Promise<StoredObjection[]> =>
  (
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.notice(applicationId).pk, ':prefix': keys.objectionPrefix },
      ConsistentRead: true,
    })
  ).map((item) => ({ sk: String(item.sk), objection: toObjection(item) }));

/** Every objection to the application, in the order received, with contact data: for reviewers only. */
export const listObjections = async (applicationId: string): Promise<Objection[]> =>
  (await queryObjections(applicationId)).map(({ objection }) => objection);

const sameRuling = (a: Ruling | undefined, b: Ruling) =>
  a !== undefined &&
  a.outcome === b.outcome &&
  a.reason === b.reason &&
  a.decidedBy === b.decidedBy &&
  a.decidedAt === b.decidedAt;

/**
 * Records the ruling on one objection, named by its sort key (`OBJECTION#…`) or its id, with a conditional
 * write: an objection is ruled once. Returns the ruled objection (also when exactly this ruling was recorded
 * before, so a retried step succeeds), or undefined when the objection does not exist or carries another
 * ruling.
 */
export const recordRuling = async (
  applicationId: string,
  objection: string,
  ruling: Ruling,
): Promise<Objection | undefined> => {
  const sk = objection.startsWith(keys.objectionPrefix)
    ? objection
    : (await queryObjections(applicationId)).find((stored) => stored.objection.objectionId === objection)?.sk;
  if (sk === undefined) return undefined;
  const key = { pk: keys.notice(applicationId).pk, sk };
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET ruling = :ruling',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(ruling)',
        ExpressionAttributeValues: { ':ruling': ruling },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? toObjection(Attributes) : undefined;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    const stored = Item ? toObjection(Item) : undefined;
    return stored && sameRuling(stored.ruling, ruling) ? stored : undefined;
  }
};

const windowStartSeconds = (windowSeconds: number, now: Date) => {
  const seconds = Math.floor(now.getTime() / 1000);
  return seconds - (seconds % windowSeconds);
};

/** Seconds until the fixed window that holds `now` ends: the `retry-after` of a refused request. */
export const rateWindowResetsIn = (windowSeconds: number, now: Date): number =>
  Math.max(1, Math.ceil(windowStartSeconds(windowSeconds, now) + windowSeconds - now.getTime() / 1000));

/**
 * Fixed-window rate limit: one counter item per purpose, client and window (epoch-aligned), incremented
 * only while below `limit`. Returns false, writing nothing, once the window's limit is reached. Counters
 * expire by TTL one window after their own ends.
 */
export const takeRateLimitToken = async (
  purpose: string,
  client: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<boolean> => {
  const start = windowStartSeconds(windowSeconds, now);
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.rateWindow(purpose, client, `W#${windowSeconds}#${start}`),
        UpdateExpression: 'ADD #count :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': start + 2 * windowSeconds },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};
