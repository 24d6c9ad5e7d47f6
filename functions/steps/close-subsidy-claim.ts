import { createStepHandler } from '../shared/step.ts';
import { closeSubsidyClaimEventSchema } from '../shared/step-events.ts';
import { releaseClaimHolds } from '../shared/subsidy-claims.ts';
import { recordTransition } from '../shared/transitions.ts';

/**
 * Rejection and timeout of a claim: the compensation of its holds comes first, so a claim never reaches
 * a closed status while still holding budget.
 */
export const handler = createStepHandler(closeSubsidyClaimEventSchema, async (event) => {
  const releasedCny = await releaseClaimHolds(event.applicationId);
  const updated = await recordTransition(event);
  return { status: updated?.status ?? null, releasedCny };
});
