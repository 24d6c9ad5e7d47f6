import type { ProgramDefinition, StageDefinition } from '../shared/program.ts';
import { isDistrictOf } from '../shared/zones.ts';
import { type RegistrationForm, registrationFormSchema, registrationRefusal } from './registration.ts';
import { certificatePrefixOf, zoneOfSessionCode } from './session.ts';

/** The employer (an enterprise account of the USCC the trainee named) confirms the registration. */
export const employerConfirmationStage: StageDefinition = {
  code: 'EMPLOYER_CONFIRMATION',
  name: { zh: '工作单位确认', en: 'Confirmation by the employer' },
  kind: 'review',
  assignee: 'participant',
  participantOf: (application) => {
    const employer = application.form.employerUscc;
    return typeof employer === 'string' ? { role: 'enterprise', orgId: employer } : undefined;
  },
  deadlineWorkingDays: 3,
  outcomes: ['APPROVE', 'REJECT'],
};

export const trainingProgram: ProgramDefinition<RegistrationForm> = {
  code: 'TRAINING',
  name: { zh: '跨境电商人才培训报名', en: 'Cross-border e-commerce talent training registration' },
  applicantRole: 'trainee',
  formSchema: registrationFormSchema,
  // One sequence of certificate numbers per zone and year, whatever the session.
  variantOf: () => 'REGISTRATION',
  titleOf: (form) => `${form.sessionCode} · ${form.name}`,
  stages: [employerConfirmationStage],
  certificate: {
    numberPrefix: ({ zone, year }) => `${certificatePrefixOf(zone)}-PX-${year}-`,
    // The certificate machinery gives every certificate a validity; three years, as for the parks.
    validityYears: 3,
  },
  // Sessions are per zone: a trainee registers for the sessions of their own zone, whose office runs them.
  ownerOf: (form, creator) => {
    const zone = zoneOfSessionCode(form.sessionCode);
    if (
      !creator.orgId ||
      !creator.zone ||
      !creator.district ||
      !isDistrictOf(creator.zone, creator.district)
    ) {
      return {
        refused: {
          zh: '账号缺少所属单位或区域信息',
          en: 'Your account lacks an organization, zone or district',
        },
      };
    }
    if (zone !== creator.zone) {
      return {
        refused: {
          zh: `培训班 ${form.sessionCode} 不属于您所在的综试区`,
          en: `Session ${form.sessionCode} belongs to another zone than yours`,
        },
      };
    }
    return { orgId: creator.orgId, zone, district: creator.district };
  },
  submissionCheck: async (form, applicant, ports) => {
    const session = await ports.findTrainingSession(form.sessionCode);
    if (!session) {
      return {
        zh: `培训班 ${form.sessionCode} 不存在`,
        en: `There is no training session ${form.sessionCode}`,
      };
    }
    return registrationRefusal(session, form, applicant.today);
  },
  // One registration per person and session among the live ones; a withdrawn one frees the key.
  uniqueKeys: (form) => [
    {
      key: `SESSION#${form.sessionCode}#PERSON#${form.identityDigest}`,
      duplicate: {
        zh: `该身份证号已报名培训班 ${form.sessionCode}`,
        en: `This ID number is already registered for session ${form.sessionCode}`,
      },
    },
  ],
};
