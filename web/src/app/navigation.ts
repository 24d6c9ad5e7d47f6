import type { Text } from '../shared/i18n.tsx';
import { common } from '../shared/texts.ts';

export interface NavigationItem {
  path: string;
  label: Text;
  roles: readonly string[];
}

const applicants = ['park', 'enterprise', 'trainee'];
const deciders = [
  'district_reviewer',
  'municipal_reviewer',
  'provincial_reviewer',
  'expert',
  'finance',
  'unit',
  'office',
  'admin',
];

/** The menu: each role sees only what it may use (the API enforces the same rules). */
export const navigation: readonly NavigationItem[] = [
  { path: '/inbox', label: common.inbox, roles: deciders },
  { path: '/applications', label: common.myApplications, roles: applicants },
  { path: '/applications/new', label: common.newApplication, roles: [...applicants, 'office'] },
  { path: '/notices', label: common.publicNotices, roles: [...applicants, ...deciders] },
];

export const homeOf = (role: string): string => (applicants.includes(role) ? '/applications' : '/inbox');
