import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalizedText } from '../../domain/shared/program.ts';
import {
  changedScheduleFields,
  type SeatSummary,
  type TrainingSession,
  type TrainingSessionView,
  trainingSessionSchema,
} from '../../domain/training/session.ts';
import { documentClient, tableName } from './clients.ts';
import { isConditionFailure } from './conditions.ts';
import { conflict, forbidden, notFound } from './errors.ts';
import { keys } from './keys.ts';
import { queryGsi2Page } from './query-all.ts';

export const sessionText: LocalizedText = { zh: '培训班', en: 'Training session' };

/**
 * The session item holds, besides the definition, the seat book that training-seats.ts changes:
 * `seated` (registration → when it took its seat), `waiting` (registration → ticket), `released`
 * (registration → when it gave up its place for good), the counters `seatedCount`, `waitingCount`,
 * `nextTicket` and `requestCount`, `closedAt` once the registration closed and `attendanceClosedAt` once
 * completion was decided.
 */
const seatAttributes = [
  'seated',
  'waiting',
  'released',
  'seatedCount',
  'waitingCount',
  'nextTicket',
  'requestCount',
  'closedAt',
  'attendanceClosedAt',
] as const;

export type SessionFields = Omit<TrainingSession, 'code' | 'updatedAt' | 'updatedBy' | 'version'>;

export interface StoredSession {
  session: TrainingSession;
  seats: SeatSummary;
  seated: Record<string, string>;
  waiting: Record<string, number>;
  released: Record<string, string>;
  requestCount: number;
  attendanceClosedAt: string | undefined;
}

const numberOf = (value: unknown) => (typeof value === 'number' ? value : 0);
const mapOf = <T>(value: unknown) => (value && typeof value === 'object' ? (value as Record<string, T>) : {});

export const toStoredSession = (item: Record<string, unknown>): StoredSession => {
  const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _s, type: _t, ...rest } = item;
  const definition: Record<string, unknown> = { ...rest };
  for (const attribute of seatAttributes) delete definition[attribute];
  const session = trainingSessionSchema.parse(definition);
  const seatedCount = numberOf(item.seatedCount);
  const closedAt = typeof item.closedAt === 'string' ? item.closedAt : undefined;
  return {
    session,
    seats: {
      capacity: session.capacity,
      seated: seatedCount,
      waiting: numberOf(item.waitingCount),
      available: Math.max(0, session.capacity - seatedCount),
      ...(closedAt ? { closedAt } : {}),
    },
    seated: mapOf<string>(item.seated),
    waiting: mapOf<number>(item.waiting),
    released: mapOf<string>(item.released),
    requestCount: numberOf(item.requestCount),
    attendanceClosedAt: typeof item.attendanceClosedAt === 'string' ? item.attendanceClosedAt : undefined,
  };
};

export const getStoredSession = async (code: string): Promise<StoredSession | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.trainingSession(code), ConsistentRead: true }),
  );
  return Item ? toStoredSession(Item) : undefined;
};

export const getTrainingSession = async (code: string): Promise<TrainingSession | undefined> =>
  (await getStoredSession(code))?.session;

export const sessionView = ({ session, seats }: StoredSession): TrainingSessionView => ({
  ...session,
  seats,
});

/** Who maintains sessions: an administrator anywhere, the zone office (for the training bases) in its zone. */
export const assertMaintainsSessions = (
  caller: { role: string; zone?: string | undefined },
  zone: string,
) => {
  if (caller.role === 'admin' || (caller.role === 'office' && caller.zone === zone)) return;
  throw forbidden({
    zh: '只有管理员或本综试区领导小组办公室（代培训基地）可以维护培训班',
    en: 'Only an administrator or the zone office (for the training base) maintains training sessions',
  });
};

const createSession = async (code: string, record: TrainingSession): Promise<void> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.trainingSession(code),
          gsi2pk: keys.trainingSessionsOfZone(record.zone),
          gsi2sk: keys.trainingSessionSort(record.startsAt, code),
          type: 'TRAINING_SESSION',
          ...record,
          seated: {},
          waiting: {},
          released: {},
          seatedCount: 0,
          waitingCount: 0,
          nextTicket: 1,
          requestCount: 0,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw conflict(
      'ALREADY_EXISTS',
      {
        zh: '培训班已存在；更新时请提供当前版本号 version',
        en: 'The training session already exists; send its current version to update it',
      },
      { currentVersion: (await getStoredSession(code))?.session.version },
    );
  }
};

