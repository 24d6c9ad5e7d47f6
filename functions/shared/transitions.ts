import type { Application } from '../../domain/shared/application.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { updateUnlessTerminal } from './applications.ts';
import { appendAuditEvent } from './audit-log.ts';
import { nowIso } from './clock.ts';
import type { RecordTransitionEvent } from './step-events.ts';

/**
 * Moves the application to the status a workflow state names, unless it is already closed (withdrawn
 * meanwhile), with an audit event keyed by the state so a retried step appends nothing.
 */
export const recordTransition = async (
  event: RecordTransitionEvent,
  set: Partial<Application> = {},
): Promise<Application | undefined> => {
  const at = nowIso();
  const updated = await updateUnlessTerminal(event.applicationId, { ...set, status: event.status }, at);
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
      zone: updated.zone,
      program: updated.program,
    });
  }
  return updated;
};
