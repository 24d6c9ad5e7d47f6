import type { Application } from '../../domain/shared/application.ts';
import { releaseClaimHolds } from './subsidy-claims.ts';
import { releaseRegistrationPlace } from './training-registrations.ts';

/**
 * What a program's workflow would have undone itself had it not been stopped by a withdrawal. Withdrawal
 * stops the execution, so these run in the withdraw handler after the status is WITHDRAWN; a workflow
 * step that takes something while the withdrawal runs sees the closed status and gives it back itself.
 */
const compensations: Record<string, (application: Application) => Promise<unknown>> = {
  SUBSIDY: (application) => releaseClaimHolds(application.id),
  // The seat or waitlist place goes to the first in line, who is told and whose workflow is woken.
  TRAINING: (application) => releaseRegistrationPlace(application),
};

export const compensateWithdrawal = async (application: Application): Promise<void> => {
  await compensations[application.program]?.(application);
};
