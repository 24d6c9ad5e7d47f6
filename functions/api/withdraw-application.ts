import { isTerminalStatus } from '../../domain/shared/program.ts';
import { idPathSchema, withdrawBodySchema } from '../../domain/shared/requests.ts';
import { requireOwnApplication } from '../shared/application-service.ts';
import { updateWithVersion } from '../shared/applications.ts';
import { auditActorOf } from '../shared/audit-actor.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { concurrentModification, conflict } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { closeNotice } from '../shared/notices.ts';
import { compensateWithdrawal } from '../shared/program-compensations.ts';
import { cancelOpenTask, listTasksOfApplication } from '../shared/tasks.ts';
import { stopWorkflow } from '../shared/workflows.ts';

export const handler = createApiHandler(
  { path: idPathSchema, body: withdrawBodySchema },
  async ({ caller, path, body }) => {
    const application = await requireOwnApplication(caller, path.id);
    const closed = () =>
      conflict(
        'APPLICATION_CLOSED',
        { zh: '申请已办结，无法撤回', en: 'The application is closed and cannot be withdrawn' },
        { status: application.status },
      );
    if (isTerminalStatus(application.status)) throw closed();

    const at = nowIso();
    const withdrawn = await updateWithVersion(application, { status: 'WITHDRAWN' }, at);
    if (!withdrawn) {
      throw concurrentModification();
    }
    if (application.executionArn)
      await stopWorkflow(application.executionArn, body.reason ?? 'Withdrawn by applicant');
    await compensateWithdrawal(application);
    await closeNotice(application.id, 'CANCELLED', at);
    for (const task of await listTasksOfApplication(application.id)) {
      if (task.status === 'OPEN' || task.status === 'CLAIMED') await cancelOpenTask(task.taskId, at);
    }
    await appendAuditEvent({
      applicationId: application.id,
      actor: auditActorOf(caller),
      action: 'WITHDRAWN',
      ...(application.stage !== undefined ? { stage: application.stage } : {}),
      reason: body.reason,
      eventKey: 'withdrawn',
      at,
    });
    return respond(200, { application: withdrawn });
  },
);
