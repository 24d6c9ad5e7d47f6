import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Application, applicationSchema } from '../../domain/shared/application.ts';
import { waitlistPosition } from '../../domain/training/completion.ts';
import {
  type AttendanceDay,
  attendanceDaySchema,
  type RosterEntry,
  type RosterLine,
  rosterEntrySchema,
} from '../../domain/training/registration.ts';
import { documentClient, tableName } from './clients.ts';
import { isConditionFailure } from './conditions.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import type { StoredSession } from './training-sessions.ts';

/** Writes the registration into its session's list once; a retried step changes nothing. */
export const putRosterEntry = async (entry: RosterEntry): Promise<void> => {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.trainingRosterEntry(entry.sessionCode, entry.registrationId),
          type: 'TRAINING_REGISTRATION',
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest;
};

export const rosterOf = async (code: string): Promise<RosterEntry[]> =>
  (
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :session AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':session': keys.trainingSessionPartition(code),
        ':prefix': keys.trainingRosterPrefix,
      },
      ConsistentRead: true,
    })
  ).map((item) => rosterEntrySchema.parse(strip(item)));

export const attendanceOf = async (code: string): Promise<AttendanceDay[]> =>
  (
    await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :session AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':session': keys.trainingSessionPartition(code),
        ':prefix': keys.trainingAttendancePrefix,
      },
      ConsistentRead: true,
    })
  ).map((item) => attendanceDaySchema.parse(strip(item)));

/** Replaces the record of one day: who was present. */
export const putAttendanceDay = async (day: AttendanceDay): Promise<void> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.trainingAttendanceDay(day.sessionCode, day.date), type: 'TRAINING_ATTENDANCE', ...day },
    }),
  );
};

/** The days a registration was present, from the session's day records. */
export const daysPresentOf = (days: readonly AttendanceDay[], registrationId: string): string[] =>
  days
    .filter((day) => day.present.includes(registrationId))
    .map((day) => day.date)
    .sort();

/** The registrations' applications (status, stage, certificate), 100 keys per BatchGetItem. */
const applicationsOf = async (ids: readonly string[]): Promise<Map<string, Application>> => {
  const found = new Map<string, Application>();
  for (let start = 0; start < ids.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = ids
      .slice(start, start + 100)
      .map((id) => keys.application(id));
    for (let round = 0; pending && pending.length > 0 && round < 10; round += 1) {
      const reply = await documentClient.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of reply.Responses?.[tableName] ?? []) {
        const application = applicationSchema.parse(item);
        found.set(application.id, application);
      }
      pending = reply.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return found;
};

const seatOrder = { SEATED: 0, WAITLISTED: 1, NONE: 2 } as const;

/**
 * The session's registration list: seats and waitlist places from the seat book (the authority), status
 * and certificate from each registration, attendance from the day records. Seated first (by registration
 * time), then the waitlist in order, then the others.
 */
export const rosterLines = async (stored: StoredSession): Promise<RosterLine[]> => {
  const code = stored.session.code;
  const [entries, days] = await Promise.all([rosterOf(code), attendanceOf(code)]);
  const applications = await applicationsOf(entries.map((entry) => entry.registrationId));
  const lines = entries.map((entry): RosterLine => {
    const id = entry.registrationId;
    const application = applications.get(id);
    const position = waitlistPosition(stored.waiting, id);
    const seat = stored.seated[id] !== undefined ? 'SEATED' : position !== undefined ? 'WAITLISTED' : 'NONE';
    return {
      ...entry,
      seat,
      ...(position !== undefined ? { waitlistPosition: position } : {}),
      status: application?.status ?? 'UNKNOWN',
      ...(application?.stage !== undefined ? { stage: application.stage } : {}),
      daysPresent: daysPresentOf(days, id),
      ...(application?.certificate ? { certificateNumber: application.certificate.number } : {}),
    };
  });
  return lines.sort(
    (a, b) =>
      seatOrder[a.seat] - seatOrder[b.seat] ||
      (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
      a.submittedAt.localeCompare(b.submittedAt),
  );
};
