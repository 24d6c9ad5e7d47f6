import { workflowActor } from '../../domain/shared/audit.ts';
import { updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { trainingStepEventSchema } from '../shared/training-events.ts';
import { engineInstant, loadRegistration } from '../shared/training-registrations.ts';

/**
 * The registration holds its seat for good (confirmed by the employer where the session asks for it).
 * Returns the start as an instant for the state machine's Wait, after which the registration closes.
 */
export const handler = createStepHandler(trainingStepEventSchema, async ({ applicationId }) => {
  const { stored } = await loadRegistration(applicationId);
  const at = nowIso();
  const updated = await updateUnlessTerminal(applicationId, { stage: 'ENROLLED', status: 'IN_REVIEW' }, at);
  if (updated) {
    await appendAuditEvent({
      applicationId,
      actor: workflowActor,
      action: 'ENROLLED',
      stage: 'ENROLLED',
      data: { sessionCode: stored.session.code, startsAt: stored.session.startsAt },
      eventKey: 'enrolled',
      at,
    });
  }
  return { startsAt: engineInstant(new Date(stored.session.startsAt)) };
});
