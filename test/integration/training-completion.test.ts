import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../domain/shared/uscc.ts';
import type { ApiClient } from '../../local/api-client.ts';
import { chinaTimeInDays } from '../../local/training-demo.ts';
import { eventually, waitForStatus, withLocalCloud } from './local-cloud.ts';
import {
  employerClient,
  newTrainee,
  putSession,
  type RegistrationView,
  registered,
  registrationOf,
  rosterOf,
  waitForStage,
} from './training-helpers.ts';

// 50,000× time: a day of the workflow engine lasts 1.7 s, so confirmation deadlines (three working days),
// session starts and the close of attendance pass while the test waits. The handlers' clock is moved
// with PLATFORM_CLOCK_OFFSET_MS where a rule looks at today's date (attendance of days that have come).
const local = withLocalCloud({ timeScale: 50_000 });

afterEach(() => {
  delete process.env.PLATFORM_CLOCK_OFFSET_MS;
});

let office: ApiClient;

beforeAll(async () => {
  office = await local.login('office.wuhu');
});

const employer = (serial: number) =>
  composeUscc({
    authority: '9',
    organizationType: '1',
    divisionCode: '340207',
    organizationCodeBody: `MA4T${String(serial).padStart(4, '0')}`,
  });

interface InboxTask {
  taskId: string;
  applicationId: string;
  stage: string;
}

const taskFor = (client: ApiClient, applicationId: string) =>
  eventually(
    async () => {
      const { body } = await client.get<{ items: InboxTask[] }>('/inbox?limit=100');
      return body.items.find((task) => task.applicationId === applicationId);
    },
    { what: `an employer task for ${applicationId}`, timeoutMs: 30_000 },
  );

const staffOf = (uscc: string) => ({
  category: 'ENTERPRISE_STAFF',
  employerUscc: uscc,
  employerName: '芜湖测试跨境企业有限公司',
});

