import { randomInt } from 'node:crypto';
import { findProgram } from '../../domain/programs.ts';
import { drawPanel } from '../../domain/shared/expert.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { nowIso } from '../shared/clock.ts';
import { insertPanel, listExpertsOfZone } from '../shared/experts.ts';
import { createStepHandler } from '../shared/step.ts';
import { drawExpertPanelEventSchema } from '../shared/step-events.ts';

export const handler = createStepHandler(drawExpertPanelEventSchema, async (event) => {
  const application = await getApplication(event.applicationId);
  if (!application) throw new Error(`Application ${event.applicationId} does not exist`);
  const definition = findProgram(application.program)?.expertPanel;
  if (!definition) throw new Error(`${application.program} has no expert panel`);

  const requested = event.decision.data?.panelSize;
  const size = typeof requested === 'number' ? requested : definition.defaultSize;
  const pool = await listExpertsOfZone(application.zone);
  const draw = drawPanel(pool, application, size, (bound) => randomInt(bound));
  if (draw.members.length < size) {
    // Not enough experts without a conflict: a smaller panel would not be a fair review.
    throw Object.assign(new Error(`Only ${draw.members.length} of ${size} experts are free of conflicts`), {
      name: 'InsufficientExperts',
    });
  }
  const at = nowIso();
  const panel = await insertPanel({
    applicationId: application.id,
    size,
    members: draw.members,
    exclusions: draw.exclusions,
    drawnBy: event.decision.decidedBy,
    drawnAt: at,
  });
  await updateUnlessTerminal(application.id, { experts: panel.members.map((member) => member.userId) }, at);
  await appendAuditEvent({
    applicationId: application.id,
    actor: { id: panel.drawnBy, role: 'municipal_reviewer' },
    action: 'EXPERT_PANEL_DRAWN',
    stage: 'EXPERT_PANEL',
    data: { members: panel.members, exclusions: panel.exclusions, size: panel.size },
    eventKey: 'expert-panel-drawn',
    at: panel.drawnAt,
  });
  return { members: panel.members.length, excluded: panel.exclusions.length };
});
