import type { Application, HumanTask } from './application.ts';
import { isApplicantRole, type Role, roleScope } from './roles.ts';

export interface Principal {
  role: Role;
  zone?: string | undefined;
  district?: string | undefined;
  orgId?: string | undefined;
}

interface Scoped {
  zone: string;
  district: string;
  orgId: string;
}

/** Whether the principal's scope covers a record of this zone, district and organization. */
export const coversScope = (principal: Principal, record: Scoped): boolean => {
  switch (roleScope[principal.role]) {
    case 'organization':
      return principal.orgId !== undefined && principal.orgId === record.orgId;
    case 'district':
      return principal.zone === record.zone && principal.district === record.district;
    case 'zone':
      return principal.zone === record.zone;
    case 'province':
      return true;
  }
};

/** Applicants read their own organization's applications; reviewers those in their scope. */
export const canReadApplication = (principal: Principal, application: Application): boolean =>
  coversScope(principal, application);

export const canActOnTask = (principal: Principal, task: HumanTask): boolean => {
  if (task.assigneeRole === 'applicant') {
    return isApplicantRole(principal.role) && principal.orgId === task.orgId;
  }
  return principal.role === task.assigneeRole && coversScope(principal, task);
};
