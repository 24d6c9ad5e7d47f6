import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../local/api-client.ts';
import { sampleResidentId } from '../../local/training-demo.ts';
import { eventually, expectRefusal, snapshotTable, waitForStatus, withLocalCloud } from './local-cloud.ts';
import {
  newTrainee,
  putSession,
  type RegistrationView,
  register,
  registered,
  registrationOf,
  rosterOf,
  waitForStage,
} from './training-helpers.ts';

// 50,000× time: the sessions here start a month ahead, so no timer fires while the tests run.
const local = withLocalCloud({ timeScale: 50_000 });

let admin: ApiClient;
let office: ApiClient;

beforeAll(async () => {
  admin = await local.login('admin');
  office = await local.login('office.wuhu');
});

const notificationsOf = async (client: ApiClient) =>
  (await client.get<{ items: { kind: string; applicationId?: string }[] }>('/notifications')).body.items;

/** Settled: the workflow has asked for a seat and recorded where the registration stands. */
const seatOf = (client: ApiClient, id: string) =>
  eventually(
    async () => {
      const application = await registrationOf(client, id);
      return application.stage === 'ENROLLED' || application.stage === 'WAITLIST' ? application : undefined;
    },
    { what: `${id} to get a seat or a waitlist place`, timeoutMs: 60_000 },
  );

