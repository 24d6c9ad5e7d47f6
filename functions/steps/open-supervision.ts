import { workflowActor } from '../../domain/shared/audit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { supervisionFormSchema } from '../../domain/supervision/form.ts';
import { getApplication } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { applicationStepEventSchema } from '../shared/step-events.ts';
import { openBoardEntry } from '../shared/supervision.ts';

/** Puts a new supervision task on its zone's board, green. */
export const handler = createStepHandler(applicationStepEventSchema, async ({ applicationId }) => {
  const application = await getApplication(applicationId);
  if (!application) throw new Error(`Application ${applicationId} does not exist`);
  const form = supervisionFormSchema.parse(application.form);
  const at = now();
  await openBoardEntry({
    applicationId,
    zone: application.zone,
    district: application.district,
    title: form.title,
    unitCode: form.unitCode,
    dueDate: form.dueDate,
    reportingPeriod: form.reportingPeriod,
    ...(form.targetCode !== undefined ? { targetCode: form.targetCode } : {}),
    rag: 'GREEN',
    state: 'ACTIVE',
    reportsSubmitted: 0,
    reportsInExecution: 0,
    executionStartedOn: chinaDate(at),
    updatedAt: at.toISOString(),
  });
  await appendAuditEvent({
    applicationId,
    actor: workflowActor,
    action: 'SUPERVISION_OPENED',
    data: { unitCode: form.unitCode, dueDate: form.dueDate, reportingPeriod: form.reportingPeriod },
    eventKey: 'supervision-opened',
    at: at.toISOString(),
  });
  return { opened: true };
});
