import { workflowActor } from '../../domain/shared/audit.ts';
import { isTerminalStatus } from '../../domain/shared/program.ts';
import { employerConfirmationStage } from '../../domain/training/program.ts';
import { needsEmployerConfirmation } from '../../domain/training/registration.ts';
import { confirmationDeadline, secondsUntil } from '../../domain/training/session.ts';
import { updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { requestTrainingSeatEventSchema } from '../shared/training-events.ts';
import { loadRegistration } from '../shared/training-registrations.ts';
import { putRosterEntry } from '../shared/training-roster.ts';
import { closeRegistration, releaseAndPromote, requestSeat } from '../shared/training-seats.ts';

const actions = { SEATED: 'SEAT_TAKEN', WAITLISTED: 'WAITLISTED', CLOSED: 'REGISTRATION_CLOSED' } as const;
const stages = { SEATED: 'SEAT_HELD', WAITLISTED: 'WAITLIST', CLOSED: 'REGISTRATION_CLOSED' } as const;

/**
 * Takes a seat for the registration or a place on the waitlist (see shared/training-seats.ts); at or after
 * the start the registration closes, and one still waiting is not admitted. Idempotent: a retry, or the
 * question asked again after a promotion, finds the registration's standing in the seat book.
 * Returns SEATED (with whether and how long the employer may confirm), WAITLISTED (with how long to wait
 * at most: until the start) or CLOSED.
 */
export const handler = createStepHandler(requestTrainingSeatEventSchema, async ({ applicationId, phase }) => {
  const { application, form, stored } = await loadRegistration(applicationId);
  const { session } = stored;
  if (isTerminalStatus(application.status)) return { result: 'CLOSED' as const };
  await putRosterEntry({
    registrationId: application.id,
    sessionCode: session.code,
    traineeOrgId: application.orgId,
    name: form.name,
    idNumberMasked: form.idNumberMasked,
    phone: form.phone,
    category: form.category,
    ...(form.employerUscc !== undefined ? { employerUscc: form.employerUscc } : {}),
    ...(form.employerName !== undefined ? { employerName: form.employerName } : {}),
    submittedAt: application.createdAt,
  });

  const at = now();
  const atIso = at.toISOString();
  const start = new Date(session.startsAt);
  const closing = phase === 'AT_START' || at >= start;
  if (closing) await closeRegistration(session.code, atIso);
  const standing = await requestSeat(session.code, application.id, atIso);
  const result =
    standing.state === 'SEATED'
      ? 'SEATED'
      : standing.state === 'WAITLISTED' && !closing
        ? 'WAITLISTED'
        : 'CLOSED';

  const updated = await updateUnlessTerminal(
    applicationId,
    {
      stage: stages[result],
      status: 'IN_REVIEW',
      assessment: {
        ...application.assessment,
        seat: {
          result,
          at: atIso,
          ...(standing.state === 'WAITLISTED'
            ? { ticket: standing.ticket, positionOnEntry: standing.position }
            : {}),
        },
      },
    },
    atIso,
  );
  if (!updated) {
    // Withdrawn while this step ran: the withdrawal released what it saw; give back what was taken since.
    await releaseAndPromote(session.code, application.id);
    return { result: 'CLOSED' as const };
  }
  await appendAuditEvent({
    applicationId,
    actor: workflowActor,
    action: actions[result],
    stage: stages[result],
    data: {
      sessionCode: session.code,
      ...(standing.state === 'WAITLISTED' ? { ticket: standing.ticket, position: standing.position } : {}),
    },
    eventKey: `seat:${result}`,
    at: atIso,
  });
  return {
    result,
    confirmationRequired: result === 'SEATED' && needsEmployerConfirmation(session, form),
    confirmationTimeoutSeconds: secondsUntil(
      at,
      confirmationDeadline(at, employerConfirmationStage.deadlineWorkingDays, session),
    ),
    waitTimeoutSeconds: secondsUntil(at, start),
  };
});
