import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { closeBoardEntry } from '../shared/supervision.ts';
import { closeSupervisionEventSchema } from '../shared/supervision-events.ts';
import { recordTransition } from '../shared/transitions.ts';

/** Ends a supervision task: off the active board, then the status (APPROVED = completed and accepted). */
export const handler = createStepHandler(closeSupervisionEventSchema, async (event) => {
  await closeBoardEntry(event.applicationId, event.status === 'APPROVED' ? 'COMPLETED' : 'CLOSED', nowIso());
  const updated = await recordTransition(event);
  return { status: updated?.status ?? null };
});
