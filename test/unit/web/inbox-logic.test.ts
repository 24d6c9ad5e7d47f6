import { describe, expect, it } from 'vitest';
import type { InboxTask } from '../../../web/src/features/inbox/api/inbox.ts';
import {
  bulkApprovable,
  facets,
  filterTasks,
  isOverdue,
  sortByDue,
} from '../../../web/src/features/inbox/logic.ts';

const task = (id: string, overrides: Partial<InboxTask> = {}): InboxTask => ({
  taskId: id,
  applicationId: `app-${id}`,
  program: 'PARK_CERT',
  stage: 'DISTRICT_REVIEW',
  kind: 'review',
  title: `园区 ${id}`,
  zone: 'wuhu',
  district: 'jiujiang',
  status: 'OPEN',
  createdAt: '2026-11-01T00:00:00Z',
  dueAt: '2026-11-20T15:59:59Z',
  ...overrides,
});

const now = new Date('2026-11-25T00:00:00Z');

describe('inbox logic', () => {
  const tasks = [
    task('a', { dueAt: '2026-12-01T15:59:59Z' }),
    task('b', { program: 'SUBSIDY', stage: 'MUNICIPAL_REVIEW', district: 'jinghu' }),
    task('c', { kind: 'revision', dueAt: '2026-11-30T15:59:59Z' }),
    task('d', { overdue: true, dueAt: '2026-12-10T15:59:59Z', title: 'Wuhu Star' }),
  ];

  it('filters by program, stage, district, overdue and title', () => {
    expect(filterTasks(tasks, { program: 'SUBSIDY' }, now).map((t) => t.taskId)).toEqual(['b']);
    expect(filterTasks(tasks, { district: 'jiujiang', stage: 'DISTRICT_REVIEW' }, now)).toHaveLength(3);
    expect(
      filterTasks(tasks, { overdueOnly: true }, now)
        .map((t) => t.taskId)
        .sort(),
    ).toEqual(['b', 'd']);
    expect(filterTasks(tasks, { search: 'wuhu star' }, now).map((t) => t.taskId)).toEqual(['d']);
  });

  it('marks a task overdue past its due time or when the server escalated it', () => {
    expect(isOverdue(task('x', { dueAt: '2026-11-24T23:59:59Z' }), now)).toBe(true);
    expect(isOverdue(task('y', { dueAt: '2026-11-25T00:00:01Z' }), now)).toBe(false);
    expect(isOverdue(task('z', { overdue: true, dueAt: '2027-01-01T00:00:00Z' }), now)).toBe(true);
  });

  it('sorts by due date either way, ties by task id', () => {
    expect(sortByDue(tasks, 'soonest').map((t) => t.taskId)).toEqual(['b', 'c', 'a', 'd']);
    expect(sortByDue(tasks, 'latest').map((t) => t.taskId)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('offers filter values present in the inbox', () => {
    expect(facets(tasks)).toEqual({
      programs: ['PARK_CERT', 'SUBSIDY'],
      stages: ['PARK_CERT:DISTRICT_REVIEW', 'SUBSIDY:MUNICIPAL_REVIEW'],
      districts: ['jinghu', 'jiujiang'],
    });
  });

  it('allows bulk approval only of open reviews whose stage needs no record', () => {
    const allows = (program: string) => program === 'PARK_CERT';
    expect(bulkApprovable(tasks, allows).map((t) => t.taskId)).toEqual(['a', 'd']);
  });

  it('keeps ten thousand tasks cheap to filter and sort', () => {
    const many = Array.from({ length: 10_000 }, (_, index) =>
      task(String(index).padStart(5, '0'), {
        dueAt: new Date(Date.UTC(2026, 10, 1 + (index % 60))).toISOString(),
      }),
    );
    const sorted = sortByDue(filterTasks(many, { district: 'jiujiang' }, now), 'soonest');
    expect(sorted).toHaveLength(10_000);
    expect(Date.parse(sorted[0]?.dueAt ?? '')).toBeLessThanOrEqual(Date.parse(sorted[9_999]?.dueAt ?? ''));
  });
});
