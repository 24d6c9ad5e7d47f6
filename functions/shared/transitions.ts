import type { Application } from '../../domain/shared/application.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { getApplication, updateUnlessTerminal } from './applications.ts';
import { appendAuditEvent, listAuditEvents } from './audit-log.ts';
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
  const eventKey = `${event.executionArn}:${event.stateName}`;
  const audit = (application: Application) =>
    appendAuditEvent({
      applicationId: event.applicationId,
      actor: workflowActor,
      action: event.action,
      ...(application.stage !== undefined ? { stage: application.stage } : {}),
      reason: event.reason,
      data: { status: event.status },
      eventKey,
      at,
      zone: application.zone,
      program: application.program,
    });
  const updated = await updateUnlessTerminal(event.applicationId, { ...set, status: event.status }, at);
  if (updated) {
    await audit(updated);
    return updated;
  }
  // Not updated: closed already. When it holds this transition's own status, an earlier attempt of this
  // step wrote it and failed before its event (the status is terminal, so the update cannot run again):
  // the event is still owed.
  const current = await getApplication(event.applicationId);
  if (current?.status === event.status) {
    const events = await listAuditEvents(event.applicationId);
    if (!events.some((written) => written.eventKey === eventKey)) await audit(current);
  }
  return undefined;
};
