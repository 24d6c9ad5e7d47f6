import type { Caller } from './auth.ts';

/**
 * Who may read an enterprise's own records (its registry entry, its reported figures): the enterprise
 * itself, the office and municipal reviewers of its zone, the district reviewer of its district, and the
 * province and administrators everywhere.
 */
export const readsEnterpriseRecords = (
  caller: Caller,
  enterprise: { uscc: string; zone: string; district: string },
): boolean => {
  switch (caller.role) {
    case 'admin':
    case 'provincial_reviewer':
      return true;
    case 'office':
    case 'municipal_reviewer':
      return caller.zone === enterprise.zone;
    case 'district_reviewer':
      return caller.zone === enterprise.zone && caller.district === enterprise.district;
    case 'enterprise':
      return caller.orgId === enterprise.uscc;
    default:
      return false;
  }
};
