import { workflowActor } from '../../domain/shared/audit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { checkSubsidyEligibility } from '../../domain/subsidy/program.ts';
import { updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { checkSubsidyEligibilityEventSchema } from '../shared/step-events.ts';
import { submissionPorts } from '../shared/submission-ports.ts';
import { claimedOn, loadClaim } from '../shared/subsidy-claims.ts';

/**
 * Routes a claim by the credit lists and registry as they stand now: refused, to a manual check
 * (abnormal-operation list), fast track (whitelist: no district review) or the normal path. The route
 * and its reasons are kept on the application and in the audit trail.
 */
export const handler = createStepHandler(
  checkSubsidyEligibilityEventSchema,
  async ({ applicationId, phase }) => {
    const { application, form } = await loadClaim(applicationId);
    const at = now();
    const { route } = await checkSubsidyEligibility(
      form,
      { orgId: application.orgId, today: chinaDate(at), claimedOn: claimedOn(application) },
      submissionPorts,
    );
    const reasons = 'reasons' in route ? route.reasons : [];
    const eligibility = { phase, route: route.route, reasons, checkedAt: at.toISOString() };
    await updateUnlessTerminal(
      applicationId,
      {
        stage: 'ELIGIBILITY_CHECK',
        assessment: { ...application.assessment, eligibility },
        ...(route.route === 'REFUSED' ? { closingReasons: reasons } : {}),
      },
      at.toISOString(),
    );
    await appendAuditEvent({
      applicationId,
      actor: workflowActor,
      action: `ELIGIBILITY_${route.route}`,
      stage: 'ELIGIBILITY_CHECK',
      ...(reasons.length > 0 ? { reason: reasons.map((reason) => reason.zh).join('；') } : {}),
      data: { phase, route: route.route, reasons },
      eventKey: `eligibility:${phase}:${application.revision}`,
      at: at.toISOString(),
    });
    return { route: route.route };
  },
);
