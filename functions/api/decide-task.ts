import { findProgram } from '../../domain/programs.ts';
import { findStage } from '../../domain/shared/program.ts';
import { decisionBodySchema, taskIdPathSchema } from '../../domain/shared/requests.ts';
import { requireActionableTask, taskNoLongerOpen } from '../shared/application-service.ts';
import { auditActorOf } from '../shared/audit-actor.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { deliverDecision } from '../shared/decisions.ts';
import { badRequest, conflict } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { getTask, recordDecision } from '../shared/tasks.ts';

export const handler = createApiHandler(
  { path: taskIdPathSchema, body: decisionBodySchema },
  async ({ caller, path, body }) => {
    const task = await requireActionableTask(caller, path.taskId);
    if (task.kind === 'revision') {
      throw conflict('USE_RESUBMIT', {
        zh: '补正任务请通过重新提交申请完成',
        en: 'Answer a revision task by resubmitting the application',
      });
    }
    const program = findProgram(task.program);
    const stage = program ? findStage(program, task.stage) : undefined;
    if (!stage?.outcomes.includes(body.outcome)) {
      throw badRequest(
        'OUTCOME_NOT_ALLOWED',
        {
          zh: `该环节不允许此决定：${body.outcome}`,
          en: `Outcome ${body.outcome} is not allowed at this stage`,
        },
        { allowed: stage?.outcomes ?? [] },
      );
    }
    const decidedAt = nowIso();
    const result = await recordDecision(task.taskId, {
      outcome: body.outcome,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      decidedBy: caller.userId,
      decidedByRole: caller.role,
      decidedAt,
    });
    if (!result.ok) throw taskNoLongerOpen(await getTask(task.taskId));
    await appendAuditEvent({
      applicationId: task.applicationId,
      actor: auditActorOf(caller),
      action: `DECISION_${body.outcome}`,
      stage: task.stage,
      reason: body.comment,
      data: { taskId: task.taskId },
      eventKey: `decision:${task.taskId}`,
      at: decidedAt,
    });
    const delivery = await deliverDecision(result.task, result.taskToken);
    return respond(200, { task: (await getTask(task.taskId)) ?? result.task, delivery });
  },
);
