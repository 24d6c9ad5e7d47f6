import { workflowActor } from '../../domain/shared/audit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { zones } from '../../domain/shared/zones.ts';
import { type Rag, supervisionRag } from '../../domain/supervision/schedule.ts';
import { findUnit } from '../../domain/supervision/units.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { inboxQueue } from '../shared/keys.ts';
import { notify } from '../shared/notifications.ts';
import { createStepHandler } from '../shared/step.ts';
import { scheduledEventSchema } from '../shared/step-events.ts';
import { activeBoard, type BoardEntry, updateBoardEntry } from '../shared/supervision.ts';
import { listTasksOfApplication } from '../shared/tasks.ts';

const escalation: Record<Rag, { action: string; zh: string; en: string }> = {
  GREEN: { action: 'SUPERVISION_BACK_ON_TRACK', zh: '已恢复正常', en: 'back on track' },
  YELLOW: { action: 'SUPERVISION_URGED', zh: '催办：事项已逾期，请尽快办理', en: 'Urged: a step is overdue' },
  RED: {
    action: 'SUPERVISION_ESCALATED',
    zh: '督办：事项严重逾期，已报领导小组办公室督办',
    en: 'Escalated to the leading-group office: seriously overdue',
  },
};

const rate = async (entry: BoardEntry, today: string, atIso: string): Promise<Rag | undefined> => {
  const openSteps = (await listTasksOfApplication(entry.applicationId))
    .filter((task) => task.status === 'OPEN' || task.status === 'CLAIMED')
    .map((task) => ({ dueOn: chinaDate(new Date(task.dueAt)) }));
  const rag = supervisionRag({ today, dueDate: entry.dueDate, openSteps });
  if (rag === entry.rag) return undefined;
  const changed = await updateBoardEntry(
    entry.applicationId,
    { rag, updatedAt: atIso },
    { expression: 'rag = :seen', values: { ':seen': entry.rag } },
  );
  if (!changed) return undefined;
  const what = escalation[rag];
  await appendAuditEvent({
    applicationId: entry.applicationId,
    actor: workflowActor,
    action: what.action,
    reason: what.zh,
    data: { from: entry.rag, to: rag, dueDate: entry.dueDate },
    eventKey: `rag:${entry.rag}->${rag}:${today}`,
    at: atIso,
  });
  const unitQueue = inboxQueue('unit', 'organization', { orgId: findUnit(entry.unitCode)?.orgId });
  const recipients = [unitQueue, rag === 'RED' ? inboxQueue('office', 'zone', entry) : undefined];
  for (const recipient of recipients) {
    if (!recipient) continue;
    await notify({
      id: `rag:${entry.applicationId}:${rag}:${today}:${recipient}`,
      recipient,
      kind: rag === 'RED' ? 'SUPERVISION_ESCALATED' : 'SUPERVISION_URGED',
      title: { zh: `${what.zh}：${entry.title}`, en: `${what.en}: ${entry.title}` },
      body: { zh: `办结期限 ${entry.dueDate}`, en: `Due ${entry.dueDate}` },
      applicationId: entry.applicationId,
      createdAt: atIso,
    });
  }
  return rag;
};

/**
 * Rates every active supervision task red / yellow / green from its open steps and due date; a change to
 * yellow urges the unit (催办), to red escalates to the office (督办), each in the audit trail.
 */
export const handler = createStepHandler(scheduledEventSchema, async () => {
  const at = now();
  const today = chinaDate(at);
  const changes: Partial<Record<Rag, number>> = {};
  for (const zone of zones) {
    for (const entry of await activeBoard(zone.code)) {
      const rag = await rate(entry, today, at.toISOString());
      if (rag) changes[rag] = (changes[rag] ?? 0) + 1;
    }
  }
  return changes;
});
