import { idPathSchema, resubmitBodySchema } from '../../domain/shared/requests.ts';
import { formValidationError, requireOwnApplication, requireProgram } from '../shared/application-service.ts';
import { updateWithVersion } from '../shared/applications.ts';
import { auditActorOf } from '../shared/audit-actor.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { deliverDecision } from '../shared/decisions.ts';
import { concurrentModification, conflict } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { listTasksOfApplication, recordDecision } from '../shared/tasks.ts';

export const handler = createApiHandler(
  { path: idPathSchema, body: resubmitBodySchema },
  async ({ caller, path, body }) => {
    const application = await requireOwnApplication(caller, path.id);
    const revisionTask = (await listTasksOfApplication(application.id)).find(
      (task) => task.kind === 'revision' && task.status === 'OPEN',
    );
    if (!revisionTask) {
      throw conflict('NOT_AWAITING_REVISION', {
        zh: '该申请当前无需补正',
        en: 'This application is not awaiting a revision',
      });
    }
    const program = requireProgram(application.program);
    const parsed = program.formSchema.safeParse(body.form);
    if (!parsed.success) throw formValidationError(parsed.error);
    if (program.variantOf(parsed.data) !== application.variant) {
      throw conflict('VARIANT_CHANGED', {
        zh: '补正时不能更改申请类别',
        en: 'A revision cannot change the kind of application',
      });
    }

    const at = nowIso();
    // The version check makes concurrent resubmissions serialize: exactly one replaces the form.
    const updated = await updateWithVersion(
      application,
      {
        form: parsed.data as Record<string, unknown>,
        title: program.titleOf(parsed.data),
        revision: application.revision + 1,
      },
      at,
    );
    if (!updated) {
      throw concurrentModification();
    }
    const decided = await recordDecision(revisionTask.taskId, {
      outcome: 'RESUBMITTED',
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      decidedBy: caller.userId,
      decidedByRole: caller.role,
      decidedAt: at,
    });
    if (!decided.ok) {
      throw conflict('NOT_AWAITING_REVISION', {
        zh: '补正任务已处理',
        en: 'The revision was already answered',
      });
    }
    await appendAuditEvent({
      applicationId: application.id,
      actor: auditActorOf(caller),
      action: 'RESUBMITTED',
      stage: revisionTask.stage,
      reason: body.comment,
      data: { taskId: revisionTask.taskId, revision: updated.revision },
      eventKey: `decision:${revisionTask.taskId}`,
      at,
    });
    const delivery = await deliverDecision(decided.task, decided.taskToken);
    return respond(200, { application: updated, delivery });
  },
);
