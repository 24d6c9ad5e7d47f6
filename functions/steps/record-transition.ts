import { workflowActor } from '../../domain/shared/audit.ts';
import { updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { recordTransitionEventSchema } from '../shared/step-events.ts';

export const handler = createStepHandler(recordTransitionEventSchema, async (event) => {
  const at = nowIso();
  const updated = await updateUnlessTerminal(event.applicationId, { status: event.status }, at);
  if (updated) {
    await appendAuditEvent({
      applicationId: event.applicationId,
      actor: workflowActor,
      action: event.action,
      ...(updated.stage !== undefined ? { stage: updated.stage } : {}),
      reason: event.reason,
      data: { status: event.status },
      eventKey: `${event.executionArn}:${event.stateName}`,
      at,
    });
  }
  return { status: updated?.status ?? null };
});
