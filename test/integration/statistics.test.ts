import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../local/api-client.ts';
import type { DemoUser } from '../../local/demo-users.ts';
import { loadDemoExperts } from '../../local/seed.ts';
import { generatedEnterprise } from '../../local/subsidy-demo.ts';
import {
  type ApplicationView,
  expectRefusal,
  snapshotTable,
  submitPark,
  waitForStatus,
  waitForTask,
  withLocalCloud,
} from './local-cloud.ts';
import { approveUpToNotice, decide, type ParkActors, wuhuActors } from './park-flow.ts';

// 50,000× time: the park certificate's five-working-day notice lasts about twelve seconds.
const local = withLocalCloud({ timeScale: 50_000 });

afterEach(() => {
  delete process.env.PLATFORM_CLOCK_OFFSET_MS;
});

const DAY_MS = 24 * 60 * 60 * 1000;

interface ScopeFigures {
  measures: Record<
    | 'registered_enterprises'
    | 'certified_parks'
    | 'leading_enterprises'
    | 'transaction_value'
    | 'retail_import_value',
    number
  >;
  applications: Record<string, Record<string, number>>;
  overdueTasks: number;
  overdueByStage: { program: string; stage: string; count: number }[];
  stageTimes: { program: string; stage: string; decided: number; averageHours: number }[];
  transactionsCny: Record<string, Record<string, number>>;
}
interface ZoneDashboard {
  zone: string;
  targets: { code: string; current: number; value: number; met: boolean; year: number }[];
  figures: ScopeFigures;
  districts: { code: string; figures: ScopeFigures }[];
}
interface Dashboard {
  generatedAt: string;
  zones: ZoneDashboard[];
}
interface FiguresView {
  uscc: string;
  month: string;
  version: number;
  district: string;
  amountsFen: Record<string, Record<string, number>>;
  totalCny: number;
}

let admin: ApiClient;
let actors: ParkActors;
let nextEnterprise = 500;

const as = async (user: DemoUser) => new ApiClient(local.cloud.apiUrl, await local.cloud.issueToken(user));

