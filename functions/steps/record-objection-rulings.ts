import { objectionRulingsSchema } from '../../domain/shared/stages.ts';
import { deciderOf } from '../shared/audit-actor.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { recordRuling } from '../shared/notices.ts';
import { createStepHandler } from '../shared/step.ts';
import { recordRulingsEventSchema } from '../shared/step-events.ts';

/** Writes the office's ruling on each objection, each with its reason in the audit trail. */
export const handler = createStepHandler(recordRulingsEventSchema, async ({ applicationId, decision }) => {
  const { rulings } = objectionRulingsSchema.parse(decision.data);
  for (const ruling of rulings) {
    const recorded = await recordRuling(applicationId, ruling.objectionId, {
      outcome: ruling.outcome,
      reason: ruling.reason,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt,
    });
    if (!recorded) throw new Error(`Objection ${ruling.objectionId} could not be ruled`);
    await appendAuditEvent({
      applicationId,
      actor: deciderOf(decision, 'office'),
      action: ruling.outcome === 'UPHOLD' ? 'OBJECTION_UPHELD' : 'OBJECTION_DISMISSED',
      stage: 'OBJECTION_REVIEW',
      reason: ruling.reason,
      data: { objectionId: ruling.objectionId },
      eventKey: `ruling:${ruling.objectionId}`,
      at: decision.decidedAt,
    });
  }
  return { ruled: rulings.length };
});
