import { isTerminalStatus } from '../../domain/shared/program.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { awaitTrainingSeatEventSchema } from '../shared/training-events.ts';
import { loadRegistration } from '../shared/training-registrations.ts';
import { storeSeatWaiter, wakeSeatWaiter } from '../shared/training-seats.ts';
import { getStoredSession } from '../shared/training-sessions.ts';

/**
 * The callback state of a waitlisted registration: stores the token where a promotion finds it, then looks
 * at the seat book again. If the registration left the waitlist before the token was stored (promoted or
 * released meanwhile), nobody else would wake it, so it wakes itself; the promoter does the same after its
 * own write, so one of the two always sees the other's.
 */
export const handler = createStepHandler(
  awaitTrainingSeatEventSchema,
  async ({ taskToken, applicationId }) => {
    const { application, form } = await loadRegistration(applicationId);
    await storeSeatWaiter(applicationId, taskToken, nowIso());
    const stored = await getStoredSession(form.sessionCode);
    const stillWaiting =
      stored?.waiting[applicationId] !== undefined && !isTerminalStatus(application.status);
    if (!stillWaiting) await wakeSeatWaiter(applicationId);
    return { waiting: stillWaiting };
  },
);
