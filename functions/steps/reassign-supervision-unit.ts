import { findUnit } from '../../domain/supervision/units.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { deciderOf } from '../shared/audit-actor.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { updateBoardEntry } from '../shared/supervision.ts';
import { reassignSupervisionEventSchema } from '../shared/supervision-events.ts';

/** The office agreed to reassign: the task now names the new unit, whose acceptance comes next. */
export const handler = createStepHandler(
  reassignSupervisionEventSchema,
  async ({ applicationId, decision }) => {
    const application = await getApplication(applicationId);
    const unit = findUnit(decision.data.unitCode);
    if (!application || !unit)
      throw new Error(`Cannot reassign ${applicationId} to ${decision.data.unitCode}`);
    const previous = String(application.form.unitCode ?? '');
    const at = nowIso();
    if (previous !== unit.code) {
      await updateUnlessTerminal(
        applicationId,
        { form: { ...application.form, unitCode: unit.code }, orgName: unit.name.zh },
        at,
      );
      await updateBoardEntry(applicationId, { unitCode: unit.code, updatedAt: at });
    }
    await appendAuditEvent({
      applicationId,
      actor: deciderOf(decision, 'office'),
      action: 'SUPERVISION_REASSIGNED',
      stage: 'REASSIGNMENT',
      data: { from: previous, to: unit.code },
      eventKey: `reassigned:${decision.taskId}`,
      at,
    });
    return { unitCode: unit.code };
  },
);
