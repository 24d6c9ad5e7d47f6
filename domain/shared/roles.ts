import { z } from 'zod';

export const roleSchema = z.enum([
  'park',
  'enterprise',
  'trainee',
  'district_reviewer',
  'municipal_reviewer',
  'provincial_reviewer',
  'expert',
  'finance',
  'unit',
  'office',
  'admin',
]);
export type Role = z.infer<typeof roleSchema>;

/** Roles that apply on behalf of their own organization and only see its records. */
export const applicantRoles: readonly Role[] = ['park', 'enterprise', 'trainee'];

export const isApplicantRole = (role: Role): boolean => applicantRoles.includes(role);

export const roleNames: Record<Role, { zh: string; en: string }> = {
  park: { zh: '园区运营主体', en: 'Park operator' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  trainee: { zh: '培训学员', en: 'Trainee' },
  district_reviewer: { zh: '县区审核员', en: 'District reviewer' },
  municipal_reviewer: { zh: '市级审核员', en: 'Municipal reviewer' },
  provincial_reviewer: { zh: '省级审核员', en: 'Provincial reviewer' },
  expert: { zh: '评审专家', en: 'Expert' },
  finance: { zh: '财政', en: 'Finance' },
  unit: { zh: '责任单位', en: 'Responsible unit' },
  office: { zh: '领导小组办公室', en: 'Leading-group office' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

/**
 * How far a role's inbox reaches: a district reviewer sees one district, a municipal reviewer one zone,
 * a provincial reviewer both zones, an applicant its own organization, an expert what is assigned to them.
 */
export type AssigneeScope = 'district' | 'zone' | 'province' | 'organization' | 'user';

export const roleScope: Record<Role, AssigneeScope> = {
  park: 'organization',
  enterprise: 'organization',
  trainee: 'organization',
  district_reviewer: 'district',
  municipal_reviewer: 'zone',
  provincial_reviewer: 'province',
  expert: 'user',
  finance: 'zone',
  unit: 'organization',
  office: 'zone',
  admin: 'province',
};
