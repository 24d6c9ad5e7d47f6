import type { Application, HumanTask } from './application.ts';
import { isApplicantRole, type Role, roleScope } from './roles.ts';

export interface Principal {
  role: Role;
  zone?: string | undefined;
  district?: string | undefined;
  orgId?: string | undefined;
  userId?: string | undefined;
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
    case 'user':
      return false;
  }
};

/** Applicants read their own organization's applications; reviewers those in their scope. */
export const canReadApplication = (principal: Principal, application: Application): boolean => {
  if (roleScope[principal.role] === 'user') {
    return principal.userId !== undefined && (application.experts ?? []).includes(principal.userId);
  }
  if (coversScope(principal, application)) return true;
  return (
    roleScope[principal.role] === 'organization' &&
    principal.orgId !== undefined &&
    (application.participants ?? []).includes(principal.orgId)
  );
};

export const canActOnTask = (principal: Principal, task: HumanTask): boolean => {
  if (task.assigneeUserId !== undefined) {
    return (
      principal.role === task.assigneeRole &&
      principal.userId !== undefined &&
      principal.userId === task.assigneeUserId
    );
  }
  if (task.assigneeRole === 'applicant') {
    return isApplicantRole(principal.role) && principal.orgId === task.orgId;
  }
  return principal.role === task.assigneeRole && coversScope(principal, task);
};
