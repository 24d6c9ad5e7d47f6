import {
  checkParkCriteria,
  defaultParkThresholds,
  parkThresholdsByLevelSchema,
} from '../../domain/park/criteria.ts';
import { parkCertificationFormSchema } from '../../domain/park/form.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { readConfig } from '../shared/config-store.ts';
import { createStepHandler } from '../shared/step.ts';
import { checkParkCriteriaEventSchema } from '../shared/step-events.ts';

export const handler = createStepHandler(checkParkCriteriaEventSchema, async ({ applicationId }) => {
  const application = await getApplication(applicationId);
  if (!application) throw new Error(`Application ${applicationId} does not exist`);
  const form = parkCertificationFormSchema.parse(application.form);
  const thresholds = await readConfig(
    'PARK_CERT#THRESHOLDS',
    parkThresholdsByLevelSchema,
    defaultParkThresholds,
  );
  const levelThresholds = thresholds[form.level] ?? defaultParkThresholds[form.level];
  const result = checkParkCriteria(form, levelThresholds);
  const at = nowIso();
  await updateUnlessTerminal(applicationId, { criteria: result, stage: 'CRITERIA_CHECK' }, at);
  await appendAuditEvent({
    applicationId,
    actor: workflowActor,
    action: result.passed ? 'CRITERIA_MET' : 'CRITERIA_NOT_MET',
    stage: 'CRITERIA_CHECK',
    data: { thresholds: levelThresholds, reasons: result.reasons },
    eventKey: `criteria:${application.revision}`,
    at,
  });
  return result;
});
