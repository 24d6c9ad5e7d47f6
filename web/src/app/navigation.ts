import type { Text } from '../shared/i18n.tsx';
import { common } from '../shared/texts.ts';

export interface NavigationItem {
  path: string;
  label: Text;
  roles: readonly string[];
  /** Items of one group share a drop-down, so the header fits at 1280 px for every role. */
  group?: 'administration';
}

export const groupLabels: Record<NonNullable<NavigationItem['group']>, Text> = {
  administration: { zh: '系统管理', en: 'Administration' },
};

const applicants = ['park', 'enterprise', 'trainee'];
/** The leading-group office and the platform's administrator: they keep the registries. */
const office = ['office', 'admin'];
/** Who follows the zone's figures: the office, the city and the province. */
const oversight = [...office, 'municipal_reviewer', 'provincial_reviewer'];
const deciders = [
  'district_reviewer',
  'municipal_reviewer',
  'provincial_reviewer',
  'expert',
  'finance',
  'unit',
  ...office,
];

/** An administration page, in the 系统管理 drop-down, for the office. */
const registry = (path: string, label: Text): NavigationItem => ({
  group: 'administration',
  path,
  label,
  roles: office,
});

/** The menu: each role sees only what it may use (the API enforces the same rules). */
export const navigation: readonly NavigationItem[] = [
  { path: '/inbox', label: common.inbox, roles: deciders },
  { path: '/applications', label: common.myApplications, roles: applicants },
  { path: '/applications/new', label: common.newApplication, roles: [...applicants, 'office'] },
  { path: '/dashboard', label: { zh: '统计监测', en: 'Dashboard' }, roles: oversight },
  { path: '/supervision', label: { zh: '督办看板', en: 'Supervision' }, roles: [...oversight, 'unit'] },
  { path: '/notices', label: common.publicNotices, roles: [...applicants, ...deciders] },
  { path: '/audit', label: { zh: '审计查询', en: 'Audit' }, roles: [...office, 'provincial_reviewer'] },
  registry('/admin/policies', { zh: '政策目录', en: 'Policies' }),
  registry('/admin/credit-lists', { zh: '信用名单', en: 'Credit lists' }),
  registry('/admin/experts', { zh: '专家库', en: 'Experts' }),
  registry('/admin/training', { zh: '培训班', en: 'Training' }),
  registry('/admin/zones', { zh: '综试区配置', en: 'Zones' }),
];

export const homeOf = (role: string): string => (applicants.includes(role) ? '/applications' : '/inbox');
