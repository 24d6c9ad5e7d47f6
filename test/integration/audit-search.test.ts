import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditSearchItem, auditExportRow } from '../../domain/shared/audit-search.ts';
import { addCalendarDays, chinaDate, startOfChinaDay } from '../../domain/shared/calendar.ts';
import { ApiClient } from '../../local/api-client.ts';
import {
  type ApplicationView,
  expectRefusal,
  snapshotTable,
  submitPark,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';
import { decide } from './park-flow.ts';

const local = withLocalCloud();

interface HistoryEvent extends Omit<AuditSearchItem, 'zone' | 'program'> {
  hash: string;
}
interface SearchPage {
  items: AuditSearchItem[];
  nextCursor?: string;
}
interface Created {
  id: string;
  zone: string;
  program: string;
}

const DAY_MS = 86_400_000;
const today = () => chinaDate(new Date());
/** The China date of an instant, as the search counts it. */
const dayOf = (at: string) => chinaDate(new Date(at));
/** The index's order: time, then application, then sequence; newest first. */
const newestFirst = (items: AuditSearchItem[]) =>
  [...items].sort((a, b) => {
    const key = (item: AuditSearchItem) =>
      `${item.at}#${item.applicationId}#${String(item.seq).padStart(8, '0')}`;
    return key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0;
  });

let admin: ApiClient;
let office: ApiClient;
let officeAnqing: ApiClient;
let provincial: ApiClient;
let park: ApiClient;
let district: ApiClient;
const created: Created[] = [];
/** Every audit event of the applications created here, in the search's shape, from each one's history. */
let union: AuditSearchItem[] = [];
/** The China date of the application submitted with the clock set back, and the period covering all. */
let backDate: string;
let backDatedId: string;
let whole: { from: string; to: string };

const historyOf = async (application: Created) => {
  const reply = await admin.get<{ audit: HistoryEvent[]; chain: { valid: boolean } }>(
    `/applications/${application.id}/history`,
  );
  expect(reply.status).toBe(200);
  return reply.body;
};

const asSearchItem = (event: HistoryEvent, application: Created): AuditSearchItem => ({
  applicationId: event.applicationId,
  seq: event.seq,
  at: event.at,
  actor: event.actor,
  action: event.action,
  ...(event.stage !== undefined ? { stage: event.stage } : {}),
  ...(event.reason !== undefined ? { reason: event.reason } : {}),
  zone: application.zone,
  program: application.program,
});

const query = (params: Record<string, string | number | undefined>) => {
  const defined = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined,
  );
  return new URLSearchParams(defined.map(([name, value]) => [name, String(value)])).toString();
};

