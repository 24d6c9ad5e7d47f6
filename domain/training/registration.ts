import { z } from 'zod';
import { phoneSchema, registryTextSchema } from '../registry/enterprise.ts';
import type { LocalizedText } from '../shared/program.ts';
import { usccSchema } from '../shared/uscc.ts';
import { sha256Hex } from './digest.ts';
import { maskedResidentIdSchema, maskResidentId, residentIdSchema } from './resident-id.ts';
import {
  audienceNames,
  sessionCodeSchema,
  type TrainingAudience,
  type TrainingSession,
  trainingAudienceSchema,
} from './session.ts';

/**
 * A registration (报名) for a training session: an application of program TRAINING by a trainee. The form
 * as sent carries the resident ID number; the form as parsed — and so as stored, logged and returned —
 * carries only the masked number and a digest salted with the session, which finds a second registration
 * of the same person for the same session without keeping the number (and cannot link sessions).
 */

const registrationFields = {
  sessionCode: sessionCodeSchema,
  name: registryTextSchema(2, 50),
  phone: phoneSchema,
  /** Which of the session's audiences the trainee belongs to. */
  category: trainingAudienceSchema,
  /** The employer (企业 or 机关) by its unified social credit code; required for enterprise staff. */
  employerUscc: usccSchema.optional(),
  employerName: registryTextSchema(2, 100).optional(),
};

/** Fixed context in the digest, so it matches no other hash of an ID number. */
const IDENTITY_DIGEST_CONTEXT = 'pilot-zone/training-identity/v1';

export const identityDigest = (sessionCode: string, idNumber: string): string =>
  sha256Hex(`${IDENTITY_DIGEST_CONTEXT}\u0000${sessionCode}\u0000${idNumber.toUpperCase()}`);

/** What the registration form becomes: the ID number masked, plus the digest. This is what is stored. */
export const storedRegistrationFormSchema = z
  .object({
    ...registrationFields,
    idNumberMasked: maskedResidentIdSchema,
    identityDigest: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type RegistrationForm = z.infer<typeof storedRegistrationFormSchema>;

/** The form a trainee sends: with the full ID number, which the parse replaces (see above). */
export const registrationFormSchema = z
  .object({ ...registrationFields, idNumber: residentIdSchema })
  .strict()
  .superRefine((form, context) => {
    if (form.category === 'ENTERPRISE_STAFF' && form.employerUscc === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['employerUscc'],
        message: '企业从业人员须填写工作单位统一社会信用代码 / Enterprise staff must name their employer',
      });
    }
  })
  .transform(
    ({ idNumber, ...form }): RegistrationForm => ({
      ...form,
      idNumberMasked: maskResidentId(idNumber),
      identityDigest: identityDigest(form.sessionCode, idNumber),
    }),
  );
export type RegistrationFormInput = z.input<typeof registrationFormSchema>;

/**
 * Why a session does not take this registration, or undefined. `today` is the China date of submission.
 * The zone is checked when the owner is decided (the code names it).
 */
export const registrationRefusal = (
  session: Pick<
    TrainingSession,
    'code' | 'audiences' | 'registrationDeadline' | 'employerConfirmationRequired'
  >,
  form: Pick<RegistrationForm, 'category' | 'employerUscc'>,
  today: string,
): LocalizedText | undefined => {
  if (today > session.registrationDeadline) {
    return {
      zh: `培训班 ${session.code} 已于 ${session.registrationDeadline} 截止报名`,
      en: `Registration for session ${session.code} closed on ${session.registrationDeadline}`,
    };
  }
  if (!session.audiences.includes(form.category)) {
    const names = (language: 'zh' | 'en') =>
      session.audiences.map((audience: TrainingAudience) => audienceNames[audience][language]);
    return {
      zh: `培训班 ${session.code} 仅面向${names('zh').join('、')}`,
      en: `Session ${session.code} is only for ${names('en').join(', ')}`,
    };
  }
  if (session.employerConfirmationRequired && form.employerUscc === undefined) {
    return {
      zh: `培训班 ${session.code} 须经工作单位确认，请填写工作单位统一社会信用代码`,
      en: `Session ${session.code} needs the employer's confirmation; name your employer's USCC`,
    };
  }
  return undefined;
};

/** Whether this registration waits for its employer: the session asks for it and an employer is named. */
export const needsEmployerConfirmation = (
  session: Pick<TrainingSession, 'employerConfirmationRequired'>,
  form: Pick<RegistrationForm, 'employerUscc'>,
): boolean => session.employerConfirmationRequired && form.employerUscc !== undefined;

const registrationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** `PUT /training/sessions/{code}/attendance/{date}`: everyone present that day; replaces the day's record. */
export const attendanceBodySchema = z
  .object({
    present: z
      .array(registrationIdSchema)
      .max(5_000)
      .refine((ids) => new Set(ids).size === ids.length, {
        message: '名单中有重复的报名编号 / A registration appears twice',
      }),
  })
  .strict();
export type AttendanceBody = z.infer<typeof attendanceBodySchema>;

export const attendanceDaySchema = z.object({
  sessionCode: z.string(),
  date: z.iso.date(),
  present: z.array(z.string()),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type AttendanceDay = z.infer<typeof attendanceDaySchema>;

/** A registration as the session's roster keeps it (written once, when the workflow first asks for a seat). */
export const rosterEntrySchema = z.object({
  registrationId: z.string(),
  sessionCode: z.string(),
  traineeOrgId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phone: z.string(),
  category: trainingAudienceSchema,
  employerUscc: z.string().optional(),
  employerName: z.string().optional(),
  submittedAt: z.string(),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const seatStateSchema = z.enum(['SEATED', 'WAITLISTED', 'NONE']);
export type SeatState = z.infer<typeof seatStateSchema>;

/** One line of a session's registration list (and of its Excel export). */
export const rosterLineSchema = rosterEntrySchema.extend({
  seat: seatStateSchema,
  /** 1 for the next to be promoted. */
  waitlistPosition: z.number().int().positive().optional(),
  status: z.string(),
  stage: z.string().optional(),
  daysPresent: z.array(z.iso.date()),
  certificateNumber: z.string().optional(),
});
export type RosterLine = z.infer<typeof rosterLineSchema>;
