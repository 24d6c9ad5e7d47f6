import { now } from '../shared/clock.ts';
import { deliverDecision } from '../shared/decisions.ts';
import { keys } from '../shared/keys.ts';
import { createStepHandler } from '../shared/step.ts';
import { redeliverDecisionsEventSchema } from '../shared/step-events.ts';
import { getTaskToken, listInbox } from '../shared/tasks.ts';

/** Decisions younger than this are probably still being delivered by the request that recorded them. */
const GRACE_MS = 30_000;
const BATCH = 100;

export const handler = createStepHandler(redeliverDecisionsEventSchema, async (event) => {
  const cutoff = now().getTime() - (event.graceMs ?? GRACE_MS);
  const { items } = await listInbox(keys.undeliveredQueue, BATCH, undefined);
  const counts = { delivered: 0, gone: 0, 'retry-later': 0 };
  for (const task of items) {
    if (!task.decision || Date.parse(task.decision.decidedAt) > cutoff) continue;
    const token = await getTaskToken(task.taskId);
    if (!token) continue;
    counts[await deliverDecision(task, token)] += 1;
  }
  return counts;
});