/** Every page of a search; checks that only the last page is short and only it lacks a cursor. */
const searchAll = async (client: ApiClient, params: Record<string, string | undefined>, limit = 4) => {
  const items: AuditSearchItem[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const reply = await client.get<SearchPage>(`/audit?${query({ ...params, limit, cursor })}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    pages += 1;
    cursor = reply.body.nextCursor;
    if (cursor !== undefined) expect(reply.body.items).toHaveLength(limit);
    else expect(reply.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...reply.body.items);
    expect(pages).toBeLessThan(500);
  } while (cursor !== undefined);
  return { items, pages };
};

const tokenOf = async (username: string) => {
  const response = await fetch(`${local.cloud.apiUrl}/local/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
};

/** The export as bytes, or its JSON error. */
const download = async (token: string, params: Record<string, string | undefined>, headers = {}) => {
  const response = await fetch(`${local.cloud.apiUrl}/audit/export.xlsx?${query(params)}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    body: json ? (JSON.parse(bytes.toString('utf8')) as unknown) : undefined,
  };
};

const sheetRows = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const rows: string[][] = [];
  for (let index = 1; index <= sheet.rowCount; index += 1) {
    const row = sheet.getRow(index);
    rows.push(Array.from({ length: 8 }, (_, column) => row.getCell(column + 1).text));
  }
  return rows;
};

const supervisionForm = () => ({
  title: '审计查询测试：推进 9710、9810 出口监管模式',
  description: '在综试区内推广跨境电商 B2B 直接出口与出口海外仓监管模式，按周报告进展。',
  unitCode: 'WH_CUSTOMS',
  dueDate: addCalendarDays(today(), 60),
  reportingPeriod: 'WEEKLY',
  targetCode: 'transaction_value',
});

beforeAll(async () => {
  admin = await local.login('admin');
  office = await local.login('office.wuhu');
  provincial = await local.login('provincial');
  park = await local.login('park.wuhu');
  district = await local.login('district.jiujiang');
  officeAnqing = new ApiClient(
    local.cloud.apiUrl,
    await local.cloud.issueToken({
      username: 'office.anqing.audit',
      name: '安庆综试区领导小组办公室',
      role: 'office',
      zone: 'anqing',
    }),
  );

  // One application submitted 40 days ago (noon, China time): its events fall in an earlier month bucket.
  backDate = addCalendarDays(today(), -40);
  process.env.PLATFORM_CLOCK_OFFSET_MS = String(
    startOfChinaDay(backDate).getTime() + DAY_MS / 2 - Date.now(),
  );
  try {
    const old = await submitPark(park, { parkName: '审计查询回溯园区' });
    await waitForTask(district, old.id, 'DISTRICT_REVIEW');
    backDatedId = old.id;
    created.push({ id: old.id, zone: 'wuhu', program: 'PARK_CERT' });
  } finally {
    delete process.env.PLATFORM_CLOCK_OFFSET_MS;
  }

  // Today: three Wuhu parks (one decided by the district), a supervision task, and one Anqing park.
  const first = await submitPark(park, { parkName: '审计查询一号园区' });
  const second = await submitPark(park, { parkName: '审计查询二号园区' });
  const jinghu = await submitPark(await local.login('park.jinghu'), { parkName: '审计查询镜湖园区' });
  const anqing = await submitPark(await local.login('park.anqing'), { parkName: '审计查询安庆园区' });
  const supervision = await office.post<{ application: ApplicationView }>('/applications', {
    program: 'SUPERVISION',
    form: supervisionForm(),
  });
  expect(supervision.status, JSON.stringify(supervision.body)).toBe(201);
  const supervisionId = supervision.body.application.id;
  await decide(district, first.id, 'DISTRICT_REVIEW', 'APPROVE', { comment: '材料齐全，同意上报' });
  await waitForTask(await local.login('municipal.wuhu'), first.id, 'MUNICIPAL_REVIEW');
  await waitForTask(district, second.id, 'DISTRICT_REVIEW');
  await waitForTask(await local.login('district.jinghu'), jinghu.id, 'DISTRICT_REVIEW');
  await waitForTask(await local.login('district.anqing'), anqing.id, 'DISTRICT_REVIEW');
  await waitForTask(await local.login('unit.wuhu'), supervisionId, 'ACCEPTANCE');
  created.push(
    { id: first.id, zone: 'wuhu', program: 'PARK_CERT' },
    { id: second.id, zone: 'wuhu', program: 'PARK_CERT' },
    { id: jinghu.id, zone: 'wuhu', program: 'PARK_CERT' },
    { id: supervisionId, zone: 'wuhu', program: 'SUPERVISION' },
    { id: anqing.id, zone: 'anqing', program: 'PARK_CERT' },
  );

  // Every application now waits for a person: its chain is complete and stays so during the tests.
  for (const application of created) {
    const { audit, chain } = await historyOf(application);
    expect(chain.valid).toBe(true);
    union.push(...audit.map((event) => asSearchItem(event, application)));
  }
  union = newestFirst(union);
  whole = { from: addCalendarDays(backDate, -1), to: addCalendarDays(today(), 1) };
});

afterAll(() => {
  delete process.env.AUDIT_EXPORT_MAX_ROWS;
  delete process.env.PLATFORM_CLOCK_OFFSET_MS;
});

const ofZone = (zone: string) => union.filter((item) => item.zone === zone);

describe('zone-wide audit search', () => {
  it('indexes every event with its zone and program, outside the hash chain', async () => {
    const { Items = [] } = await local.documents.send(
      new QueryCommand({
        TableName: local.cloud.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': `APP#${backDatedId}`, ':audit': 'AUDIT#' },
      }),
    );
    expect(Items.length).toBeGreaterThanOrEqual(3);
    for (const item of Items) {
      expect(item).toMatchObject({
        zone: 'wuhu',
        program: 'PARK_CERT',
        gsi2pk: `AUDIT#wuhu#${backDate.slice(0, 7)}`,
        gsi2sk: `${item.at}#${backDatedId}#${String(item.seq).padStart(8, '0')}`,
      });
      expect(dayOf(String(item.at))).toBe(backDate);
    }
    // The history recomputes each hash from the event without zone and program, and the chain holds.
    for (const application of created) expect((await historyOf(application)).chain.valid).toBe(true);
    const { items } = await searchAll(office, whole, 200);
    for (const application of created.filter((entry) => entry.zone === 'wuhu')) {
      const own = items.filter((item) => item.applicationId === application.id);
      expect(own.length).toBeGreaterThanOrEqual(3);
      for (const item of own) expect(item).toMatchObject({ zone: 'wuhu', program: application.program });
    }
  });

  it('pages through every event exactly once, newest first, across month buckets', async () => {
    const expected = ofZone('wuhu');
    expect(expected.length).toBeGreaterThan(12);
    const { items, pages } = await searchAll(office, whole, 4);
    expect(pages).toBe(Math.ceil(expected.length / 4));
    expect(new Set(items.map((item) => `${item.applicationId}#${item.seq}`)).size).toBe(items.length);
    expect(items).toEqual(expected);
    // The same with one page per request size at the edges of the limit.
    expect((await searchAll(office, whole, 1)).items).toEqual(expected);
    expect((await searchAll(office, whole, 200)).items).toEqual(expected);
  });

  it('defaults to the last 30 days: the application of 40 days ago is left out', async () => {
    const { items } = await searchAll(office, {}, 50);
    const since = addCalendarDays(today(), -29);
    expect(items).toEqual(ofZone('wuhu').filter((item) => dayOf(item.at) >= since));
    expect(items.some((item) => item.applicationId === backDatedId)).toBe(false);
  });

  it('filters by program, action, actor, application and date range', async () => {
    const wuhu = ofZone('wuhu');
    const districtId = wuhu.find((item) => item.action === 'DECISION_APPROVE')?.actor.id;
    expect(districtId).toBe('demo-district.jiujiang');
    const supervisionId = created.find((entry) => entry.program === 'SUPERVISION')?.id;
    const cases: [Record<string, string | undefined>, AuditSearchItem[]][] = [
      [{ program: 'SUPERVISION' }, wuhu.filter((item) => item.program === 'SUPERVISION')],
      [{ action: 'SUBMITTED' }, wuhu.filter((item) => item.action === 'SUBMITTED')],
      [{ actor: districtId }, wuhu.filter((item) => item.actor.id === districtId)],
      [{ applicationId: supervisionId }, wuhu.filter((item) => item.applicationId === supervisionId)],
      [
        { program: 'PARK_CERT', action: 'TASK_CREATED' },
        wuhu.filter((item) => item.program === 'PARK_CERT' && item.action === 'TASK_CREATED'),
      ],
      [{ from: backDate, to: backDate }, wuhu.filter((item) => dayOf(item.at) === backDate)],
      [
        { from: addCalendarDays(backDate, 1), to: whole.to },
        wuhu.filter((item) => item.applicationId !== backDatedId),
      ],
      [{ from: '2025-01-01', to: '2025-12-31' }, []],
      [{ action: 'NO_SUCH_ACTION' }, []],
    ];
    for (const [filters, expected] of cases) {
      expect(expected.length === 0 || expected.length < wuhu.length, JSON.stringify(filters)).toBe(true);
      const params = { from: whole.from, to: whole.to, ...filters };
      expect((await searchAll(office, params, 3)).items, JSON.stringify(filters)).toEqual(expected);
    }
    // The decision's comment is the event's reason.
    const decision = wuhu.find((item) => item.action === 'DECISION_APPROVE');
    expect(decision).toMatchObject({ reason: '材料齐全，同意上报', stage: 'DISTRICT_REVIEW' });
    expect((await searchAll(office, { ...whole, action: 'DECISION_APPROVE' }, 5)).items).toEqual([decision]);
  });

  it('keeps each office to its own zone; province and admin name the zone; others are refused', async () => {
    const wuhuIds = new Set(ofZone('wuhu').map((item) => item.applicationId));
    await expectRefusal(
      (headers) =>
        officeAnqing.request('GET', `/audit?${query({ ...whole, zone: 'wuhu' })}`, undefined, headers),
      403,
      'FORBIDDEN',
    );
    const anqing = await searchAll(officeAnqing, whole, 4);
    expect(anqing.items).toEqual(ofZone('anqing'));
    expect(anqing.items.some((item) => wuhuIds.has(item.applicationId) || item.zone !== 'anqing')).toBe(
      false,
    );
    expect((await office.get(`/audit?${query({ zone: 'anqing' })}`)).status).toBe(403);
    expect((await office.get(`/audit?${query({ ...whole, zone: 'wuhu' })}`)).status).toBe(200);

    expect((await searchAll(provincial, { ...whole, zone: 'anqing' }, 50)).items).toEqual(ofZone('anqing'));
    expect((await searchAll(admin, { ...whole, zone: 'wuhu' }, 50)).items).toEqual(ofZone('wuhu'));
    const unnamed = await expectRefusal(
      (headers) => provincial.request('GET', '/audit', undefined, headers),
      400,
      'ZONE_REQUIRED',
    );
    expect(unnamed.en).toContain('zone');

    for (const username of ['park.wuhu', 'municipal.wuhu', 'district.jiujiang', 'finance.wuhu']) {
      const client = await local.login(username);
      expect((await client.get('/audit')).status, username).toBe(403);
      expect((await client.get(`/audit?${query({ zone: 'wuhu' })}`)).status, username).toBe(403);
      const token = await tokenOf(username);
      expect((await download(token, { zone: 'wuhu' })).status, username).toBe(403);
    }
    await expectRefusal((headers) => park.request('GET', '/audit', undefined, headers), 403, 'FORBIDDEN');
    expect((await download(await tokenOf('office.wuhu'), { zone: 'anqing' })).status).toBe(403);
  });

  it('refuses bad parameters with 400 in Chinese and English and changes nothing', async () => {
    const before = await snapshotTable(local.documents, local.cloud.tableName);
    const reversed = await expectRefusal(
      (headers) =>
        office.request(
          'GET',
          `/audit?${query({ from: '2026-11-27', to: '2026-11-01' })}`,
          undefined,
          headers,
        ),
      400,
      'INVALID_DATE_RANGE',
    );
    expect(reversed.en).toContain('after the end date');
    const tooLong = await expectRefusal(
      (headers) =>
        office.request(
          'GET',
          `/audit?${query({ from: '2025-01-01', to: '2026-01-02' })}`,
          undefined,
          headers,
        ),
      400,
      'DATE_RANGE_TOO_LONG',
    );
    expect(tooLong.zh).toContain('366');
    for (const params of [
      { limit: '0' },
      { limit: '201' },
      { from: '2026-02-30' },
      { to: '2026/11/27' },
      { zone: 'hefei' },
      { program: 'park_cert' },
      { unknown: 'x' },
    ]) {
      const reply = await office.get<{ error: { code: string } }>(`/audit?${query(params)}`);
      expect(reply.status, JSON.stringify(params)).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    }
    const token = await tokenOf('office.wuhu');
    const badExport = await download(token, { from: '2026-11-27', to: '2026-11-01' });
    expect(badExport.status).toBe(400);
    expect((await download(token, { limit: '10' })).status).toBe(400);

    // Cursors: garbage, and one of Anqing's search replayed on Wuhu's.
    await expectRefusal(
      (headers) => office.request('GET', `/audit?${query({ cursor: 'not-a-cursor' })}`, undefined, headers),
      400,
      'INVALID_CURSOR',
    );
    const anqingPage = await provincial.get<SearchPage>(
      `/audit?${query({ ...whole, zone: 'anqing', limit: 1 })}`,
    );
    const foreign = anqingPage.body.nextCursor;
    expect(foreign).toBeDefined();
    const replayed = await office.get<{ error: { code: string } }>(
      `/audit?${query({ ...whole, cursor: foreign })}`,
    );
    expect(replayed.status).toBe(400);
    expect(replayed.body.error.code).toBe('INVALID_CURSOR');
    // A cursor outside the period asked for is refused too, not answered from another range.
    const wuhuPage = await office.get<SearchPage>(`/audit?${query({ ...whole, limit: 1 })}`);
    const outside = await office.get(
      `/audit?${query({ from: backDate, to: backDate, cursor: wuhuPage.body.nextCursor })}`,
    );
    expect(outside.status).toBe(400);

    expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);
  });

  it('exports exactly the search results as .xlsx, headed in Chinese and English', async () => {
    const token = await tokenOf('office.wuhu');
    const response = await download(token, whole);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="audit-wuhu-${whole.from}-${whole.to}.xlsx"`,
    );
    const [header, ...rows] = await sheetRows(response.bytes);
    expect(header).toEqual([
      '时间 / Time',
      '申请编号 / Application',
      '业务 / Program',
      '动作 / Action',
      '环节 / Stage',
      '操作人 / Actor',
      '角色 / Role',
      '理由 / Reason',
    ]);
    const { items } = await searchAll(office, whole, 50);
    expect(rows).toEqual(items.map((item) => Object.values(auditExportRow(item))));
    // Times are China wall-clock times: the back-dated events read noon of their day.
    const backDated = rows.filter((row) => row[1] === backDatedId);
    expect(backDated.length).toBeGreaterThan(0);
    for (const row of backDated) expect(row[0]).toMatch(new RegExp(`^${backDate} 12:`));

    const filtered = await download(token, { ...whole, program: 'SUPERVISION' });
    const [, ...supervisionRows] = await sheetRows(filtered.bytes);
    const supervisionItems = (await searchAll(office, { ...whole, program: 'SUPERVISION' })).items;
    expect(supervisionRows).toEqual(supervisionItems.map((item) => Object.values(auditExportRow(item))));

    // The province exports a zone it names.
    const anqing = await download(await tokenOf('provincial'), { ...whole, zone: 'anqing' });
    const [, ...anqingRows] = await sheetRows(anqing.bytes);
    expect(anqingRows).toEqual(ofZone('anqing').map((item) => Object.values(auditExportRow(item))));
  });

  it('refuses an export beyond the row limit with 422 TOO_MANY_ROWS instead of a truncated file', async () => {
    const token = await tokenOf('office.wuhu');
    const count = ofZone('wuhu').length;
    try {
      process.env.AUDIT_EXPORT_MAX_ROWS = String(count - 1);
      const refused = await expectRefusal(
        async (headers) => {
          const reply = await download(token, whole, headers);
          return { status: reply.status, body: reply.body };
        },
        422,
        'TOO_MANY_ROWS',
      );
      expect(refused.zh).toContain(String(count - 1));
      expect(refused.en).toContain('narrow');
      process.env.AUDIT_EXPORT_MAX_ROWS = String(count);
      const exact = await download(token, whole);
      expect(exact.status).toBe(200);
      expect(await sheetRows(exact.bytes)).toHaveLength(1 + count);
      // Narrower filters fit under the same limit.
      process.env.AUDIT_EXPORT_MAX_ROWS = '5';
      const one = await download(token, { ...whole, action: 'DECISION_APPROVE' });
      expect(one.status).toBe(200);
      expect(await sheetRows(one.bytes)).toHaveLength(2);
    } finally {
      delete process.env.AUDIT_EXPORT_MAX_ROWS;
    }
  });

  // Last: it adds an application that the union above does not hold.
  it('indexes the next event of a chain written before the index, from the application item', async () => {
    const { appendAuditEvent } = await import('../../functions/shared/audit-log.ts');
    const legacy = await submitPark(park, { parkName: '审计查询旧链园区' });
    await waitForTask(district, legacy.id, 'DISTRICT_REVIEW');
    const { Items = [] } = await local.documents.send(
      new QueryCommand({
        TableName: local.cloud.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': `APP#${legacy.id}`, ':audit': 'AUDIT#' },
      }),
    );
    for (const item of Items) {
      await local.documents.send(
        new UpdateCommand({
          TableName: local.cloud.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'REMOVE #zone, #program, gsi2pk, gsi2sk',
          ExpressionAttributeNames: { '#zone': 'zone', '#program': 'program' },
        }),
      );
    }
    const search = { ...whole, applicationId: legacy.id };
    expect((await searchAll(office, search)).items).toEqual([]);

    await appendAuditEvent({
      applicationId: legacy.id,
      actor: { id: 'test', role: 'admin' },
      action: 'LEGACY_CHAIN_CONTINUED',
      eventKey: 'legacy-chain-continued',
      at: new Date().toISOString(),
    });
    const { items } = await searchAll(office, search);
    expect(items).toEqual([
      expect.objectContaining({
        applicationId: legacy.id,
        seq: Items.length + 1,
        action: 'LEGACY_CHAIN_CONTINUED',
        zone: 'wuhu',
        program: 'PARK_CERT',
      }),
    ]);
    expect((await historyOf({ id: legacy.id, zone: 'wuhu', program: 'PARK_CERT' })).chain.valid).toBe(true);
  });
});
