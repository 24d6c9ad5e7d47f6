import { z } from 'zod';
import { registryTextSchema } from '../registry/enterprise.ts';
import { chinaDate, deadlineAfterWorkingDays, startOfChinaDay } from '../shared/calendar.ts';
import type { LocalizedText } from '../shared/program.ts';
import { usccSchema } from '../shared/uscc.ts';
import { type ZoneCode, zoneCodeSchema } from '../shared/zones.ts';

/**
 * Training sessions (人才培训班): maintained by administrators and the zone office (which stands in for the
 * training base, 培训基地, until providers have accounts of their own).
 */

export const trainingLevelSchema = z.enum(['BASIC', 'INTERMEDIATE', 'ADVANCED']);
export type TrainingLevel = z.infer<typeof trainingLevelSchema>;

/** Who a session is for; a registration names which of these the trainee is. */
export const trainingAudienceSchema = z.enum(['OFFICIALS', 'ENTERPRISE_STAFF', 'INDIVIDUALS']);
export type TrainingAudience = z.infer<typeof trainingAudienceSchema>;

export const levelNames: Record<TrainingLevel, LocalizedText> = {
  BASIC: { zh: '初级', en: 'basic' },
  INTERMEDIATE: { zh: '中级', en: 'intermediate' },
  ADVANCED: { zh: '高级', en: 'advanced' },
};

export const audienceNames: Record<TrainingAudience, LocalizedText> = {
  OFFICIALS: { zh: '政府部门工作人员', en: 'government officials' },
  ENTERPRISE_STAFF: { zh: '企业从业人员', en: 'enterprise staff' },
  INDIVIDUALS: { zh: '个人', en: 'individuals' },
};

const zonePrefix: Readonly<Record<ZoneCode, string>> = { wuhu: 'WH', anqing: 'AQ' };

/** `<zone prefix>-<year>-PX<serial>` (培训 = PX), e.g. `WH-2026-PX01`. */
export const sessionCodeSchema = z.string().regex(/^(WH|AQ)-20\d{2}-PX\d{2,3}$/, {
  message: '培训班编号格式应为 WH-2026-PX01 / Session code must look like WH-2026-PX01',
});

/** The zone a session code names by its prefix. */
export const zoneOfSessionCode = (code: string): ZoneCode | undefined =>
  (Object.entries(zonePrefix) as [ZoneCode, string][]).find(([, prefix]) =>
    code.startsWith(`${prefix}-`),
  )?.[0];

export const certificatePrefixOf = (zone: string): string =>
  zonePrefix[zone as ZoneCode] ?? zone.toUpperCase();

const text = registryTextSchema;

export const venueSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('ONSITE'), address: text(2, 200) }).strict(),
  z
    .object({
      mode: z.literal('ONLINE'),
      url: z.url({
        protocol: /^https$/,
        message: '线上培训地址须为 https 链接 / The online address must be https',
      }),
      platform: text(2, 60).optional(),
    })
    .strict(),
]);
export type Venue = z.infer<typeof venueSchema>;

/** Longest session the platform accepts; longer programmes are several sessions. */
export const MAX_SESSION_DAYS = 60;
export const MAX_CAPACITY = 2_000;

export const sessionFieldsShape = {
  title: z.object({ zh: text(2, 100), en: text(2, 200) }).strict(),
  zone: zoneCodeSchema,
  level: trainingLevelSchema,
  audiences: z.array(trainingAudienceSchema).min(1).max(3),
  /** The training base (培训基地) that runs the session. */
  provider: z.object({ name: text(2, 100), uscc: usccSchema.optional() }).strict(),
  capacity: z.number().int().min(1).max(MAX_CAPACITY),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  venue: venueSchema,
  /** Last China date on which registrations are accepted; at the start the registration closes anyway. */
  registrationDeadline: z.iso.date(),
  /** Registrations must then name their employer, who confirms them within the stage's deadline. */
  employerConfirmationRequired: z.boolean(),
  /** Share of the session's days a trainee must attend to complete it (and receive the certificate). */
  completionThresholdPercent: z.number().int().min(1).max(100),
};

interface SessionRules {
  audiences: TrainingAudience[];
  startsAt: string;
  endsAt: string;
  registrationDeadline: string;
}

/** The China dates a session runs on, first to last, every calendar day (sessions may run at weekends). */
export const sessionDays = (session: Pick<SessionRules, 'startsAt' | 'endsAt'>): string[] => {
  const first = chinaDate(new Date(session.startsAt));
  const last = chinaDate(new Date(session.endsAt));
  const days: string[] = [];
  for (let day = startOfChinaDay(first); chinaDate(day) <= last; day = new Date(day.getTime() + 86_400_000)) {
    days.push(chinaDate(day));
    if (days.length > MAX_SESSION_DAYS) break;
  }
  return days;
};

