import { addPeriod } from '../../domain/supervision/schedule.ts';
import { nowIso } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { getBoardEntry, updateBoardEntry } from '../shared/supervision.ts';
import { recordSupervisionReportEventSchema } from '../shared/supervision-events.ts';

/** Counts a period's report on the board and moves the next report one period on; once per report task. */
export const handler = createStepHandler(
  recordSupervisionReportEventSchema,
  async ({ applicationId, decision }) => {
    const entry = await getBoardEntry(applicationId);
    if (!entry) throw new Error(`Supervision task ${applicationId} has no board entry`);
    const reportedOn = entry.nextReportDate ?? decision.decidedAt.slice(0, 10);
    const recorded = await updateBoardEntry(
      applicationId,
      {
        reportsSubmitted: entry.reportsSubmitted + 1,
        reportsInExecution: entry.reportsInExecution + 1,
        lastPercentComplete: decision.data.percentComplete,
        nextReportDate: addPeriod(reportedOn, entry.reportingPeriod),
        lastReportTaskId: decision.taskId,
        updatedAt: nowIso(),
      },
      {
        // A retry of this step (same report task) changes nothing.
        expression:
          '(attribute_not_exists(lastReportTaskId) OR lastReportTaskId <> :task) AND reportsSubmitted = :seen',
        values: { ':task': decision.taskId, ':seen': entry.reportsSubmitted },
      },
    );
    return { recorded };
  },
);
