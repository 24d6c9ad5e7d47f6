import { findProgram } from '../../domain/programs.ts';
import type { HumanTask } from '../../domain/shared/application.ts';
import { getApplication } from '../shared/applications.ts';
import { appendAuditEvent, listAuditEvents, type NewAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { deliverDecision } from '../shared/decisions.ts';
import { keys } from '../shared/keys.ts';
import { completePanelIfDone } from '../shared/panels.ts';
import { createStepHandler } from '../shared/step.ts';
import { redeliverDecisionsEventSchema } from '../shared/step-events.ts';
import { getTaskToken, listInbox, settlePanelSubmission } from '../shared/tasks.ts';

/** Decisions younger than this are probably still being delivered by the request that recorded them. */
const GRACE_MS = 30_000;
const BATCH = 100;

/**
 * The audit event the request that recorded the decision appends before delivering it (decide-task for a
 * review or a panel member's score, its panel completion for a panel, resubmit-application for a
 * revision), rebuilt from the decision as stored.
 */
const decisionEvent = async (task: HumanTask): Promise<NewAuditEvent | undefined> => {
  const { decision } = task;
  if (!decision) return undefined;
  const base = {
    applicationId: task.applicationId,
    stage: task.stage,
    eventKey: `decision:${task.taskId}`,
    at: decision.decidedAt,
  };
  if (task.kind === 'panel') {
    return {
      ...base,
      actor: { id: 'panel', role: 'panel', name: '专家组 / Expert panel' },
      action: decision.outcome === 'APPROVE' ? 'EXPERT_PANEL_PASSED' : 'EXPERT_PANEL_FAILED',
      data: decision.data,
    };
  }
  const actor = {
    id: decision.decidedBy,
    role: decision.decidedByRole,
    ...(decision.decidedByName !== undefined ? { name: decision.decidedByName } : {}),
  };
  if (task.kind === 'panel-member') {
    return {
      ...base,
      actor,
      action: 'EXPERT_SCORED',
      reason: decision.comment,
      data: { taskId: task.taskId, ...(decision.data !== undefined ? { record: decision.data } : {}) },
    };
  }
  if (decision.outcome === 'RESUBMITTED') {
    const application = await getApplication(task.applicationId);
    return {
      ...base,
      actor,
      action: 'RESUBMITTED',
      reason: decision.comment,
      data: { taskId: task.taskId, ...(application ? { revision: application.revision } : {}) },
    };
  }
  return {
    ...base,
    actor,
    action: `DECISION_${decision.outcome}`,
    reason: decision.comment,
    data: { taskId: task.taskId, ...(decision.data !== undefined ? { record: decision.data } : {}) },
  };
};

/**
 * A decision waits here when the request that recorded it stopped before delivering it: a failed write,
 * a crash. It may have stopped before its audit event too, so that is written first when missing: a
 * decision never reaches the workflow unrecorded.
 */
const ensureAudited = async (task: HumanTask): Promise<void> => {
  const event = await decisionEvent(task);
  if (!event) return;
  const written = await listAuditEvents(task.applicationId);
  if (!written.some((existing) => existing.eventKey === event.eventKey)) await appendAuditEvent(event);
};

/**
 * A member's score waits in the scored queue when the request that recorded it stopped before its audit
 * event or the panel's completion: without this the panel would wait for a score it already has, and the
 * expert, whose task is closed, could not send it again.
 */
const finishScores = async (cutoff: number) => {
  const { items } = await listInbox(keys.scoredQueue, BATCH, undefined);
  let finished = 0;
  for (const task of items) {
    if (!task.decision || Date.parse(task.decision.decidedAt) > cutoff) continue;
    const program = findProgram(task.program);
    if (!program) throw new Error(`Unknown program ${task.program}`);
    await ensureAudited(task);
    await completePanelIfDone(program, task);
    await settlePanelSubmission(task.taskId);
    finished += 1;
  }
  return finished;
};

export const handler = createStepHandler(redeliverDecisionsEventSchema, async (event) => {
  const cutoff = now().getTime() - (event.graceMs ?? GRACE_MS);
  // Scores first: a panel they complete is decided into the undelivered queue and delivered just below.
  const scoresFinished = await finishScores(cutoff);
  const { items } = await listInbox(keys.undeliveredQueue, BATCH, undefined);
  const counts = { delivered: 0, gone: 0, 'retry-later': 0 };
  for (const task of items) {
    if (!task.decision || Date.parse(task.decision.decidedAt) > cutoff) continue;
    const token = await getTaskToken(task.taskId);
    if (!token) continue;
    await ensureAudited(task);
    counts[await deliverDecision(task, token)] += 1;
  }
  return { ...counts, scoresFinished };
});
