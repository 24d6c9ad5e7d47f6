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
  {
    path: '/dashboard',
    label: { zh: '统计监测', en: 'Dashboard' },
    roles: ['office', 'municipal_reviewer', 'provincial_reviewer', 'admin'],
  },
  {
    path: '/supervision',
    label: { zh: '督办看板', en: 'Supervision' },
    roles: ['office', 'municipal_reviewer', 'provincial_reviewer', 'admin', 'unit'],
  },
  { path: '/notices', label: common.publicNotices, roles: [...applicants, ...deciders] },
  {
    path: '/audit',
    label: { zh: '审计查询', en: 'Audit' },
    roles: ['office', 'provincial_reviewer', 'admin'],
  },
  {
    group: 'administration',
    path: '/admin/policies',
    label: { zh: '政策目录', en: 'Policies' },
    roles: ['admin', 'office'],
  },
  {
    group: 'administration',
    path: '/admin/credit-lists',
    label: { zh: '信用名单', en: 'Credit lists' },
    roles: ['admin', 'office'],
  },
  {
    group: 'administration',
    path: '/admin/experts',
    label: { zh: '专家库', en: 'Experts' },
    roles: ['admin', 'office'],
  },
  {
    group: 'administration',
    path: '/admin/training',
    label: { zh: '培训班', en: 'Training' },
    roles: ['admin', 'office'],
  },
  {
    group: 'administration',
    path: '/admin/zones',
    label: { zh: '综试区配置', en: 'Zones' },
    roles: ['admin', 'office'],
  },
];

export const homeOf = (role: string): string => (applicants.includes(role) ? '/applications' : '/inbox');
