import type { ProgramDefinition } from '../shared/program.ts';
import { reviewStage } from '../shared/stages.ts';
import { findZone } from '../shared/zones.ts';
import {
  completionSchema,
  progressReportSchema,
  reassignmentSchema,
  type SupervisionForm,
  supervisionFormSchema,
} from './form.ts';
import { findUnit } from './units.ts';

/** The unit currently responsible: the one the form names (reassignment changes it). */
const currentUnit = (application: { form: Record<string, unknown> }) => {
  const unit = findUnit(String(application.form.unitCode ?? ''));
  return unit ? { role: 'unit' as const, orgId: unit.orgId } : undefined;
};

const unitStage = (
  code: string,
  name: { zh: string; en: string },
  extra: Partial<ReturnType<typeof reviewStage>>,
) => reviewStage(code, name, 'participant', { participantOf: currentUnit, ...extra });

/** The pseudo-organization that owns the office's supervision tasks of a zone. */
export const officeOrgId = (zone: string) => `office-${zone}`;

export const supervisionProgram: ProgramDefinition<SupervisionForm> = {
  code: 'SUPERVISION',
  name: { zh: '领导小组督办事项', en: 'Leading-group supervision task' },
  applicantRole: 'office',
  formSchema: supervisionFormSchema,
  variantOf: (form) => form.reportingPeriod,
  titleOf: (form) => form.title,
  stages: [
    unitStage(
      'ACCEPTANCE',
      { zh: '责任单位签收', en: 'Acceptance by the responsible unit' },
      // RETURN asks the office to reassign the task, with the reason as the comment.
      { outcomes: ['APPROVE', 'RETURN'], deadlineWorkingDays: 3 },
    ),
    reviewStage('REASSIGNMENT', { zh: '改派申请审核', en: 'Decision on a reassignment request' }, 'office', {
      outcomes: ['APPROVE', 'REJECT'],
      deadlineWorkingDays: 3,
      dataSchema: reassignmentSchema,
      checkDecision: (outcome, data) =>
        outcome === 'APPROVE' && !(data as { unitCode?: string } | undefined)?.unitCode
          ? { zh: '同意改派时须指定新的责任单位', en: 'Agreeing to reassign needs the new unit' }
          : undefined,
      guard: 'supervision-unit-in-zone',
    }),
    unitStage(
      'PROGRESS_REPORT',
      { zh: '阶段进展报告', en: 'Progress report' },
      { outcomes: ['SUBMIT'], deadlineWorkingDays: 5, dataSchema: progressReportSchema },
    ),
    unitStage(
      'COMPLETION',
      { zh: '办结报告', en: 'Completion report' },
      { outcomes: ['SUBMIT'], deadlineWorkingDays: 10, dataSchema: completionSchema },
    ),
    reviewStage('COMPLETION_REVIEW', { zh: '办结审核', en: 'Review of the completion' }, 'office', {
      outcomes: ['APPROVE', 'RETURN'],
      deadlineWorkingDays: 5,
    }),
  ],
  ownerOf: (form, creator) => {
    const unit = findUnit(form.unitCode);
    if (!creator.zone || !unit || unit.zone !== creator.zone) {
      return {
        refused: {
          zh: `责任单位 ${form.unitCode} 不属于本综试区`,
          en: `Responsible unit ${form.unitCode} is not one of this zone's`,
        },
      };
    }
    const zone = findZone(creator.zone);
    if (form.targetCode !== undefined && !zone?.targets.some((target) => target.code === form.targetCode)) {
      return {
        refused: {
          zh: `本综试区没有目标 ${form.targetCode}`,
          en: `The zone has no target ${form.targetCode}`,
        },
      };
    }
    return {
      orgId: officeOrgId(creator.zone),
      orgName: unit.name.zh,
      zone: creator.zone,
      district: unit.district,
    };
  },
  submissionCheck: async (form, applicant) =>
    form.dueDate <= applicant.today
      ? { zh: '办结期限须晚于今天', en: 'The due date must be after today' }
      : undefined,
};
