import { chinaDate } from '../../domain/shared/calendar.ts';
import { attendanceBodySchema } from '../../domain/training/registration.ts';
import { attendanceClosesAt, attendancePathSchema, sessionDays } from '../../domain/training/session.ts';
import { now } from '../shared/clock.ts';
import { ApiError, conflict, notFound } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { putAttendanceDay } from '../shared/training-roster.ts';
import { assertMaintainsSessions, getStoredSession, sessionText } from '../shared/training-sessions.ts';

/**
 * Records who was present on one day of the session (replacing that day's record), by the office standing
 * in for the training base. Only the session's own days, not before they come, until attendance closes
 * (the end of the first working day after the last day), and only registrations that hold a seat.
 */
export const handler = createApiHandler(
  { path: attendancePathSchema, body: attendanceBodySchema },
  async ({ caller, path, body }) => {
    const stored = await getStoredSession(path.code);
    if (!stored) throw notFound(sessionText);
    const { session } = stored;
    assertMaintainsSessions(caller, session.zone);
    const at = now();
    if (stored.attendanceClosedAt !== undefined || at >= attendanceClosesAt(session)) {
      throw conflict('ATTENDANCE_CLOSED', {
        zh: '出勤登记已截止，结业已评定',
        en: 'Attendance has closed and completion has been decided',
      });
    }
    if (!sessionDays(session).includes(path.date)) {
      throw new ApiError(422, 'NOT_A_SESSION_DAY', {
        zh: `${path.date} 不是培训班 ${session.code} 的培训日`,
        en: `${path.date} is not a day of session ${session.code}`,
      });
    }
    if (path.date > chinaDate(at)) {
      throw new ApiError(422, 'DAY_NOT_COME', {
        zh: `${path.date} 尚未到来，不能登记出勤`,
        en: `${path.date} has not come yet; attendance cannot be recorded`,
      });
    }
    const notSeated = body.present.filter((id) => stored.seated[id] === undefined);
    if (notSeated.length > 0) {
      throw new ApiError(
        422,
        'NOT_ENROLLED',
        { zh: '名单中有未占用本班名额的报名', en: 'Some registrations do not hold a seat in this session' },
        { registrations: notSeated },
      );
    }
    const day = {
      sessionCode: session.code,
      date: path.date,
      present: body.present,
      recordedBy: caller.userId,
      recordedAt: at.toISOString(),
    };
    await putAttendanceDay(day);
    return respond(200, { attendance: day });
  },
);