/**
 * Updates the definition in one conditional write that leaves the seat book alone: the version must
 * match, the zone stay the same, the capacity not fall below the seats held, and the schedule (times,
 * audiences, rules) stay fixed once anyone has registered.
 */
const updateSession = async (
  code: string,
  record: TrainingSession,
  expectedVersion: number,
  scheduleChanged: boolean,
): Promise<void> => {
  const { code: _code, ...fields } = record;
  const names: Record<string, string> = { '#version': 'version', '#zone': 'zone' };
  const values: Record<string, unknown> = {
    ':expected': expectedVersion,
    ':zone': record.zone,
    ':capacity': record.capacity,
    ':sort': keys.trainingSessionSort(record.startsAt, code),
  };
  const assignments = ['gsi2sk = :sort'];
  for (const [index, [field, value]] of Object.entries(fields).entries()) {
    names[`#f${index}`] = field;
    values[`:f${index}`] = value;
    assignments.push(`#f${index} = :f${index}`);
  }
  const conditions = ['#version = :expected', '#zone = :zone', 'seatedCount <= :capacity'];
  if (scheduleChanged) {
    conditions.push('requestCount = :zero');
    values[':zero'] = 0;
  }
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.trainingSession(code),
      UpdateExpression: `SET ${assignments.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
};

/** Why an update's condition failed, read from the current item. */
const refusalOf = (current: StoredSession | undefined, record: TrainingSession, expectedVersion: number) => {
  if (!current) return notFound(sessionText);
  if (current.session.version !== expectedVersion) {
    return conflict(
      'VERSION_CONFLICT',
      {
        zh: '培训班已被他人修改，请刷新后重试',
        en: 'The training session was changed by someone else; reload and retry',
      },
      { expectedVersion, currentVersion: current.session.version },
    );
  }
  if (current.seats.seated > record.capacity) {
    return conflict(
      'CAPACITY_BELOW_SEATED',
      {
        zh: `已有 ${current.seats.seated} 人占用名额，容量不能低于此数`,
        en: `${current.seats.seated} seats are taken; the capacity cannot go below that`,
      },
      { seated: current.seats.seated },
    );
  }
  return conflict('SCHEDULE_FROZEN', {
    zh: '已有人报名，培训时间、对象、报名截止和结业规则不能再修改',
    en: 'People have registered: the times, audiences, deadline and completion rules can no longer change',
  });
};

/** Creates (`expectedVersion` undefined) or updates a session. Returns the session as stored and its seats. */
export const putTrainingSession = async (
  code: string,
  fields: SessionFields,
  expectedVersion: number | undefined,
  actor: { userId: string; zone?: string | undefined; role: string; now: string },
): Promise<{ stored: StoredSession; created: boolean }> => {
  const record: TrainingSession = {
    code,
    ...fields,
    updatedAt: actor.now,
    updatedBy: actor.userId,
    version: expectedVersion === undefined ? 1 : expectedVersion + 1,
  };
  if (expectedVersion === undefined) {
    await createSession(code, record);
  } else {
    const current = await getStoredSession(code);
    if (!current) throw notFound(sessionText);
    // The office may only touch its own zone's sessions (and cannot move one to another zone).
    assertMaintainsSessions(actor, current.session.zone);
    const frozen = changedScheduleFields(current.session, record);
    try {
      await updateSession(code, record, expectedVersion, frozen.length > 0);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw refusalOf(await getStoredSession(code), record, expectedVersion);
    }
  }
  const stored = await getStoredSession(code);
  if (!stored) throw notFound(sessionText);
  return { stored, created: expectedVersion === undefined };
};

/** One page of a zone's sessions, by start. */
export const listSessionsOfZone = async (zone: string, limit: number, cursor: string | undefined) => {
  const page = await queryGsi2Page(keys.trainingSessionsOfZone(zone), limit, cursor);
  return { items: page.items.map((item) => sessionView(toStoredSession(item))), cursor: page.cursor };
};
