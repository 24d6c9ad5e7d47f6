import { closeApplication } from '../shared/program-compensations.ts';
import { createStepHandler } from '../shared/step.ts';
import { closeSupervisionEventSchema } from '../shared/supervision-events.ts';

/** Ends a supervision task: the program's close hook takes it off the active board, then the status. */
export const handler = createStepHandler(closeSupervisionEventSchema, (event) =>
  closeApplication('SUPERVISION', event),
);
