import { workflowActor } from '../../domain/shared/audit.ts';
import { attendanceClosesAt } from '../../domain/training/session.ts';
import { updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { trainingStepEventSchema } from '../shared/training-events.ts';
import { engineInstant, loadRegistration } from '../shared/training-registrations.ts';
import { closeRegistration } from '../shared/training-seats.ts';

/**
 * The session starts: its registration closes (nobody is seated or promoted any more) and the enrolled
 * trainee is in session. Returns when attendance closes and completion is decided, for the next Wait.
 */
export const handler = createStepHandler(trainingStepEventSchema, async ({ applicationId }) => {
  const { stored } = await loadRegistration(applicationId);
  const at = nowIso();
  await closeRegistration(stored.session.code, at);
  const updated = await updateUnlessTerminal(applicationId, { stage: 'IN_SESSION' }, at);
  if (updated) {
    await appendAuditEvent({
      applicationId,
      actor: workflowActor,
      action: 'SESSION_STARTED',
      stage: 'IN_SESSION',
      data: { sessionCode: stored.session.code },
      eventKey: 'session-started',
      at,
    });
  }
  return { evaluateAt: engineInstant(attendanceClosesAt(stored.session)) };
});
