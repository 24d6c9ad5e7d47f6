import { createStepHandler } from '../shared/step.ts';
import { recordTransitionEventSchema } from '../shared/step-events.ts';
import { recordTransition } from '../shared/transitions.ts';

export const handler = createStepHandler(recordTransitionEventSchema, async (event) => {
  const updated = await recordTransition(event);
  return { status: updated?.status ?? null };
});
