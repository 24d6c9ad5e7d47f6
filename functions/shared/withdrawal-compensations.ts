import type { Application } from '../../domain/shared/application.ts';
import { releaseClaimHolds } from './subsidy-claims.ts';

/**
 * What a program's workflow would have undone itself had it not been stopped by a withdrawal. Withdrawal
 * stops the execution, so these run in the withdraw handler after the status is WITHDRAWN; a workflow
 * step that takes something while the withdrawal runs sees the closed status and gives it back itself.
 */
const compensations: Record<string, (application: Application) => Promise<unknown>> = {
  SUBSIDY: (application) => releaseClaimHolds(application.id),
};

export const compensateWithdrawal = async (application: Application): Promise<void> => {
  await compensations[application.program]?.(application);
};
