import {
  putTrainingSessionBodySchema,
  sessionPathSchema,
  zoneOfSessionCode,
} from '../../domain/training/session.ts';
import { nowIso } from '../shared/clock.ts';
import { badRequest } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { fillFreeSeats } from '../shared/training-seats.ts';
import { assertMaintainsSessions, putTrainingSession, sessionView } from '../shared/training-sessions.ts';

/**
 * Creates (no version, 201) or updates (current version, 200) a session; admin, or the office of its
 * zone standing in for the training base. A larger capacity gives the new seats to the waitlist at once.
 */
export const handler = createApiHandler(
  { path: sessionPathSchema, body: putTrainingSessionBodySchema },
  async ({ caller, path, body }) => {
    assertMaintainsSessions(caller, body.zone);
    // The code names the zone, so an update can never move a session to another zone.
    if (zoneOfSessionCode(path.code) !== body.zone) {
      throw badRequest(
        'VALIDATION_FAILED',
        {
          zh: '培训班编号的综试区前缀与内容不符',
          en: "The session code's zone prefix does not match the zone",
        },
        [{ path: 'code', code: 'invalid_value', message: 'code does not match zone' }],
      );
    }
    const { version, ...fields } = body;
    const { stored, created } = await putTrainingSession(path.code, fields, version, {
      userId: caller.userId,
      role: caller.role,
      zone: caller.zone,
      now: nowIso(),
    });
    const promoted = stored.seats.waiting > 0 ? await fillFreeSeats(path.code) : [];
    return respond(created ? 201 : 200, { session: sessionView(stored), promoted });
  },
);
