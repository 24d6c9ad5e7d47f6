import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../domain/shared/notification.ts';
import { loadDemoExperts } from '../../local/seed.ts';
import { type ApplicationView, submitPark, waitForStatus, withLocalCloud } from './local-cloud.ts';
import { approveUpToNotice, historyOf, type ParkActors, wuhuActors } from './park-flow.ts';

// 50,000× time: a five-working-day notice lasts about twelve seconds.
const local = withLocalCloud({ timeScale: 50_000 });
const SWEEP = 'send-expiry-reminders';
let actors: ParkActors;
let certified: ApplicationView & { certificate: NonNullable<ApplicationView['certificate']> };

interface SweepResult {
  today: string;
  checked: number;
  reminded: number;
  alreadyReminded: number;
}

beforeAll(async () => {
  // At 50,000× the cloud's own daily timer fires every ~1.7 s. Let only this file's explicit runs through,
  // so each run's counts are exact; the timer-shaped event is the one EventBridge would send.
  const runtime = local.cloud.runtime;
  const invoke = runtime.invoke.bind(runtime);
  runtime.invoke = async (name, event) =>
    name === SWEEP && (event as { source?: string }).source === 'aws.events' ? {} : invoke(name, event);

  await loadDemoExperts(local.cloud.apiUrl);
  actors = await wuhuActors(local.login);
  const submitted = await submitPark(actors.park, { parkName: '到期提醒测试园区' });
  await approveUpToNotice(actors, submitted.id);
  const approved = await waitForStatus(actors.park, submitted.id, 'APPROVED', 60_000);
  if (!approved.certificate) throw new Error('approved without a certificate');
  certified = { ...approved, certificate: approved.certificate };
}, 120_000);

afterEach(() => {
  delete process.env.PLATFORM_CLOCK_OFFSET_MS;
});

/** Moves the platform clock to noon (China time) of the given China date. */
const setToday = (isoDate: string) => {
  process.env.PLATFORM_CLOCK_OFFSET_MS = String(Date.parse(`${isoDate}T04:00:00Z`) - Date.now());
};

const daysBefore = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

const sweep = async () => (await local.cloud.runScheduled(SWEEP)) as SweepResult;

const expiryNotifications = async (username: 'park.wuhu' | 'park.jinghu') => {
  const client = username === 'park.wuhu' ? actors.park : await actors.login(username);
  const reply = await client.get<{ items: Notification[] }>('/notifications');
  expect(reply.status).toBe(200);
  return reply.body.items.filter((item) => item.kind === 'CERTIFICATE_EXPIRING');
};

const reminderEvents = async () =>
  (await historyOf(actors.park, certified.id)).audit.filter(
    (event) => event.action === 'CERTIFICATE_EXPIRY_REMINDER',
  );

describe('certificate expiry reminders', () => {
  it('sends nothing on the day of issue, before the 60-day window, or after expiry', async () => {
    const { number, validUntil } = certified.certificate;
    expect(await sweep()).toMatchObject({ reminded: 0, checked: 0 });

    setToday(daysBefore(validUntil, 61));
    expect(await sweep()).toMatchObject({ reminded: 0, checked: 0 });

    setToday(daysBefore(validUntil, -1));
    expect(await sweep()).toMatchObject({ today: daysBefore(validUntil, -1), reminded: 0, checked: 0 });
    delete process.env.PLATFORM_CLOCK_OFFSET_MS;

    expect(await expiryNotifications('park.wuhu')).toEqual([]);
    expect(await reminderEvents()).toEqual([]);
    expect(number).toMatch(/^WH-PARK-M-\d{4}-\d{4}$/);
  });

  it('reminds the park once, 59 days before expiry, even when runs overlap', async () => {
    const { number, validUntil } = certified.certificate;
    setToday(daysBefore(validUntil, 59));
    const overlapping = await Promise.all([sweep(), sweep(), sweep()]);
    expect(overlapping.reduce((sum, result) => sum + result.reminded, 0)).toBe(1);
    expect(await sweep()).toMatchObject({ reminded: 0 });
    delete process.env.PLATFORM_CLOCK_OFFSET_MS;

    const seen = await expiryNotifications('park.wuhu');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      id: `certificate-expiring:${number}`,
      recipient: expect.stringMatching(/^Q#ORG#/),
      applicationId: certified.id,
    });
    for (const text of [seen[0]?.title.zh, seen[0]?.title.en]) expect(text).toContain('到期提醒测试园区');
    for (const text of [seen[0]?.body.zh, seen[0]?.body.en]) {
      expect(text).toContain(number);
      expect(text).toContain(validUntil);
    }
    expect(await expiryNotifications('park.jinghu')).toEqual([]);

    const events = await reminderEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ number, validUntil });
    expect((await historyOf(actors.park, certified.id)).chain.valid).toBe(true);
  });

  it('sends nothing new on later runs, within the window or after expiry', async () => {
    const { validUntil } = certified.certificate;
    setToday(daysBefore(validUntil, 30));
    expect(await sweep()).toMatchObject({ reminded: 0, checked: 0 });
    setToday(daysBefore(validUntil, -1));
    expect(await sweep()).toMatchObject({ reminded: 0, checked: 0 });
    delete process.env.PLATFORM_CLOCK_OFFSET_MS;
    expect(await expiryNotifications('park.wuhu')).toHaveLength(1);
    expect(await reminderEvents()).toHaveLength(1);
  });
});