/** A newly generated Wuhu (鸠江区) enterprise, registered unless told otherwise, signed in. */
const newEnterprise = async (register = true) => {
  const { user, body } = generatedEnterprise(nextEnterprise++);
  if (register) {
    const reply = await admin.put(`/enterprises/${user.orgId}`, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
  return { uscc: user.orgId as string, client: await as(user), body };
};

const dashboardOf = async (zone = 'wuhu', client = admin) => {
  const reply = await client.get<Dashboard>(`/dashboard?zone=${zone}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const found = reply.body.zones.find((candidate) => candidate.zone === zone);
  if (!found) throw new Error(`no dashboard for ${zone}`);
  return found;
};

const districtOf = (dashboard: ZoneDashboard, code: string) => {
  const found = dashboard.districts.find((district) => district.code === code);
  if (!found) throw new Error(`no district ${code}`);
  return found.figures;
};

const targetOf = (dashboard: ZoneDashboard, code: string) => {
  const found = dashboard.targets.find((target) => target.code === code);
  if (!found) throw new Error(`no target ${code}`);
  return found;
};

const countOf = (figures: ScopeFigures, program: string, status: string) =>
  figures.applications[program]?.[status] ?? 0;

const decidedAt = (figures: ScopeFigures, stage: string) =>
  figures.stageTimes.find((entry) => entry.program === 'PARK_CERT' && entry.stage === stage)?.decided ?? 0;

const amounts = (fields: {
  b2bExport?: number;
  b2cImport?: number;
  b2b2cImport?: number;
  b2bImport?: number;
}) => ({
  B2B: { export: fields.b2bExport ?? 0, import: fields.b2bImport ?? 0 },
  B2C: { export: 0, import: fields.b2cImport ?? 0 },
  B2B2C: { export: 0, import: fields.b2b2cImport ?? 0 },
});

const putFigures = (
  client: ApiClient,
  uscc: string,
  month: string,
  body: unknown,
  headers?: Record<string, string>,
) => client.request<{ figures: FiguresView }>('PUT', `/statistics/figures/${uscc}/${month}`, body, headers);

beforeAll(async () => {
  await loadDemoExperts(local.cloud.apiUrl);
  admin = await local.login('admin');
  actors = await wuhuActors(local.login);
});

describe('monthly transaction figures', () => {
  it('refuses bad figures with reasons in Chinese and English, and stores nothing', async () => {
    const { uscc, client } = await newEnterprise();
    const unregistered = await newEnterprise(false);
    const before = await snapshotTable(local.documents, local.cloud.tableName);

    const refusals: [string, unknown, number, string][] = [
      ['2025-01', { amountsCny: amounts({ b2bExport: -1 }) }, 400, 'VALIDATION_FAILED'],
      ['2025-01', { amountsCny: amounts({ b2bExport: 12.345 }) }, 400, 'VALIDATION_FAILED'],
      ['2025-01', { amountsCny: amounts({ b2bExport: 5_000_000_000.01 }) }, 400, 'VALIDATION_FAILED'],
      ['2025-01', { amountsCny: { B2B: { export: 1, import: 0 } } }, 400, 'VALIDATION_FAILED'],
      ['2025-01', { amountsCny: amounts({}), version: 0 }, 400, 'VALIDATION_FAILED'],
      ['2019-12', { amountsCny: amounts({ b2bExport: 1 }) }, 400, 'VALIDATION_FAILED'],
      ['2025-1', { amountsCny: amounts({ b2bExport: 1 }) }, 400, 'VALIDATION_FAILED'],
      ['2099-12', { amountsCny: amounts({ b2bExport: 1 }) }, 400, 'VALIDATION_FAILED'],
      // A correction of nothing.
      ['2025-01', { amountsCny: amounts({ b2bExport: 1 }), version: 1 }, 404, 'NOT_FOUND'],
    ];
    for (const [month, body, status, code] of refusals) {
      await expectRefusal((headers) => putFigures(client, uscc, month, body, headers), status, code);
    }
    const future = await expectRefusal(
      (headers) => putFigures(client, uscc, '2099-12', { amountsCny: amounts({}) }, headers),
      400,
      'VALIDATION_FAILED',
    );
    expect(future.zh).toContain('未来月份');
    expect(future.en).toContain('in the future');

    const negative = await putFigures(client, uscc, '2025-01', { amountsCny: amounts({ b2bExport: -1 }) });
    expect(JSON.stringify(negative.body)).toContain('cannot be negative');

    // Only the enterprise itself reports, and only once it is in the registry.
    await expectRefusal(
      (headers) => putFigures(client, unregistered.uscc, '2025-01', { amountsCny: amounts({}) }, headers),
      403,
      'FORBIDDEN',
    );
    await expectRefusal(
      (headers) => putFigures(actors.office, uscc, '2025-01', { amountsCny: amounts({}) }, headers),
      403,
      'FORBIDDEN',
    );
    await expectRefusal(
      (headers) =>
        putFigures(unregistered.client, unregistered.uscc, '2025-01', { amountsCny: amounts({}) }, headers),
      422,
      'ENTERPRISE_NOT_REGISTERED',
    );

    expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);
  });

  it('keeps corrections as versions; a stale version is a 409; the dashboard counts the newest only', async () => {
    const { uscc, client } = await newEnterprise();
    const start = await dashboardOf();

    // v1: B2B export of CNY 800 M, above USD 100 M at the planning rate: a leading enterprise.
    const v1 = await putFigures(client, uscc, '2025-03', { amountsCny: amounts({ b2bExport: 800_000_000 }) });
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body.figures).toMatchObject({ version: 1, district: 'jiujiang', totalCny: 800_000_000 });
    expect(v1.body.figures.amountsFen.B2B?.export).toBe(80_000_000_000);
    const afterV1 = await dashboardOf();
    expect(targetOf(afterV1, 'leading_enterprises').current).toBe(
      targetOf(start, 'leading_enterprises').current + 1,
    );
    expect(targetOf(afterV1, 'transaction_value').current).toBe(
      targetOf(start, 'transaction_value').current + 800_000_000,
    );

    // v2 corrects it below the threshold and adds retail imports.
    const v2Amounts = amounts({
      b2bExport: 600_000_000.5,
      b2cImport: 1_234.56,
      b2b2cImport: 100,
      b2bImport: 7,
    });
    const v2 = await putFigures(client, uscc, '2025-03', { version: 1, amountsCny: v2Amounts });
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    expect(v2.body.figures).toMatchObject({ version: 2, totalCny: 600_001_342.06 });

    // Correcting version 1 again, or reporting the month anew, is refused and stores nothing.
    const before = await snapshotTable(local.documents, local.cloud.tableName);
    const stale = await expectRefusal(
      (headers) =>
        putFigures(client, uscc, '2025-03', { version: 1, amountsCny: amounts({ b2bExport: 1 }) }, headers),
      409,
      'VERSION_CONFLICT',
    );
    expect(stale.en).toContain('corrected meanwhile');
    await expectRefusal(
      (headers) => putFigures(client, uscc, '2025-03', { amountsCny: amounts({ b2bExport: 1 }) }, headers),
      409,
      'ALREADY_EXISTS',
    );
    expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);

    // The history shows both versions; the newest is current.
    const history = await client.get<{ current: FiguresView; versions: FiguresView[] }>(
      `/statistics/figures/${uscc}/2025-03`,
    );
    expect(history.status).toBe(200);
    expect(history.body.versions.map((version) => [version.version, version.totalCny])).toEqual([
      [1, 800_000_000],
      [2, 600_001_342.06],
    ]);
    expect(history.body.current.version).toBe(2);
    // The office of the zone reads it; another enterprise and another zone's office do not.
    expect((await actors.office.get(`/statistics/figures/${uscc}/2025-03`)).status).toBe(200);
    const other = await newEnterprise();
    expect((await other.client.get(`/statistics/figures/${uscc}/2025-03`)).status).toBe(404);
    const anqingOffice = await as({
      username: 'office.anqing.test',
      name: '安庆办',
      role: 'office',
      zone: 'anqing',
    });
    expect((await anqingOffice.get(`/statistics/figures/${uscc}/2025-03`)).status).toBe(404);

    // The dashboard counts v2 only: not a leading enterprise any more; v2's amounts, by mode and district.
    const afterV2 = await dashboardOf();
    expect(targetOf(afterV2, 'leading_enterprises').current).toBe(
      targetOf(start, 'leading_enterprises').current,
    );
    expect(targetOf(afterV2, 'transaction_value').current).toBeCloseTo(
      targetOf(start, 'transaction_value').current + 600_001_342.06,
      2,
    );
    const jiujiang = districtOf(afterV2, 'jiujiang');
    const jiujiangBefore = districtOf(start, 'jiujiang');
    expect(
      (jiujiang.transactionsCny.B2C?.import ?? 0) - (jiujiangBefore.transactionsCny.B2C?.import ?? 0),
    ).toBeCloseTo(1_234.56, 2);
    expect(jiujiang.measures.retail_import_value - jiujiangBefore.measures.retail_import_value).toBeCloseTo(
      1_334.56,
      2,
    );
    expect(districtOf(afterV2, 'jinghu').measures.transaction_value).toBe(
      districtOf(start, 'jinghu').measures.transaction_value,
    );

    // A month of another year counts towards that year, not the targets' 2025.
    expect(
      (await putFigures(client, uscc, '2024-06', { amountsCny: amounts({ b2bExport: 5 }) })).status,
    ).toBe(201);
    expect(targetOf(await dashboardOf(), 'transaction_value').current).toBe(
      targetOf(afterV2, 'transaction_value').current,
    );
  });
});

describe('the dashboard', () => {
  it('counts what the platform did: applications, stage times, an overdue task, certificates, enterprises; a rebuild agrees', async () => {
    const start = await dashboardOf();

    // Enterprises: one registered in the zone (then moved from 镜湖 to 弋江), one registered elsewhere.
    const moving = generatedEnterprise(nextEnterprise++);
    const created = await admin.put<{ enterprise: { version: number } }>(
      `/enterprises/${moving.user.orgId}`,
      {
        ...moving.body,
        district: 'jinghu',
      },
    );
    expect(created.status).toBe(201);
    const moved = await admin.put(`/enterprises/${moving.user.orgId}`, {
      ...moving.body,
      district: 'yijiang',
      version: created.body.enterprise.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const outside = generatedEnterprise(nextEnterprise++);
    expect(
      (await admin.put(`/enterprises/${outside.user.orgId}`, { ...outside.body, registeredInZone: false }))
        .status,
    ).toBe(201);

    // Park applications in 鸠江区: one certified, one rejected by the district, one withdrawn, one left waiting.
    const certified = await submitPark(actors.park, { parkName: '统计测试认定园区' });
    const rejected = await submitPark(actors.park, { parkName: '统计测试驳回园区' });
    const withdrawn = await submitPark(actors.park, { parkName: '统计测试撤回园区' });
    const waiting = await submitPark(actors.park, { parkName: '统计测试超期园区' });
    await decide(actors.district, rejected.id, 'DISTRICT_REVIEW', 'REJECT', { comment: '材料不符合要求。' });
    await waitForStatus(actors.park, rejected.id, 'REJECTED');
    const toWithdraw = await waitForTask(actors.district, withdrawn.id, 'DISTRICT_REVIEW');
    expect(toWithdraw).toBeDefined();
    const withdrawal = await actors.park.post(`/applications/${withdrawn.id}/withdraw`, {
      reason: '园区调整规划，撤回申请。',
    });
    expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(200);
    await approveUpToNotice(actors, certified.id);
    const approved = await waitForStatus(actors.park, certified.id, 'APPROVED', 60_000);
    expect(approved.certificate?.number).toMatch(/^WH-PARK-M-/);

    // The last one's district review passes its deadline: the escalation marks it overdue (counted once,
    // however often the sweep runs).
    const overdueTask = await waitForTask(actors.district, waiting.id, 'DISTRICT_REVIEW');
    const { body: waitingView } = await actors.district.get<{ tasks: { taskId: string; dueAt: string }[] }>(
      `/applications/${waiting.id}`,
    );
    const dueAt = Date.parse(
      waitingView.tasks.find((task) => task.taskId === overdueTask.taskId)?.dueAt ?? '',
    );
    process.env.PLATFORM_CLOCK_OFFSET_MS = String(dueAt - Date.now() + DAY_MS);
    await local.cloud.runScheduled('escalate-overdue-tasks');
    await local.cloud.runScheduled('escalate-overdue-tasks');
    delete process.env.PLATFORM_CLOCK_OFFSET_MS;

    const mine = [certified, rejected, withdrawn, waiting];
    const statuses = await Promise.all(
      mine.map(
        async ({ id }) =>
          (await actors.park.get<{ application: ApplicationView }>(`/applications/${id}`)).body.application
            .status,
      ),
    );
    expect(statuses.sort()).toEqual(['APPROVED', 'IN_REVIEW', 'REJECTED', 'WITHDRAWN']);

    const end = await dashboardOf();
    for (const [after, before] of [
      [end.figures, start.figures],
      [districtOf(end, 'jiujiang'), districtOf(start, 'jiujiang')],
    ] as const) {
      for (const status of ['APPROVED', 'IN_REVIEW', 'REJECTED', 'WITHDRAWN']) {
        expect(countOf(after, 'PARK_CERT', status) - countOf(before, 'PARK_CERT', status), status).toBe(1);
      }
      expect(countOf(after, 'PARK_CERT', 'SUBMITTED') - countOf(before, 'PARK_CERT', 'SUBMITTED')).toBe(0);
      expect(after.overdueTasks - before.overdueTasks).toBe(1);
      expect(after.overdueByStage).toContainEqual(
        expect.objectContaining({ program: 'PARK_CERT', stage: 'DISTRICT_REVIEW' }),
      );
      // Decided: the certified and the rejected at the district; the certified one at every later stage.
      expect(decidedAt(after, 'DISTRICT_REVIEW') - decidedAt(before, 'DISTRICT_REVIEW')).toBe(2);
      expect(decidedAt(after, 'MUNICIPAL_REVIEW') - decidedAt(before, 'MUNICIPAL_REVIEW')).toBe(1);
      expect(decidedAt(after, 'EXPERT_SCORING') - decidedAt(before, 'EXPERT_SCORING')).toBe(1);
      expect(decidedAt(after, 'SITE_INSPECTION') - decidedAt(before, 'SITE_INSPECTION')).toBe(1);
      expect(after.measures.certified_parks - before.measures.certified_parks).toBe(1);
    }
    expect(targetOf(end, 'parks').current - targetOf(start, 'parks').current).toBe(1);
    expect(targetOf(end, 'enterprises').current - targetOf(start, 'enterprises').current).toBe(1);
    expect(districtOf(end, 'jinghu').measures.registered_enterprises).toBe(
      districtOf(start, 'jinghu').measures.registered_enterprises,
    );
    expect(
      districtOf(end, 'yijiang').measures.registered_enterprises -
        districtOf(start, 'yijiang').measures.registered_enterprises,
    ).toBe(1);
    // Nothing of this reached Anqing.
    expect((await dashboardOf('anqing')).figures.applications).toEqual({});

    // The counters equal a recomputation from the records.
    const rebuilt = await admin.post<{ recordsScanned: number }>('/statistics/rebuild', undefined);
    expect(rebuilt.status, JSON.stringify(rebuilt.body)).toBe(200);
    expect(rebuilt.body.recordsScanned).toBeGreaterThan(0);
    expect(await dashboardOf()).toEqual(end);

    // Deciding the overdue task takes it out of the overdue count.
    const decided = await actors.district.post(`/tasks/${overdueTask.taskId}/decision`, {
      outcome: 'APPROVE',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const afterDecision = await dashboardOf();
    expect(afterDecision.figures.overdueTasks).toBe(start.figures.overdueTasks);
    expect(
      decidedAt(afterDecision.figures, 'DISTRICT_REVIEW') - decidedAt(start.figures, 'DISTRICT_REVIEW'),
    ).toBe(3);
  });

  it('shows each role its scope and refuses the others', async () => {
    const provincial = await actors.provincial.get<Dashboard>('/dashboard');
    expect(provincial.status).toBe(200);
    expect(provincial.body.zones.map((zone) => zone.zone)).toEqual(['wuhu', 'anqing']);
    const office = await actors.office.get<Dashboard>('/dashboard');
    expect(office.body.zones.map((zone) => zone.zone)).toEqual(['wuhu']);
    expect((await actors.municipal.get<Dashboard>('/dashboard?zone=wuhu')).status).toBe(200);

    const getDashboard = (client: ApiClient, query: string) => (headers?: Record<string, string>) =>
      client.request('GET', `/dashboard${query}`, undefined, headers);
    await expectRefusal(getDashboard(actors.office, '?zone=anqing'), 403, 'FORBIDDEN');
    await expectRefusal(getDashboard(actors.municipal, '?zone=anqing'), 403, 'FORBIDDEN');
    for (const username of [
      'district.jiujiang',
      'enterprise.wuhu',
      'park.wuhu',
      'finance.wuhu',
      'expert.wuhu',
    ]) {
      const client = await local.login(username);
      await expectRefusal(getDashboard(client, ''), 403, 'FORBIDDEN');
    }
    await expectRefusal(getDashboard(admin, '?zone=hefei'), 400, 'VALIDATION_FAILED');
    await expectRefusal(
      (headers) => actors.office.post('/statistics/rebuild', undefined, headers),
      403,
      'FORBIDDEN',
    );
  });
});