describe('TRAINING employer confirmation', () => {
  it('releases the seat of a registration its employer leaves unconfirmed, and promotes the next', async () => {
    const code = 'WH-2026-PX11';
    await putSession(office, code, {
      capacity: 1,
      startInDays: 20,
      audiences: ['ENTERPRISE_STAFF'],
      employerConfirmationRequired: true,
    });
    const [first, second] = [await newTrainee(local), await newTrainee(local)];
    const [employerA, employerB] = [employer(1), employer(2)];
    const a = await registered(first.client, code, first.serial, staffOf(employerA));
    await waitForStage(first.client, a.id, 'EMPLOYER_CONFIRMATION');
    const b = await registered(second.client, code, second.serial, staffOf(employerB));
    await waitForStage(second.client, b.id, 'WAITLIST');

    // The task is the named employer's, nobody else's.
    const employerAClient = await employerClient(local, employerA);
    const employerBClient = await employerClient(local, employerB);
    const task = await taskFor(employerAClient, a.id);
    expect(task.stage).toBe('EMPLOYER_CONFIRMATION');
    expect(
      (await employerBClient.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' })).status,
    ).toBe(403);

    // Three working days pass (about ten seconds here) without an answer: the seat is released.
    const timedOut = (await waitForStatus(first.client, a.id, 'TIMED_OUT', 60_000)) as RegistrationView;
    expect(timedOut.stage).toBe('SEAT_RELEASED');
    expect(timedOut.closingReasons?.[0]?.zh).toContain('工作单位未在期限内确认');
    const { body: inboxA } = await employerAClient.get<{ items: InboxTask[] }>('/inbox?limit=100');
    expect(inboxA.items.some((item) => item.applicationId === a.id)).toBe(false);

    // The seat went to the next in line, whose own employer confirms it in time.
    const offered = await taskFor(employerBClient, b.id);
    const notes = await second.client.get<{ items: { kind: string }[] }>('/notifications');
    expect(notes.body.items.map((note) => note.kind)).toContain('TRAINING_SEAT_OFFERED');
    const decided = await employerBClient.post(`/tasks/${offered.taskId}/decision`, { outcome: 'APPROVE' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    await waitForStage(second.client, b.id, 'ENROLLED');
    const { session } = await rosterOf(office, code);
    expect(session.seats).toMatchObject({ seated: 1, waiting: 0 });
  });

  it('releases the seat when the employer refuses', async () => {
    const code = 'WH-2026-PX12';
    await putSession(office, code, {
      capacity: 1,
      startInDays: 20,
      audiences: ['ENTERPRISE_STAFF'],
      employerConfirmationRequired: true,
    });
    const trainee = await newTrainee(local);
    const uscc = employer(3);
    const registration = await registered(trainee.client, code, trainee.serial, staffOf(uscc));
    const employerC = await employerClient(local, uscc);
    const task = await taskFor(employerC, registration.id);
    const refused = await employerC.post(`/tasks/${task.taskId}/decision`, {
      outcome: 'REJECT',
      comment: '该员工本期无法脱产参加培训',
    });
    expect(refused.status).toBe(200);
    const closed = (await waitForStatus(trainee.client, registration.id, 'REJECTED')) as RegistrationView;
    expect(closed.closingReasons?.[0]?.en).toContain('The employer did not confirm');
    expect((await rosterOf(office, code)).session.seats).toMatchObject({ seated: 0, available: 1 });
  });
});

describe('TRAINING attendance and completion', () => {
  it('closes registration at the start, records attendance per day, and certifies those who completed', async () => {
    const code = 'WH-2026-PX21';
    const session = await putSession(office, code, { capacity: 3, startInDays: 1, lastingDays: 5 });
    const people = [await newTrainee(local), await newTrainee(local), await newTrainee(local)];
    const ids: string[] = [];
    for (const person of people) ids.push((await registered(person.client, code, person.serial)).id);
    const waiting = await newTrainee(local);
    const late = await registered(waiting.client, code, waiting.serial);
    await waitForStage(waiting.client, late.id, 'WAITLIST');

    // At the start the registration closes: whoever still waits is not admitted.
    for (const [index, id] of ids.entries()) {
      await waitForStage((people[index] as { client: ApiClient }).client, id, 'IN_SESSION');
    }
    const notAdmitted = (await waitForStatus(waiting.client, late.id, 'REJECTED')) as RegistrationView;
    expect(notAdmitted.stage).toBe('NOT_ADMITTED');

    // The office records the days, standing in for the training base, on the evening of the last day.
    const days = Array.from({ length: 5 }, (_, day) => chinaTimeInDays(1 + day, 9).slice(0, 10));
    process.env.PLATFORM_CLOCK_OFFSET_MS = String(Date.parse(session.endsAt) + 60 * 60 * 1000 - Date.now());
    const [full, partial, enough] = ids as [string, string, string];
    const presentOn = [
      [full, partial, enough],
      [full, partial, enough],
      [full, partial, enough],
      [full, enough],
      [full],
    ];
    for (const [index, day] of days.entries()) {
      const reply = await office.put(`/training/sessions/${code}/attendance/${day}`, {
        present: presentOn[index],
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }
    const outside = await office.put(`/training/sessions/${code}/attendance/2026-01-01`, { present: [full] });
    expect(outside.status).toBe(422);
    const stranger = await office.put(`/training/sessions/${code}/attendance/${days[0]}`, {
      present: [full, late.id],
    });
    expect(stranger.status).toBe(422);
    expect((stranger.body as { error: { code: string } }).error.code).toBe('NOT_ENROLLED');
    delete process.env.PLATFORM_CLOCK_OFFSET_MS;

    // When attendance closes (end of the next working day), 5 of 5 and 4 of 5 days complete the session
    // (80 % of 5 days is 4); 3 of 5 does not.
    const certified = [
      await waitForStatus(people[0]?.client as ApiClient, full, 'APPROVED', 60_000),
      await waitForStatus(people[2]?.client as ApiClient, enough, 'APPROVED', 60_000),
    ];
    const numbers = certified.map((application) => application.certificate?.number);
    for (const number of numbers) expect(number).toMatch(/^WH-PX-\d{4}-\d{4}$/);
    expect(certified.map((application) => application.certificate?.sequence).sort()).toEqual([1, 2]);
    const failed = (await waitForStatus(
      people[1]?.client as ApiClient,
      partial,
      'REJECTED',
    )) as RegistrationView;
    expect(failed.stage).toBe('NOT_COMPLETED');
    expect(failed.closingReasons?.[0]?.zh).toContain('出勤 3 天');
    expect(failed.closingReasons?.[0]?.en).toContain('needs 4');

    const pdf = await fetch(`${local.cloud.apiUrl}/applications/${full}/certificate`, {
      headers: {
        authorization: `Bearer ${await local.cloud.issueToken({ username: 'office.wuhu', name: '办公室', role: 'office', zone: 'wuhu' })}`,
      },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const { items } = await rosterOf(office, code);
    const line = (id: string) => items.find((item) => item.registrationId === id);
    expect(line(full)).toMatchObject({ daysPresent: days, certificateNumber: numbers[0] });
    expect(line(partial)?.daysPresent).toHaveLength(3);
    expect((await registrationOf(people[0]?.client as ApiClient, full)).stage).toBe('CERTIFIED');

    // Attendance is closed now.
    const after = await office.put(`/training/sessions/${code}/attendance/${days[4]}`, { present: [] });
    expect(after.status).toBe(409);
  });
});
