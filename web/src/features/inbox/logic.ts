import type { InboxTask } from './api/inbox.ts';

export interface InboxFilters {
  program?: string | undefined;
  stage?: string | undefined;
  district?: string | undefined;
  overdueOnly?: boolean;
  search?: string;
}

export type DueOrder = 'soonest' | 'latest';

/** Whether a task is past its deadline now (the server also marks escalated ones `overdue`). */
export const isOverdue = (task: InboxTask, now: Date): boolean =>
  task.overdue === true || Date.parse(task.dueAt) < now.getTime();

export const filterTasks = (tasks: readonly InboxTask[], filters: InboxFilters, now: Date): InboxTask[] => {
  const search = filters.search?.trim().toLowerCase();
  return tasks.filter(
    (task) =>
      (!filters.program || task.program === filters.program) &&
      (!filters.stage || task.stage === filters.stage) &&
      (!filters.district || task.district === filters.district) &&
      (!filters.overdueOnly || isOverdue(task, now)) &&
      (!search || task.title.toLowerCase().includes(search)),
  );
};

export const sortByDue = (tasks: readonly InboxTask[], order: DueOrder): InboxTask[] =>
  [...tasks].sort((a, b) => {
    const difference = Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.taskId.localeCompare(b.taskId);
    return order === 'soonest' ? difference : -difference;
  });

/** The values present in the inbox, for the filter menus. */
export const facets = (tasks: readonly InboxTask[]) => ({
  programs: [...new Set(tasks.map((task) => task.program))].sort(),
  stages: [...new Set(tasks.map((task) => `${task.program}:${task.stage}`))].sort(),
  districts: [...new Set(tasks.map((task) => task.district))].sort(),
});

/**
 * Tasks that may be approved together: open review tasks whose stage approves without a structured record
 * (an amount, scores, an inspection, rulings need the reviewer's attention one by one).
 */
export const bulkApprovable = (
  tasks: readonly InboxTask[],
  stageAllowsBulk: (program: string, stage: string) => boolean,
): InboxTask[] =>
  tasks.filter(
    (task) => task.kind === 'review' && task.status === 'OPEN' && stageAllowsBulk(task.program, task.stage),
  );
