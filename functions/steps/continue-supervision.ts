import { workflowActor } from '../../domain/shared/audit.ts';
import { chinaDate } from '../../domain/shared/calendar.ts';
import { getApplication, updateUnlessTerminal } from '../shared/applications.ts';
import { appendAuditEvent } from '../shared/audit-log.ts';
import { now } from '../shared/clock.ts';
import { stateMachineArnOf } from '../shared/state-machines.ts';
import { createStepHandler } from '../shared/step.ts';
import { applicationStepEventSchema } from '../shared/step-events.ts';
import { updateBoardEntry } from '../shared/supervision.ts';
import { startWorkflow } from '../shared/workflows.ts';

/**
 * Continues a long supervision task in a new execution of the same machine (continue-as-new): the new
 * one resumes at report planning; the application keeps its audit trail and lists the earlier executions,
 * so no history is lost. Starting is idempotent by name, so a retried step starts nothing twice.
 */
export const handler = createStepHandler(
  applicationStepEventSchema,
  async ({ applicationId, executionArn }) => {
    const application = await getApplication(applicationId);
    if (!application) throw new Error(`Application ${applicationId} does not exist`);
    if (application.executionArn !== executionArn)
      return { executionArn: application.executionArn, skipped: true };
    const stateMachineArn = stateMachineArnOf(application.program);
    if (!stateMachineArn) throw new Error(`No state machine for ${application.program}`);
    const previousExecutions = [...(application.previousExecutions ?? []), executionArn];
    const next = await startWorkflow(stateMachineArn, `${applicationId}--${previousExecutions.length}`, {
      applicationId,
      program: application.program,
      variant: application.variant,
      resume: 'REPORTING',
    });
    const at = now();
    await updateUnlessTerminal(applicationId, { executionArn: next, previousExecutions }, at.toISOString());
    await updateBoardEntry(applicationId, {
      reportsInExecution: 0,
      executionStartedOn: chinaDate(at),
      updatedAt: at.toISOString(),
    });
    await appendAuditEvent({
      applicationId,
      actor: workflowActor,
      action: 'EXECUTION_CONTINUED',
      data: { from: executionArn, to: next },
      eventKey: `continued:${executionArn}`,
      at: at.toISOString(),
    });
    return { executionArn: next, skipped: false };
  },
);
