import { workflowActor } from '../../domain/shared/audit.ts';
import { isTerminalStatus } from '../../domain/shared/program.ts';
import { completionOf } from '../../domain/training/completion.ts';
import { updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { trainingStepEventSchema } from '../shared/training-events.ts';
import { loadRegistration } from '../shared/training-registrations.ts';
import { attendanceOf, daysPresentOf } from '../shared/training-roster.ts';
import { closeAttendance } from '../shared/training-seats.ts';

/**
 * Attendance has closed: the trainee completed the session if present on at least the session's threshold
 * share of its days. Completion goes on to the certificate (the generic issue-certificate step); otherwise
 * the registration closes here with the count as the reason.
 */
export const handler = createStepHandler(trainingStepEventSchema, async ({ applicationId }) => {
  const { application, stored } = await loadRegistration(applicationId);
  if (isTerminalStatus(application.status)) return { completed: false };
  const { session } = stored;
  // Closed before counting, so no day can change after this registration's count.
  await closeAttendance(session.code, nowIso());
  const completion = completionOf(session, daysPresentOf(await attendanceOf(session.code), applicationId));
  const at = nowIso();
  const reason = completion.completed
    ? undefined
    : {
        zh: `出勤 ${completion.attendedDays} 天，未达到结业要求的 ${completion.requiredDays} 天（共 ${completion.sessionDays} 天，须达 ${session.completionThresholdPercent}%）`,
        en: `Present on ${completion.attendedDays} days; completion needs ${completion.requiredDays} of the session's ${completion.sessionDays} days (${session.completionThresholdPercent} %)`,
      };
  const updated = await updateUnlessTerminal(
    applicationId,
    {
      stage: completion.completed ? 'COMPLETED' : 'NOT_COMPLETED',
      assessment: { ...application.assessment, completion },
      ...(reason ? { status: 'REJECTED', closingReasons: [reason] } : {}),
    },
    at,
  );
  if (updated) {
    await appendAuditEvent({
      applicationId,
      actor: workflowActor,
      action: completion.completed ? 'COMPLETED' : 'NOT_COMPLETED',
      stage: completion.completed ? 'COMPLETED' : 'NOT_COMPLETED',
      ...(reason ? { reason: reason.zh } : {}),
      data: { ...completion },
      eventKey: 'completion',
      at,
    });
  }
  return { completed: completion.completed && updated !== undefined };
});
