import type { Application } from '../../domain/shared/application.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { type SubsidyClaimForm, subsidyClaimFormSchema } from '../../domain/subsidy/claim.ts';
import type { Policy } from '../../domain/subsidy/policy.ts';
import { getApplication } from './applications.ts';
import { getPolicy } from './policies.ts';
import { releaseClaim } from './subsidy-holds.ts';

export interface LoadedClaim {
  application: Application;
  form: SubsidyClaimForm;
  policy: Policy;
}

/** A SUBSIDY application with its parsed form and its policy; both must exist while the claim runs. */
export const loadClaim = async (applicationId: string): Promise<LoadedClaim> => {
  const application = await getApplication(applicationId);
  if (!application) throw new Error(`Application ${applicationId} does not exist`);
  const form = subsidyClaimFormSchema.parse(application.form);
  const policy = await getPolicy(form.policyCode);
  if (!policy) throw new Error(`Policy ${form.policyCode} of claim ${applicationId} does not exist`);
  return { application, form, policy };
};

/** The China date the claim was submitted: the policy had to be open on it. */
export const claimedOn = (application: Application): string => chinaDate(new Date(application.createdAt));

/** Gives back everything a claim holds (allowances and budget), e.g. when it is withdrawn. */
export const releaseClaimHolds = async (applicationId: string): Promise<number> => {
  const { application, policy } = await loadClaim(applicationId);
  return releaseClaim(application.id, application.orgId, policy);
};
