import { afterEach, describe, expect, it } from 'vitest';
import { submitPark, waitForTask, withLocalCloud } from './local-cloud.ts';
import { historyOf } from './park-flow.ts';

const local = withLocalCloud();

afterEach(() => {
  delete process.env.PLATFORM_CLOCK_OFFSET_MS;
});

const DAY_MS = 24 * 60 * 60 * 1000;

interface InboxItem {
  taskId: string;
  applicationId: string;
  overdue?: boolean;
}

const inboxOf = async (client: Awaited<ReturnType<typeof local.login>>) =>
  (await client.get<{ items: InboxItem[] }>('/inbox?limit=100')).body.items;

const notificationsOf = async (client: Awaited<ReturnType<typeof local.login>>) =>
  (await client.get<{ items: { kind: string; taskId?: string }[] }>('/notifications')).body.items;

describe('deadlines and escalation', () => {
  it('reminds before the deadline, escalates to the office when it passes, and lets the reviewer still decide', async () => {
    const park = await local.login('park.wuhu');
    const district = await local.login('district.jiujiang');
    const office = await local.login('office.wuhu');
    const submitted = await submitPark(park, { parkName: '超期督办测试园区' });
    const task = await waitForTask(district, submitted.id, 'DISTRICT_REVIEW');
    const { body } = await district.get<{ tasks: { taskId: string; dueAt: string }[] }>(
      `/applications/${submitted.id}`,
    );
    const dueAt = Date.parse(body.tasks.find((item) => item.taskId === task.taskId)?.dueAt ?? '');

    // Nothing is due yet.
    await local.cloud.runScheduled('escalate-overdue-tasks');
    expect((await notificationsOf(district)).some((item) => item.taskId === task.taskId)).toBe(false);

    // Half a day before the deadline: a reminder, no escalation.
    process.env.PLATFORM_CLOCK_OFFSET_MS = String(dueAt - Date.now() - DAY_MS / 2);
    await local.cloud.runScheduled('escalate-overdue-tasks');
    const reminded = await notificationsOf(district);
    expect(reminded.filter((item) => item.taskId === task.taskId).map((item) => item.kind)).toEqual([
      'TASK_DUE_SOON',
    ]);
    expect((await inboxOf(office)).some((item) => item.taskId === task.taskId)).toBe(false);

    // A day after: overdue in the reviewer's inbox and escalated to the office's.
    process.env.PLATFORM_CLOCK_OFFSET_MS = String(dueAt - Date.now() + DAY_MS);
    await local.cloud.runScheduled('escalate-overdue-tasks');
    const officeInbox = await inboxOf(office);
    expect(officeInbox.find((item) => item.taskId === task.taskId)).toMatchObject({ overdue: true });
    expect((await inboxOf(district)).find((item) => item.taskId === task.taskId)).toMatchObject({
      overdue: true,
    });
    expect((await notificationsOf(office)).map((item) => item.kind)).toContain('TASK_ESCALATED');
    expect((await notificationsOf(district)).map((item) => item.kind)).toContain('TASK_OVERDUE');

    // Running again changes nothing.
    const again = await local.cloud.runScheduled('escalate-overdue-tasks');
    expect(again).toMatchObject({ escalated: 0 });

    // The office cannot decide for the reviewer; the reviewer still can, and the escalation clears.
    const officeDecision = await office.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' });
    expect(officeDecision.status).toBe(403);
    const decided = await district.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' });
    expect(decided.status).toBe(200);
    expect((await inboxOf(office)).some((item) => item.taskId === task.taskId)).toBe(false);

    const history = await historyOf(park, submitted.id);
    expect(history.audit.map((event) => event.action)).toContain('TASK_ESCALATED');
    expect(history.chain.valid).toBe(true);
  });
});
