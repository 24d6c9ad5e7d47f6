import { workingDaysBetween } from '../shared/calendar.ts';
import type { ReportingPeriod } from './form.ts';

const periodMonths: Record<ReportingPeriod, number> = { WEEKLY: 0, MONTHLY: 1, QUARTERLY: 3 };

/** The same day one period later (weekly: 7 days; months clamp to the month's last day). */
export const addPeriod = (date: string, period: ReportingPeriod): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (period === 'WEEKLY') return new Date(Date.UTC(year, month - 1, day + 7)).toISOString().slice(0, 10);
  const target = new Date(Date.UTC(year, month - 1 + periodMonths[period], 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
};

/** How many calendar days before the due date the completion step opens. */
export const COMPLETION_LEAD_DAYS = 14;

export const minusDays = (date: string, days: number): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
};

export type NextStep = { step: 'REPORT'; on: string } | { step: 'COMPLETION'; on: string };

/**
 * After acceptance or a report: the next report falls at the end of the next period, unless that is
 * within the completion lead of the due date, in which case the unit is asked for completion instead.
 */
export const nextSupervisionStep = (nextReportDate: string, dueDate: string): NextStep => {
  const completionOn = minusDays(dueDate, COMPLETION_LEAD_DAYS);
  return nextReportDate < completionOn
    ? { step: 'REPORT', on: nextReportDate }
    : { step: 'COMPLETION', on: completionOn };
};

export type Rag = 'GREEN' | 'YELLOW' | 'RED';

/** Working days a step may be overdue before yellow (催办) turns red (督办). */
export const RED_AFTER_WORKING_DAYS = 3;

/**
 * Red / yellow / green of a supervision task: red when the task's own due date has passed unfinished or
 * a step is overdue by more than RED_AFTER_WORKING_DAYS working days; yellow when a step (a report, the
 * acceptance, the completion) is overdue at all; green otherwise.
 */
export const supervisionRag = (input: {
  today: string;
  dueDate: string;
  openSteps: readonly { dueOn: string }[];
}): Rag => {
  if (input.today > input.dueDate) return 'RED';
  const overdueBy = input.openSteps
    .filter((step) => step.dueOn < input.today)
    .map((step) => workingDaysBetween(step.dueOn, input.today));
  if (overdueBy.some((days) => days > RED_AFTER_WORKING_DAYS)) return 'RED';
  return overdueBy.length > 0 ? 'YELLOW' : 'GREEN';
};
