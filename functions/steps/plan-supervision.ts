import { chinaDate, startOfChinaDay } from '../../domain/shared/calendar.ts';
import { addPeriod, nextSupervisionStep } from '../../domain/supervision/schedule.ts';
import { now } from '../shared/clock.ts';
import { createStepHandler } from '../shared/step.ts';
import { applicationStepEventSchema } from '../shared/step-events.ts';
import { getBoardEntry, updateBoardEntry } from '../shared/supervision.ts';

/**
 * A Standard execution lasts at most a year and 25,000 history events: past these limits (read on every
 * call, so tests can lower them) a task continues in a new execution.
 */
const maxExecutionDays = () => Number(process.env.SUPERVISION_MAX_EXECUTION_DAYS ?? 300);
const maxReportsPerExecution = () => Number(process.env.SUPERVISION_MAX_REPORTS_PER_EXECUTION ?? 100);

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * What comes next for an accepted task: a report at the end of the next period, the completion report
 * near the due date, or a continuation in a new execution. Returns the instant to wait for, on the
 * engine's clock.
 */
export const handler = createStepHandler(applicationStepEventSchema, async ({ applicationId }) => {
  const entry = await getBoardEntry(applicationId);
  if (!entry) throw new Error(`Supervision task ${applicationId} has no board entry`);
  const at = now();
  const today = chinaDate(at);
  if (
    entry.reportsInExecution >= maxReportsPerExecution() ||
    daysBetween(entry.executionStartedOn, today) >= maxExecutionDays()
  ) {
    return { next: 'CONTINUE' as const, at: at.toISOString() };
  }
  const nextReportDate = entry.nextReportDate ?? addPeriod(today, entry.reportingPeriod);
  if (entry.nextReportDate === undefined) {
    await updateBoardEntry(applicationId, { nextReportDate, updatedAt: at.toISOString() });
  }
  const next = nextSupervisionStep(nextReportDate, entry.dueDate);
  // Our clock may be shifted (PLATFORM_CLOCK_OFFSET_MS); the Wait runs on the engine's real clock.
  const clockSkewMs = at.getTime() - Date.now();
  const waitUntil = Math.max(Date.now(), startOfChinaDay(next.on).getTime() - clockSkewMs);
  return { next: next.step, on: next.on, at: new Date(waitUntil).toISOString() };
});
