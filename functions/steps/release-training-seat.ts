import type { LocalizedText } from '../../domain/shared/program.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { cancelOpenTask, listTasksOfApplication } from '../shared/tasks.ts';
import { releaseTrainingSeatEventSchema, type TrainingReleaseReason } from '../shared/training-events.ts';
import { loadRegistration } from '../shared/training-registrations.ts';
import { fillFreeSeats, releaseSeat } from '../shared/training-seats.ts';
import { recordTransition } from '../shared/transitions.ts';

const closings: Record<
  TrainingReleaseReason,
  { status: 'REJECTED' | 'TIMED_OUT'; action: string; stage: string; reason: LocalizedText }
> = {
  EMPLOYER_REJECTED: {
    status: 'REJECTED',
    action: 'EMPLOYER_REJECTED',
    stage: 'SEAT_RELEASED',
    reason: {
      zh: '工作单位未确认本次报名，名额已释放',
      en: 'The employer did not confirm the registration; its seat was released',
    },
  },
  CONFIRMATION_TIMED_OUT: {
    status: 'TIMED_OUT',
    action: 'EMPLOYER_CONFIRMATION_TIMED_OUT',
    stage: 'SEAT_RELEASED',
    reason: {
      zh: '工作单位未在期限内确认，名额已释放',
      en: 'The employer did not confirm in time; the seat was released',
    },
  },
  NOT_ADMITTED: {
    status: 'REJECTED',
    action: 'NOT_ADMITTED',
    stage: 'NOT_ADMITTED',
    reason: {
      zh: '开班时报名已截止，候补未能转正',
      en: 'The registration closed at the start before a seat became free',
    },
  },
};

/**
 * Ends a registration that will not take part: its seat (or waitlist place) is given up first, an open
 * employer task leaves the inbox, the status is recorded with the reason, and a freed seat goes to the
 * first in line, who is told. Every part is idempotent, so a retried step changes nothing twice.
 */
export const handler = createStepHandler(releaseTrainingSeatEventSchema, async (event) => {
  const { form } = await loadRegistration(event.applicationId);
  const closing = closings[event.reason];
  const at = nowIso();
  const released = await releaseSeat(form.sessionCode, event.applicationId, at);
  for (const task of await listTasksOfApplication(event.applicationId)) {
    if (task.status === 'OPEN' || task.status === 'CLAIMED') await cancelOpenTask(task.taskId, at);
  }
  const updated = await recordTransition(
    { ...event, status: closing.status, action: closing.action, reason: closing.reason.zh },
    { stage: closing.stage, closingReasons: [closing.reason] },
  );
  const promoted = await fillFreeSeats(form.sessionCode);
  return { status: updated?.status ?? null, released, promoted };
});
