import type { Application } from '../../domain/shared/application.ts';
import { nowIso } from './clock.ts';
import type { RecordTransitionEvent } from './step-events.ts';
import { releaseClaimHolds } from './subsidy-claims.ts';
import { closeBoardEntry } from './supervision.ts';
import { releaseRegistrationPlace } from './training-registrations.ts';
import { recordTransition } from './transitions.ts';

/**
 * What a program gives back or closes itself when one of its applications ends, beside the generic status
 * change: one registry per way of ending, keyed by program code; a program without an entry needs nothing.
 */

/**
 * What a program's workflow would have undone itself had it not been stopped by a withdrawal. Withdrawal
 * stops the execution, so these run in the withdraw handler after the status is WITHDRAWN; a workflow
 * step that takes something while the withdrawal runs sees the closed status and gives it back itself.
 */
const withdrawalCompensations: Record<string, (application: Application) => Promise<unknown>> = {
  SUBSIDY: (application) => releaseClaimHolds(application.id),
  // The seat or waitlist place goes to the first in line, who is told and whose workflow is woken.
  TRAINING: (application) => releaseRegistrationPlace(application),
};

export const compensateWithdrawal = async (application: Application): Promise<void> => {
  await withdrawalCompensations[application.program]?.(application);
};

/**
 * What a program does when its workflow closes an application (rejection, timeout, completion), before
 * the status is recorded, so an application never reaches a closed status still holding anything. Returns
 * what the closing step reports beside the status.
 */
const closeHooks: Record<
  string,
  (event: RecordTransitionEvent) => Promise<Record<string, unknown> | undefined>
> = {
  // Every path that ends a claim unpaid gives its holds (allowances and budget) back.
  SUBSIDY: async ({ applicationId }) => ({ releasedCny: await releaseClaimHolds(applicationId) }),
  // Off the active board: completed when accepted, closed otherwise.
  SUPERVISION: async ({ applicationId, status }) => {
    await closeBoardEntry(applicationId, status === 'APPROVED' ? 'COMPLETED' : 'CLOSED', nowIso());
    return undefined;
  },
};

/** A workflow's closing step: the program's close hook first, then the status (shared/transitions.ts). */
export const closeApplication = async (program: string, event: RecordTransitionEvent) => {
  const reported = await closeHooks[program]?.(event);
  const updated = await recordTransition(event);
  return { status: updated?.status ?? null, ...reported };
};
