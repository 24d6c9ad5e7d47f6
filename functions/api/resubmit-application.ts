import { chinaDate } from '../../domain/shared/calendar.ts';
import { idPathSchema, resubmitBodySchema } from '../../domain/shared/requests.ts';
import { formValidationError, requireOwnApplication, requireProgram } from '../shared/application-service.ts';
import { updateWithVersion } from '../shared/applications.ts';
import { bindAttachments, checkAttachments } from '../shared/attachments.ts';
import { auditActorOf } from '../shared/audit-actor.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now, nowIso } from '../shared/clock.ts';
import { deliverDecision } from '../shared/decisions.ts';
import { concurrentModification, conflict } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { submissionPorts } from '../shared/submission-ports.ts';
import { listTasksOfApplication, recordDecision } from '../shared/tasks.ts';
import { claimUniqueKeys, releaseUniqueKeys } from '../shared/unique-keys.ts';

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

    // Bound before the form is replaced: an upload bound to this application and then unused is harmless.
    const attachmentIds = await checkAttachments(caller, parsed.data, application.id);
    await bindAttachments(attachmentIds, application.id, caller.userId, nowIso());

    // Keys the new form adds are claimed before the form is replaced; keys it drops are released after.
    const at = nowIso();
    const keysOf = (form: unknown) => {
      const parsedForm = program.formSchema.safeParse(form);
      return parsedForm.success ? (program.uniqueKeys?.(parsedForm.data) ?? []) : [];
    };
    const previousKeys = keysOf(application.form);
    const nextKeys = keysOf(parsed.data);
    const added = nextKeys.filter((key) => !previousKeys.some((old) => old.key === key.key));
    const dropped = previousKeys.filter((key) => !nextKeys.some((next) => next.key === key.key));
    await claimUniqueKeys(program.code, added, application.id, at);
    const applicant = { orgId: application.orgId, today: chinaDate(now()) };
    const facts = await program.facts?.(parsed.data, applicant, submissionPorts);
    const assessment = await program.assess?.(parsed.data, applicant, submissionPorts, facts);
    // The version check makes concurrent resubmissions serialize: exactly one replaces the form.
    const updated = await updateWithVersion(
      application,
      {
        form: parsed.data as Record<string, unknown>,
        title: program.titleOf(parsed.data),
        revision: application.revision + 1,
        ...(assessment !== undefined ? { assessment } : {}),
      },
      at,
    );
    if (!updated) {
      await releaseUniqueKeys(program.code, added, application.id);
      throw concurrentModification();
    }
    await releaseUniqueKeys(program.code, dropped, application.id);
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
