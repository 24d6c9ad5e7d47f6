import { closeApplication } from '../shared/program-compensations.ts';
import { createStepHandler } from '../shared/step.ts';
import { closeSubsidyClaimEventSchema } from '../shared/step-events.ts';

/**
 * Rejection and timeout of a claim: the program's close hook gives its holds back first, so a claim never
 * reaches a closed status while still holding budget.
 */
export const handler = createStepHandler(closeSubsidyClaimEventSchema, (event) =>
  closeApplication('SUBSIDY', event),
);
