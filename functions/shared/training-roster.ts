import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { type Application, applicationSchema } from '../../domain/shared/application.ts';
import { waitlistPosition } from '../../domain/training/completion.ts';
import {
  type AttendanceDay,
  attendanceDaySchema,
  type RosterEntry,
  type RosterLine,
  rosterEntrySchema,
} from '../../domain/training/registration.ts';
import { audienceNames, sessionDays } from '../../domain/training/session.ts';
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

const seatLabel = (line: RosterLine) =>
  line.seat === 'SEATED'
    ? '已占名额 / Seated'
    : line.seat === 'WAITLISTED'
      ? `候补第 ${line.waitlistPosition} 位 / Waitlist #${line.waitlistPosition}`
      : '—';

/** The list as an .xlsx workbook: one row per registration, one column per session day. */
export const rosterWorkbook = async (
  stored: StoredSession,
  lines: readonly RosterLine[],
): Promise<Uint8Array> => {
  const { session } = stored;
  const days = sessionDays(session);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pilot-zone-workflows';
  const sheet = workbook.addWorksheet(session.code);
  sheet.columns = [
    { header: '序号 No.', key: 'no', width: 8 },
    { header: '报名编号 Registration', key: 'id', width: 38 },
    { header: '姓名 Name', key: 'name', width: 14 },
    { header: '身份证号（脱敏）ID (masked)', key: 'idNumber', width: 22 },
    { header: '电话 Phone', key: 'phone', width: 16 },
    { header: '类别 Category', key: 'category', width: 18 },
    { header: '工作单位 Employer', key: 'employer', width: 28 },
    { header: '统一社会信用代码 Employer USCC', key: 'employerUscc', width: 22 },
    { header: '报名时间 Registered at', key: 'submittedAt', width: 26 },
    { header: '名额 Seat', key: 'seat', width: 22 },
    { header: '状态 Status', key: 'status', width: 14 },
    { header: '环节 Stage', key: 'stage', width: 22 },
    ...days.map((day) => ({ header: day, key: `day:${day}`, width: 12 })),
    { header: '出勤天数 Days present', key: 'present', width: 12 },
    { header: '证书编号 Certificate', key: 'certificate', width: 20 },
  ];
  sheet.getRow(1).font = { bold: true };
  lines.forEach((line, index) => {
    sheet.addRow({
      no: index + 1,
      id: line.registrationId,
      name: line.name,
      idNumber: line.idNumberMasked,
      phone: line.phone,
      category: audienceNames[line.category].zh,
      employer: line.employerName ?? '',
      employerUscc: line.employerUscc ?? '',
      submittedAt: line.submittedAt,
      seat: seatLabel(line),
      status: line.status,
      stage: line.stage ?? '',
      ...Object.fromEntries(days.map((day) => [`day:${day}`, line.daysPresent.includes(day) ? '✓' : ''])),
      present: line.daysPresent.length,
      certificate: line.certificateNumber ?? '',
    });
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};
