import type { ProgramDefinition } from '../shared/program.ts';
import { type ParkCertificationForm, parkCertificationFormSchema } from './form.ts';

const levelCode = { MUNICIPAL: 'M', PROVINCIAL: 'P' } as const;

export const parkCertificationProgram: ProgramDefinition<ParkCertificationForm> = {
  code: 'PARK_CERT',
  name: { zh: '跨境电子商务产业园认定', en: 'Cross-border e-commerce park certification' },
  applicantRole: 'park',
  formSchema: parkCertificationFormSchema,
  variantOf: (form) => form.level,
  titleOf: (form) => form.parkName,
  stages: [
    {
      code: 'DISTRICT_REVIEW',
      name: { zh: '县区初审', en: 'District review' },
      kind: 'review',
      assignee: 'district_reviewer',
      deadlineWorkingDays: 10,
      outcomes: ['APPROVE', 'REJECT', 'RETURN'],
    },
    {
      code: 'DISTRICT_REVISION',
      name: { zh: '补正材料（县区）', en: 'Revision requested by the district' },
      kind: 'revision',
      assignee: 'applicant',
      deadlineWorkingDays: 15,
      outcomes: [],
    },
    {
      code: 'MUNICIPAL_REVIEW',
      name: { zh: '市级复审', en: 'Municipal review' },
      kind: 'review',
      assignee: 'municipal_reviewer',
      deadlineWorkingDays: 10,
      outcomes: ['APPROVE', 'REJECT', 'RETURN'],
    },
    {
      code: 'MUNICIPAL_REVISION',
      name: { zh: '补正材料（市级）', en: 'Revision requested by the municipality' },
      kind: 'revision',
      assignee: 'applicant',
      deadlineWorkingDays: 15,
      outcomes: [],
    },
  ],
  certificate: {
    numberPrefix: ({ zone, variant, year }) =>
      `${zone === 'wuhu' ? 'WH' : 'AQ'}-PARK-${levelCode[variant as keyof typeof levelCode] ?? variant}-${year}-`,
    validityYears: 3,
  },
};
