import { workflowActor } from '../../domain/shared/audit.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { closeNotice, getNotice, listObjections } from '../shared/notices.ts';
import { createStepHandler } from '../shared/step.ts';
import { applicationStepEventSchema } from '../shared/step-events.ts';

/** Ends the notice window and reports how many objections arrived; they are counted by what is stored. */
/** How long to wait for objections counted just before the close whose items are still being written. */
const SETTLE_MS = 2_000;

export const handler = createStepHandler(applicationStepEventSchema, async ({ applicationId }) => {
  const at = nowIso();
  await closeNotice(applicationId, 'CLOSED', at);
  const notice = await getNotice(applicationId);
  // The count is taken before an objection is written (see notices.ts), so it may briefly run ahead of
  // the stored objections; a submitter who got 201 is always stored within moments.
  let objections = await listObjections(applicationId);
  const deadline = Date.now() + SETTLE_MS;
  while (objections.length < (notice?.objectionCount ?? 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    objections = await listObjections(applicationId);
  }
  await appendAuditEvent({
    applicationId,
    actor: workflowActor,
    action: 'PUBLIC_NOTICE_CLOSED',
    stage: 'PUBLIC_NOTICE',
    data: { objections: objections.length, lastDay: notice?.lastDay },
    eventKey: 'notice-closed',
    at,
  });
  return { objections: objections.length };
});