describe('TRAINING seats and waitlist', () => {
  const code = 'WH-2026-PX01';
  const trainees: { id: string; client: ApiClient }[] = [];

  it('gives exactly 20 of 50 concurrent registrations a seat and puts 30 on the waitlist in order', async () => {
    await putSession(office, code, { capacity: 20, startInDays: 30 });
    const people = await Promise.all(Array.from({ length: 50 }, () => newTrainee(local)));
    const replies = await Promise.all(people.map(({ client, serial }) => register(client, code, serial)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(50).fill(201));
    for (const [index, reply] of replies.entries()) {
      trainees.push({
        id: reply.body.application.id,
        client: (people[index] as { client: ApiClient }).client,
      });
    }
    const settled = await Promise.all(trainees.map(({ client, id }) => seatOf(client, id)));

    // Exactness, proved from three independent records: the seat book's counters (one item, changed only
    // by conditional writes whose condition is `seatedCount < capacity`), each registration's own result,
    // and the roster built from the seat book's maps. They agree on exactly 20 seats and 30 waiting.
    const { session, items } = await rosterOf(office, code);
    expect(session.seats).toMatchObject({ capacity: 20, seated: 20, waiting: 30, available: 0 });
    expect(settled.filter((application) => application.stage === 'ENROLLED')).toHaveLength(20);
    expect(settled.filter((application) => application.stage === 'WAITLIST')).toHaveLength(30);
    expect(items.filter((line) => line.seat === 'SEATED')).toHaveLength(20);

    // The waitlist is one line: positions 1..30, each once, in ticket order (tickets are handed out by
    // the same write that joins the list, so their order is the order the requests were applied in).
    const waiting = items.filter((line) => line.seat === 'WAITLISTED');
    expect(waiting.map((line) => line.waitlistPosition)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const tickets = waiting.map(
      (line) =>
        settled.find((application) => application.id === line.registrationId)?.assessment?.seat?.ticket,
    );
    expect(tickets).toEqual([...(tickets as number[])].sort((a, b) => a - b));
    expect(new Set(tickets).size).toBe(30);

    // Whoever registers now queues behind them, in the order they come.
    const late = [await newTrainee(local), await newTrainee(local)];
    for (const person of late) {
      const application = await registered(person.client, code, person.serial);
      const seat = await seatOf(person.client, application.id);
      expect(seat.stage).toBe('WAITLIST');
      trainees.push({ id: application.id, client: person.client });
    }
    const after = await rosterOf(office, code);
    expect(
      after.items
        .filter((line) => line.seat === 'WAITLISTED')
        .map((line) => line.registrationId)
        .slice(-2),
    ).toEqual(trainees.slice(-2).map((trainee) => trainee.id));
    // ID numbers are listed masked: stars and the last four characters only.
    for (const line of after.items) expect(line.idNumberMasked).toMatch(/^\*{14}\d{3}[\dX]$/);
  });

  it('promotes the first on the waitlist when a seated trainee withdraws, and tells them', async () => {
    const { items } = await rosterOf(office, code);
    const seated = items.filter((line) => line.seat === 'SEATED');
    const [first, second] = items.filter((line) => line.seat === 'WAITLISTED');
    const client = (id: string) => trainees.find((trainee) => trainee.id === id)?.client as ApiClient;
    const leaving = seated.slice(0, 2);

    for (const line of leaving) {
      const reply = await client(line.registrationId).post(`/applications/${line.registrationId}/withdraw`, {
        reason: '工作安排冲突',
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }
    // The first two in line, in that order, now hold the two seats; their workflows went on to enrol.
    for (const line of [first, second]) {
      const id = line?.registrationId as string;
      await waitForStage(client(id), id, 'ENROLLED');
      const notes = await notificationsOf(client(id));
      expect(
        notes.filter((note) => note.kind === 'TRAINING_SEAT_OFFERED' && note.applicationId === id),
      ).toHaveLength(1);
    }
    const after = await rosterOf(office, code);
    expect(after.session.seats).toMatchObject({ seated: 20, waiting: 30, available: 0 });
    const byId = new Map(after.items.map((line) => [line.registrationId, line]));
    expect(byId.get(first?.registrationId as string)?.seat).toBe('SEATED');
    expect(byId.get(second?.registrationId as string)?.seat).toBe('SEATED');
    for (const line of leaving) {
      expect(byId.get(line.registrationId)).toMatchObject({ seat: 'NONE', status: 'WITHDRAWN' });
    }
    // Everyone else moved up two places, keeping their order.
    const third = items.filter((line) => line.seat === 'WAITLISTED')[2];
    expect(byId.get(third?.registrationId as string)?.waitlistPosition).toBe(1);

    // A waiting trainee who withdraws leaves the line without freeing a seat: nobody is promoted.
    const waitingLeaver = after.items.find((line) => line.waitlistPosition === 5)?.registrationId as string;
    await client(waitingLeaver).post(`/applications/${waitingLeaver}/withdraw`, {});
    const last = await rosterOf(office, code);
    expect(last.session.seats).toMatchObject({ seated: 20, waiting: 29 });
    expect(
      last.items.filter((line) => line.seat === 'WAITLISTED').map((line) => line.waitlistPosition),
    ).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
  });

  it('adds seats to a session: the waitlist is promoted at once, never beyond the new capacity', async () => {
    const current = await admin.get<{ session: Record<string, unknown> & { version: number } }>(
      `/training/sessions/${code}`,
    );
    const { code: _code, updatedAt: _u, updatedBy: _b, seats: _s, ...fields } = current.body.session;
    const reply = await office.put<{ promoted: string[] }>(`/training/sessions/${code}`, {
      ...fields,
      capacity: 23,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.promoted).toHaveLength(3);
    const { session } = await rosterOf(office, code);
    expect(session.seats).toMatchObject({ capacity: 23, seated: 23, waiting: 26 });
    const below = await office.put(`/training/sessions/${code}`, {
      ...fields,
      capacity: 10,
      version: (current.body.session.version as number) + 1,
    });
    expect(below.status).toBe(409);
    expect((below.body as { error: { code: string } }).error.code).toBe('CAPACITY_BELOW_SEATED');
  });

  it('exports the registration list as an Excel workbook with masked ID numbers', async () => {
    const response = await fetch(`${local.cloud.apiUrl}/training/sessions/${code}/registrations.xlsx`, {
      headers: {
        authorization: `Bearer ${await local.cloud.issueToken({ username: 'office.wuhu', name: '办公室', role: 'office', zone: 'wuhu' })}`,
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(code);
    expect(sheet?.rowCount).toBe(1 + 52);
    const masked = sheet?.getColumn(4).values.slice(2) as string[];
    expect(masked.every((value) => /^\*{14}\d{3}[\dX]$/.test(value))).toBe(true);
    // Trainees and other zones' offices do not get the list.
    const trainee = trainees[0]?.client as ApiClient;
    expect((await trainee.get(`/training/sessions/${code}/registrations`)).status).toBe(403);
  });
});

describe('TRAINING refusals', () => {
  const code = 'WH-2026-PX02';

  it('refuses a wrong ID number with a clear 400 in Chinese and English, stores nothing and never echoes it', async () => {
    await putSession(office, code, { capacity: 5 });
    const { client, serial } = await newTrainee(local);
    const good = sampleResidentId(serial);
    const wrongCheck = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const before = await snapshotTable(local.documents, local.cloud.tableName);
    const reply = await expectRefusal(
      (headers) => register(client, code, serial, { idNumber: wrongCheck }, headers),
      400,
      'VALIDATION_FAILED',
    );
    expect(reply.zh).toContain('申请表校验失败');
    const raw = await register(client, code, serial, { idNumber: wrongCheck });
    expect(JSON.stringify(raw.body)).toContain('居民身份证号码无效 / Invalid resident ID number');
    expect(JSON.stringify(raw.body)).not.toContain(wrongCheck.slice(0, 14));
    expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);
  });

  it('refuses an unknown session, another zone, a missing employer, a closed deadline and a second registration of one person', async () => {
    const { client, serial } = await newTrainee(local);
    const unknown = await expectRefusal(
      (headers) => register(client, 'WH-2026-PX99', serial, {}, headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(unknown.en).toContain('There is no training session WH-2026-PX99');
    const otherZone = await expectRefusal(
      (headers) => register(client, 'AQ-2026-PX01', serial, {}, headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(otherZone.en).toContain('belongs to another zone');

    await putSession(office, 'WH-2026-PX03', { employerConfirmationRequired: true });
    const noEmployer = await expectRefusal(
      (headers) => register(client, 'WH-2026-PX03', serial, {}, headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(noEmployer.zh).toContain('须经工作单位确认');

    await putSession(office, 'WH-2026-PX04', { startInDays: 1, registrationDeadline: '2026-01-01' });
    const late = await expectRefusal(
      (headers) => register(client, 'WH-2026-PX04', serial, {}, headers),
      422,
      'SUBMISSION_REFUSED',
    );
    expect(late.en).toContain('closed on 2026-01-01');

    const first = await registered(client, code, serial);
    const other = await newTrainee(local);
    const duplicate = await expectRefusal(
      (headers) => register(other.client, code, serial, { name: '另一账号' }, headers),
      409,
      'DUPLICATE',
    );
    expect(duplicate.en).toContain(`already registered for session ${code}`);
    // Withdrawn, the person may register again.
    await client.post(`/applications/${first.id}/withdraw`, {});
    await waitForStatus(client, first.id, 'WITHDRAWN');
    await registered(other.client, code, serial, { name: '另一账号' });
  });

  it('stores no full ID number anywhere, only the masked one and the salted digest', async () => {
    const items = await snapshotTable(local.documents, local.cloud.tableName);
    const text = JSON.stringify(items);
    for (let serial = 1; serial < 60; serial += 1) expect(text).not.toContain(sampleResidentId(serial));
    const registrations = items.filter(
      (item) => item.type === 'APPLICATION' && item.program === 'TRAINING',
    ) as unknown as RegistrationView[];
    expect(registrations.length).toBeGreaterThan(50);
    for (const registration of registrations) {
      expect(registration.form.idNumber).toBeUndefined();
      expect(registration.form.idNumberMasked).toMatch(/^\*{14}\d{3}[\dX]$/);
      expect(registration.form.identityDigest).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses a session that ends before it starts, and one maintained by another zone or role', async () => {
    const body = await putSession(office, 'WH-2026-PX05');
    const backwards = await expectRefusal(
      (headers) =>
        office.request(
          'PUT',
          '/training/sessions/WH-2026-PX06',
          { ...body, endsAt: '2020-01-01T09:00:00+08:00' },
          headers,
        ),
      400,
      'VALIDATION_FAILED',
    );
    expect(backwards.zh).toContain('请求数据校验失败');
    const trainee = (await newTrainee(local)).client;
    expect((await trainee.put('/training/sessions/WH-2026-PX06', body)).status).toBe(403);
    const anqing = await local.login('office.anqing').catch(() => undefined);
    if (anqing) expect((await anqing.put('/training/sessions/WH-2026-PX06', body)).status).toBe(403);
  });
});
