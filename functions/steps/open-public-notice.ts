import { findProgram } from '../../domain/programs.ts';
import { workflowActor } from '../../domain/shared/audit.ts';
import { noticeWindow } from '../../domain/shared/calendar.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { openNotice } from '../shared/notices.ts';
import { createStepHandler } from '../shared/step.ts';
import { applicationStepEventSchema } from '../shared/step-events.ts';

/**
 * Opens the public notice (公示): N working days starting the next working day. Returns the end as an
 * instant for the state machine's Wait.
 */
export const handler = createStepHandler(applicationStepEventSchema, async ({ applicationId }) => {
  const application = await getApplication(applicationId);
  if (!application) throw new Error(`Application ${applicationId} does not exist`);
  const days = findProgram(application.program)?.publicNoticeWorkingDays;
  if (!days) throw new Error(`${application.program} has no public notice`);

  const openedAt = now();
  // Our clock may be shifted (PLATFORM_CLOCK_OFFSET_MS); the Wait runs on the engine's real clock.
  const clockSkewMs = openedAt.getTime() - Date.now();
  const window = noticeWindow(openedAt, days);
  const notice = await openNotice({
    applicationId,
    program: application.program,
    variant: application.variant,
    title: application.title,
    ...(application.orgName !== undefined ? { orgName: application.orgName } : {}),
    zone: application.zone,
    district: application.district,
    firstDay: window.firstDay,
    lastDay: window.lastDay,
    endsAt: window.endsAt.toISOString(),
    status: 'OPEN',
    openedAt: openedAt.toISOString(),
    objectionCount: 0,
  });
  await updateUnlessTerminal(applicationId, { stage: 'PUBLIC_NOTICE', status: 'IN_REVIEW' }, notice.openedAt);
  await appendAuditEvent({
    applicationId,
    actor: workflowActor,
    action: 'PUBLIC_NOTICE_OPENED',
    stage: 'PUBLIC_NOTICE',
    data: { firstDay: notice.firstDay, lastDay: notice.lastDay, endsAt: notice.endsAt },
    eventKey: `notice-opened:${notice.openedAt}`,
    at: notice.openedAt,
  });
  return {
    endsAt: new Date(Date.parse(notice.endsAt) - clockSkewMs).toISOString(),
    firstDay: notice.firstDay,
    lastDay: notice.lastDay,
  };
});
