import { findProgram } from '../../domain/programs.ts';
import type { HumanTask } from '../../domain/shared/application.ts';
import { findStage, type ProgramDefinition } from '../../domain/shared/program.ts';
import { type DecisionBody, decisionBodySchema, taskIdPathSchema } from '../../domain/shared/requests.ts';
import { requireActionableTask, taskNoLongerOpen } from '../shared/application-service.ts';
import { bindAttachments, checkAttachments } from '../shared/attachments.ts';
import { auditActorOf } from '../shared/audit-actor.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import type { Caller } from '../shared/auth.ts';
import { nowIso } from '../shared/clock.ts';
import { runDecisionGuard } from '../shared/decision-guards.ts';
import '../shared/program-guards.ts';
import { deliverDecision } from '../shared/decisions.ts';
import { badRequest, conflict } from '../shared/errors.ts';
import { createApiHandler, respond } from '../shared/http.ts';
import { completePanelIfDone } from '../shared/panels.ts';
import { getTask, recordDecision, recordPanelSubmission, settlePanelSubmission } from '../shared/tasks.ts';

const validateDecision = async (
  program: ProgramDefinition,
  task: HumanTask,
  outcome: DecisionBody['outcome'],
  data: Record<string, unknown> | undefined,
) => {
  const stage = findStage(program, task.stage);
  if (!stage?.outcomes.includes(outcome)) {
    throw badRequest(
      'OUTCOME_NOT_ALLOWED',
      { zh: `该环节不允许此决定：${outcome}`, en: `Outcome ${outcome} is not allowed at this stage` },
      { allowed: stage?.outcomes ?? [] },
    );
  }
  let parsedData = data;
  if (stage.dataSchema) {
    const parsed = stage.dataSchema.safeParse(data ?? {});
    if (!parsed.success) {
      throw badRequest(
        'VALIDATION_FAILED',
        { zh: '决定所附记录校验失败', en: 'The record attached to the decision is invalid' },
        parsed.error.issues.map((issue) => ({
          path: ['data', ...issue.path.map(String)].join('.'),
          code: issue.code,
          message: issue.message,
        })),
      );
    }
    parsedData = parsed.data;
  }
  const inconsistency =
    stage.checkDecision?.(outcome, parsedData) ??
    (await runDecisionGuard(stage.guard, task, outcome, parsedData));
  if (inconsistency) throw badRequest('DECISION_INCONSISTENT', inconsistency);
  return parsedData;
};

const decide = async (caller: Caller, task: HumanTask, body: DecisionBody) => {
  const program = findProgram(task.program);
  if (!program) throw new Error(`Unknown program ${task.program}`);
  const data = await validateDecision(program, task, body.outcome, body.data);
  const decidedAt = nowIso();
  // Evidence files (e.g. a supervision completion's) join the application before the decision is recorded.
  const attachmentIds = await checkAttachments(caller, data, task.applicationId);
  await bindAttachments(attachmentIds, task.applicationId, caller.userId, decidedAt);
  const decision = {
    outcome: body.outcome,
    ...(body.comment !== undefined ? { comment: body.comment } : {}),
    ...(data !== undefined ? { data } : {}),
    decidedBy: caller.userId,
    decidedByRole: caller.role,
    ...(caller.name !== undefined ? { decidedByName: caller.name } : {}),
    decidedAt,
  };
  const audit = {
    applicationId: task.applicationId,
    actor: auditActorOf(caller),
    action: task.kind === 'panel-member' ? 'EXPERT_SCORED' : `DECISION_${body.outcome}`,
    stage: task.stage,
    reason: body.comment,
    data: { taskId: task.taskId, ...(data !== undefined ? { record: data } : {}) },
    eventKey: `decision:${task.taskId}`,
    at: decidedAt,
  };

  if (task.kind === 'panel-member') {
    const submitted = await recordPanelSubmission(task.taskId, decision);
    if (!submitted.ok) throw taskNoLongerOpen(await getTask(task.taskId));
    await appendAuditEvent(audit);
    const delivery = (await completePanelIfDone(program, submitted.task)) ?? 'waiting-for-panel';
    await settlePanelSubmission(task.taskId);
    return { task: submitted.task, delivery };
  }
  const result = await recordDecision(task.taskId, decision);
  if (!result.ok) throw taskNoLongerOpen(await getTask(task.taskId));
  await appendAuditEvent(audit);
  const delivery = await deliverDecision(result.task, result.taskToken);
  return { task: (await getTask(task.taskId)) ?? result.task, delivery };
};

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
    return respond(200, await decide(caller, task, body));
  },
);