const sessionRules = (session: SessionRules, context: z.RefinementCtx) => {
  const starts = Date.parse(session.startsAt);
  const ends = Date.parse(session.endsAt);
  // zod runs refinements even when a field failed its format check; that field's issue says it already.
  if (Number.isNaN(starts) || Number.isNaN(ends)) return;
  if (!(ends > starts)) {
    context.addIssue({
      code: 'custom',
      path: ['endsAt'],
      message: '结束时间须晚于开始时间 / The end must be after the start',
    });
  } else if (sessionDays(session).length > MAX_SESSION_DAYS) {
    context.addIssue({
      code: 'custom',
      path: ['endsAt'],
      message: `培训班不得超过 ${MAX_SESSION_DAYS} 天 / A session lasts at most ${MAX_SESSION_DAYS} days`,
    });
  }
  if (session.registrationDeadline > chinaDate(new Date(starts))) {
    context.addIssue({
      code: 'custom',
      path: ['registrationDeadline'],
      message: '报名截止日期不得晚于开班日期 / The registration deadline must not be after the first day',
    });
  }
  if (new Set(session.audiences).size !== session.audiences.length) {
    context.addIssue({
      code: 'custom',
      path: ['audiences'],
      message: '培训对象重复 / Duplicate audience',
    });
  }
};

/** `PUT /training/sessions/{code}`: without `version` it creates; with it, it updates that version only. */
export const putTrainingSessionBodySchema = z
  .object({ ...sessionFieldsShape, version: z.number().int().positive().optional() })
  .strict()
  .superRefine(sessionRules);
export type PutTrainingSessionBody = z.infer<typeof putTrainingSessionBodySchema>;

export const trainingSessionSchema = z
  .object({
    code: sessionCodeSchema,
    ...sessionFieldsShape,
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int().positive(),
  })
  .strict();
export type TrainingSession = z.infer<typeof trainingSessionSchema>;

/** Seats as the API shows them: held seats never exceed the capacity; the waitlist is first come, first served. */
export const seatSummarySchema = z.object({
  capacity: z.number().int(),
  seated: z.number().int(),
  waiting: z.number().int(),
  available: z.number().int(),
  /** Set when the registration closed (at the start); nobody is promoted after it. */
  closedAt: z.string().optional(),
});
export type SeatSummary = z.infer<typeof seatSummarySchema>;

export const trainingSessionViewSchema = trainingSessionSchema.safeExtend({ seats: seatSummarySchema });
export type TrainingSessionView = z.infer<typeof trainingSessionViewSchema>;

/** Fields fixed once anyone registered: running registrations' timers and checks were made from them. */
export const frozenScheduleFields = [
  'zone',
  'level',
  'audiences',
  'startsAt',
  'endsAt',
  'registrationDeadline',
  'employerConfirmationRequired',
  'completionThresholdPercent',
] as const satisfies readonly (keyof TrainingSession)[];

export const changedScheduleFields = (
  before: Pick<TrainingSession, (typeof frozenScheduleFields)[number]>,
  after: Pick<TrainingSession, (typeof frozenScheduleFields)[number]>,
): string[] =>
  frozenScheduleFields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));

/** When attendance can no longer be recorded and completion is decided: the end of the next working day. */
export const attendanceClosesAt = (session: Pick<TrainingSession, 'endsAt'>): Date =>
  deadlineAfterWorkingDays(new Date(session.endsAt), 1);

/**
 * The employer's confirmation deadline: the stage's working days from now, but never after the start,
 * when the registration closes. Returns an instant.
 */
export const confirmationDeadline = (
  now: Date,
  workingDays: number,
  session: Pick<TrainingSession, 'startsAt'>,
): Date => {
  const byWorkingDays = deadlineAfterWorkingDays(now, workingDays);
  const start = new Date(session.startsAt);
  return byWorkingDays < start ? byWorkingDays : start;
};

/** Whole seconds from `now` to `until`, at least one (a Task timeout must be positive). */
export const secondsUntil = (now: Date, until: Date): number =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export const sessionPathSchema = z.object({ code: sessionCodeSchema }).strict();
export type SessionPath = z.infer<typeof sessionPathSchema>;

export const attendancePathSchema = z.object({ code: sessionCodeSchema, date: z.iso.date() }).strict();
export type AttendancePath = z.infer<typeof attendancePathSchema>;
