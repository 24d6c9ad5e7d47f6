import { z } from 'zod';
import type { ProgramDefinition } from '../shared/program.ts';
import { objectionReviewStage, reviewStage, revisionStage } from '../shared/stages.ts';
import { type ParkCertificationForm, parkCertificationFormSchema } from './form.ts';

const levelCode = { MUNICIPAL: 'M', PROVINCIAL: 'P' } as const;

export const expertCriteria = [
  { code: 'planning', name: { zh: '园区规划与定位', en: 'Planning and positioning' }, maxScore: 20 },
  { code: 'facilities', name: { zh: '基础设施与配套服务', en: 'Facilities and services' }, maxScore: 25 },
  {
    code: 'enterprises',
    name: { zh: '企业集聚与运营', en: 'Enterprise cluster and operations' },
    maxScore: 30,
  },
  { code: 'management', name: { zh: '管理制度与人才', en: 'Management and talent' }, maxScore: 25 },
] as const;

const expertScoresSchema = z
  .object({
    scores: z
      .object(
        Object.fromEntries(
          expertCriteria.map((criterion) => [criterion.code, z.number().min(0).max(criterion.maxScore)]),
        ),
      )
      .strict(),
  })
  .strict();

export const siteInspectionSchema = z
  .object({
    date: z.iso.date(),
    inspectors: z.array(z.string().trim().min(2).max(50)).min(2).max(10),
    findings: z.string().trim().min(5).max(5_000),
    passed: z.boolean(),
  })
  .strict();
export type SiteInspection = z.infer<typeof siteInspectionSchema>;

export const parkCertificationProgram: ProgramDefinition<ParkCertificationForm> = {
  code: 'PARK_CERT',
  name: { zh: '跨境电子商务产业园认定', en: 'Cross-border e-commerce park certification' },
  applicantRole: 'park',
  formSchema: parkCertificationFormSchema,
  variantOf: (form) => form.level,
  titleOf: (form) => form.parkName,
  stages: [
    reviewStage('DISTRICT_REVIEW', { zh: '县区初审', en: 'District review' }, 'district_reviewer'),
    revisionStage('DISTRICT_REVISION', { zh: '补正材料（县区）', en: 'Revision requested by the district' }),
    reviewStage('MUNICIPAL_REVIEW', { zh: '市级复审', en: 'Municipal review' }, 'municipal_reviewer', {
      // Approval draws the expert panel; the reviewer may set its size.
      dataSchema: z.object({ panelSize: z.number().int().min(3).max(9).optional() }).strict(),
    }),
    revisionStage('MUNICIPAL_REVISION', {
      zh: '补正材料（市级）',
      en: 'Revision requested by the municipality',
    }),
    {
      code: 'EXPERT_SCORING',
      name: { zh: '专家评审', en: 'Expert panel scoring' },
      kind: 'panel',
      assignee: 'panel',
      deadlineWorkingDays: 10,
      outcomes: ['SUBMIT'],
      dataSchema: expertScoresSchema,
    },
    reviewStage('SITE_INSPECTION', { zh: '实地核查', en: 'Site inspection' }, 'municipal_reviewer', {
      dataSchema: siteInspectionSchema,
      checkDecision: (outcome, data) => {
        const passed = (data as SiteInspection | undefined)?.passed;
        if (outcome === 'APPROVE' && passed !== true) {
          return { zh: '核查未通过，不能通过该环节', en: 'A failed inspection cannot be approved' };
        }
        if (outcome !== 'APPROVE' && passed === true) {
          return {
            zh: '核查已通过，不能退回或驳回',
            en: 'A passed inspection cannot be returned or rejected',
          };
        }
        return undefined;
      },
    }),
    revisionStage('SITE_INSPECTION_REVISION', {
      zh: '整改补正（实地核查）',
      en: 'Revision after site inspection',
    }),
    objectionReviewStage,
    reviewStage(
      'MUNICIPAL_RECOMMENDATION',
      { zh: '市级推荐', en: 'Municipal recommendation' },
      'municipal_reviewer',
    ),
    revisionStage('MUNICIPAL_RECOMMENDATION_REVISION', {
      zh: '补正材料（市级推荐）',
      en: 'Revision requested for the recommendation',
    }),
    reviewStage('PROVINCIAL_REVIEW', { zh: '省级审核', en: 'Provincial review' }, 'provincial_reviewer'),
    revisionStage('PROVINCIAL_REVISION', {
      zh: '补正材料（省级）',
      en: 'Revision requested by the province',
    }),
  ],
  expertPanel: { defaultSize: 3, criteria: expertCriteria, passAverage: 70 },
  publicNoticeWorkingDays: 5,
  submissionCheck: async (form, applicant, ports) => {
    if (form.level !== 'PROVINCIAL') return undefined;
    const certificate = await ports.findCertificate(form.municipalCertificateNumber);
    if (certificate?.program !== 'PARK_CERT' || certificate.variant !== 'MUNICIPAL') {
      return {
        zh: `未找到市级园区认定证书 ${form.municipalCertificateNumber}，省级认定须先取得市级认定`,
        en: `Municipal park certificate ${form.municipalCertificateNumber} not found; provincial certification requires one`,
      };
    }
    if (certificate.orgId !== applicant.orgId || certificate.title !== form.parkName) {
      return {
        zh: '该市级认定证书不属于本单位的同一园区',
        en: 'That municipal certificate belongs to another park or organization',
      };
    }
    if (certificate.validUntil < applicant.today) {
      return {
        zh: `市级认定证书已于 ${certificate.validUntil} 到期`,
        en: `The municipal certificate expired on ${certificate.validUntil}`,
      };
    }
    return undefined;
  },
  certificate: {
    numberPrefix: ({ zone, variant, year }) =>
      `${zone === 'wuhu' ? 'WH' : 'AQ'}-PARK-${levelCode[variant as keyof typeof levelCode] ?? variant}-${year}-`,
    validityYears: 3,
  },
};
