import { beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../domain/shared/uscc.ts';
import {
  demoEnterprises,
  demoPolicies,
  demoPolicyYear,
  loadDemoRegistry,
} from '../../local/demo-registry.ts';
import { findDemoUser } from '../../local/demo-users.ts';
import { type ApiClient, snapshotTable, withLocalCloud } from './local-cloud.ts';

const local = withLocalCloud();

/** The demo policies' year, the current one; the caps test uses the years after it, which have no caps. */
const year = demoPolicyYear;

let admin: ApiClient;
let office: ApiClient;
let enterprise: ApiClient;

interface EnterpriseView {
  uscc: string;
  name: { zh: string; en?: string };
  zone: string;
  district: string;
  version: number;
}
interface PolicyView {
  code: string;
  status: string;
  version: number;
  totalBudgetCny: number;
}
interface ErrorView {
  error: { code: string; message: string; details: unknown };
}

const uscc = (serial: number, divisionCode = '340207') =>
  composeUscc({
    authority: '9',
    organizationType: '1',
    divisionCode,
    organizationCodeBody: `MA3${String(serial).padStart(5, '0')}`,
  });

const ownUscc = findDemoUser('enterprise.wuhu')?.orgId ?? '';
const [, yijiangDemo, anqingDemo] = demoEnterprises;
if (!yijiangDemo || !anqingDemo) throw new Error('demo enterprises changed');

const enterpriseBody = (overrides: Record<string, unknown> = {}) => ({
  name: { zh: '芜湖测试跨境电商有限公司', en: 'Wuhu Test Cross-border Co., Ltd.' },
  zone: 'wuhu',
  district: 'jiujiang',
  registeredInZone: true,
  contacts: [{ name: '测试联系人', phone: '13800000000', email: 'contact@example.com' }],
  ...overrides,
});

const policyBody = (overrides: Record<string, unknown> = {}) => ({
  name: { zh: '跨境电商物流补贴', en: 'Cross-border logistics support' },
  zone: 'wuhu',
  year,
  category: 'LOGISTICS',
  subsidyRate: 0.2,
  perClaimCapCny: 50_000,
  perEnterpriseAnnualCapCny: 100_000,
  totalBudgetCny: 1_000_000,
  requiredDocuments: [{ code: 'INVOICES', name: { zh: '物流费用发票', en: 'Logistics invoices' } }],
  openDate: `${year}-03-01`,
  closeDate: `${year}-11-30`,
  overdraftPolicy: 'REFUSE',
  status: 'PUBLISHED',
  ...overrides,
});

/** Runs `probe` and proves it changed no item in the table. */
const unchangedBy = async <T>(probe: () => Promise<T>): Promise<T> => {
  const before = await snapshotTable(local.documents, local.cloud.tableName);
  const result = await probe();
  expect(await snapshotTable(local.documents, local.cloud.tableName)).toEqual(before);
  return result;
};

beforeAll(async () => {
  await loadDemoRegistry(local.cloud.apiUrl);
  admin = await local.login('admin');
  office = await local.login('office.wuhu');
  enterprise = await local.login('enterprise.wuhu');
});

describe('enterprise registry', () => {
  it('holds the enterprise.wuhu account among the demo enterprises', async () => {
    expect(demoEnterprises.map((entry) => entry.uscc)).toContain(ownUscc);
    const { status, body } = await admin.get<{ enterprise: EnterpriseView }>(`/enterprises/${ownUscc}`);
    expect(status).toBe(200);
    expect(body.enterprise).toMatchObject({ uscc: ownUscc, zone: 'wuhu', version: 1 });
  });

  it('creates, updates with the current version and refuses a stale one without writing', async () => {
    const id = uscc(1);
    const created = await admin.put<{ enterprise: EnterpriseView }>(`/enterprises/${id}`, enterpriseBody());
    expect(created.status).toBe(201);
    expect(created.body.enterprise).toMatchObject({ uscc: id, version: 1 });

    const updated = await admin.put<{ enterprise: EnterpriseView }>(
      `/enterprises/${id}`,
      enterpriseBody({ name: { zh: '芜湖测试跨境电商股份有限公司' }, version: 1 }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body.enterprise).toMatchObject({
      version: 2,
      name: { zh: '芜湖测试跨境电商股份有限公司' },
    });

    const stale = await unchangedBy(() =>
      admin.put<ErrorView>(`/enterprises/${id}`, enterpriseBody({ district: 'wanzhi', version: 1 })),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { expectedVersion: 1, currentVersion: 2 },
    });

    const again = await unchangedBy(() => admin.put<ErrorView>(`/enterprises/${id}`, enterpriseBody()));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_EXISTS', details: { currentVersion: 2 } });

    const missing = await unchangedBy(() =>
      admin.put<ErrorView>(`/enterprises/${uscc(2)}`, enterpriseBody({ version: 1 })),
    );
    expect(missing.status).toBe(404);

    const read = await admin.get<{ enterprise: EnterpriseView }>(`/enterprises/${id}`);
    expect(read.body.enterprise).toMatchObject({ version: 2, district: 'jiujiang' });
  });

  it('lets the office maintain its own zone only', async () => {
    const id = uscc(3);
    expect((await office.put(`/enterprises/${id}`, enterpriseBody())).status).toBe(201);

    const otherZone = await unchangedBy(() =>
      office.put<ErrorView>(
        `/enterprises/${uscc(4, '340800')}`,
        enterpriseBody({ zone: 'anqing', district: 'daguan' }),
      ),
    );
    expect(otherZone.status).toBe(403);
    expect(otherZone.body.error.code).toBe('FORBIDDEN');

    // Moving an Anqing enterprise into Wuhu, or taking it over by "creating" it, is refused too.
    const { uscc: anqingId, ...anqingFields } = anqingDemo;
    for (const body of [
      { ...anqingFields, zone: 'wuhu', district: 'jinghu', version: 1 },
      { ...anqingFields, zone: 'wuhu', district: 'jinghu' },
    ]) {
      const takeover = await unchangedBy(() => office.put(`/enterprises/${anqingId}`, body));
      expect(takeover.status).toBe(403);
    }
    const applicant = await unchangedBy(() => enterprise.put(`/enterprises/${ownUscc}`, enterpriseBody()));
    expect(applicant.status).toBe(403);
  });

  it('shows an enterprise account its own record only', async () => {
    const own = await enterprise.get<{ enterprise: EnterpriseView }>(`/enterprises/${ownUscc}`);
    expect(own.status).toBe(200);
    expect(own.body.enterprise.uscc).toBe(ownUscc);
    const other = await enterprise.get<ErrorView>(`/enterprises/${yijiangDemo.uscc}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await enterprise.get(`/enterprises/${uscc(99)}`)).status).toBe(404);
    expect((await enterprise.get('/enterprises?zone=wuhu')).status).toBe(403);
  });

  it('scopes reviewers by zone and district', async () => {
    const district = await local.login('district.jiujiang');
    expect((await district.get(`/enterprises/${ownUscc}`)).status).toBe(200);
    expect((await district.get(`/enterprises/${yijiangDemo.uscc}`)).status).toBe(404);
    const municipalAnqing = await local.login('municipal.anqing');
    expect((await municipalAnqing.get(`/enterprises/${ownUscc}`)).status).toBe(404);
    expect((await municipalAnqing.get(`/enterprises/${anqingDemo.uscc}`)).status).toBe(200);
    const provincial = await local.login('provincial');
    expect((await provincial.get(`/enterprises/${ownUscc}`)).status).toBe(200);
    expect((await (await local.login('park.wuhu')).get(`/enterprises/${ownUscc}`)).status).toBe(403);
  });

  const badEnterprisePuts: [string, string, unknown][] = [
    ['an invalid USCC', '91350100M000100Y44', enterpriseBody()],
    ['a district of another zone', uscc(10), enterpriseBody({ district: 'daguan' })],
    ['an unknown zone', uscc(10), enterpriseBody({ zone: 'hefei' })],
    ['no contacts', uscc(10), enterpriseBody({ contacts: [] })],
    [
      'six contacts',
      uscc(10),
      enterpriseBody({
        contacts: Array.from({ length: 6 }, () => ({ name: '联系人', phone: '13800000000' })),
      }),
    ],
    ['a bad phone number', uscc(10), enterpriseBody({ contacts: [{ name: '联系人', phone: '12345' }] })],
    ['an extra field', uscc(10), { ...enterpriseBody(), blacklisted: false }],
    [
      'an extra contact field',
      uscc(10),
      enterpriseBody({ contacts: [{ name: '联系人', phone: '13800000000', id: 1 }] }),
    ],
    ['a version of zero', uscc(10), enterpriseBody({ version: 0 })],
    ['a missing name', uscc(10), { ...enterpriseBody(), name: undefined }],
  ];

  it.each(badEnterprisePuts)('refuses %s with 400 and writes nothing', async (_what, id, body) => {
    const reply = await unchangedBy(() => admin.put<ErrorView>(`/enterprises/${id}`, body));
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('pages through a zone with a cursor that cannot be moved to another zone', async () => {
    for (let serial = 20; serial < 25; serial += 1) {
      expect((await admin.put(`/enterprises/${uscc(serial)}`, enterpriseBody())).status).toBe(201);
    }
    const all = await admin.get<{ items: EnterpriseView[] }>('/enterprises?zone=wuhu&limit=100');
    expect(all.status).toBe(200);
    const expected = all.body.items.map((item) => item.uscc);
    expect(expected.length).toBeGreaterThanOrEqual(7);
    expect(all.body.items.every((item) => item.zone === 'wuhu')).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let anqingCursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await office.get<{ items: EnterpriseView[]; cursor: string | null }>(
        `/enterprises?limit=2${query}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.uscc));
      cursor = page.body.cursor;
      anqingCursor ??= cursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen).toEqual(expected);
    expect(pages).toBeGreaterThan(3);

    const moved = await admin.get<ErrorView>(
      `/enterprises?zone=anqing&limit=2&cursor=${encodeURIComponent(anqingCursor ?? '')}`,
    );
    expect(moved.status).toBe(400);
    expect(moved.body.error.code).toBe('INVALID_CURSOR');
    expect((await office.get('/enterprises?zone=anqing')).status).toBe(403);
    expect((await admin.get('/enterprises')).status).toBe(400);
    expect((await admin.get('/enterprises?zone=wuhu&limit=0')).status).toBe(400);
  });

  it('lets exactly one of ten concurrent updates of the same version through', async () => {
    const id = uscc(30);
    expect((await admin.put(`/enterprises/${id}`, enterpriseBody())).status).toBe(201);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        admin.put<{ enterprise: EnterpriseView }>(
          `/enterprises/${id}`,
          enterpriseBody({ name: { zh: `并发更新企业${index}` }, version: 1 }),
        ),
      ),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const winner = replies.find((reply) => reply.status === 200);
    const read = await admin.get<{ enterprise: EnterpriseView }>(`/enterprises/${id}`);
    expect(read.body.enterprise.version).toBe(2);
    expect(read.body.enterprise.name).toEqual(winner?.body.enterprise.name);
  });
});

describe('policy catalog', () => {
  it('lists a zone’s policies of a year to any signed-in user, with the zone-wide cap', async () => {
    const { status, body } = await enterprise.get<{
      items: PolicyView[];
      zoneCap: { perEnterpriseAnnualCapCny: number } | null;
    }>(`/policies?zone=wuhu&year=${year}`);
    expect(status).toBe(200);
    const wuhuDemo = demoPolicies.filter((policy) => policy.zone === 'wuhu').map((policy) => policy.code);
    expect(body.items.map((policy) => policy.code)).toEqual(expect.arrayContaining(wuhuDemo));
    expect(body.zoneCap?.perEnterpriseAnnualCapCny).toBe(1_500_000);
    const anqing = await (await local.login('park.anqing')).get<{ items: PolicyView[] }>('/policies');
    expect(anqing.body.items.map((policy) => policy.code)).toEqual([`AQ-${year}-PF-01`]);
    const one = await enterprise.get<{ policy: PolicyView }>(`/policies/WH-${year}-OW-01`);
    expect(one.body.policy).toMatchObject({ totalBudgetCny: 10_000_000, version: 1 });
  });

  it('creates and updates with versions; a stale version is refused without writing', async () => {
    const created = await admin.put<{ policy: PolicyView }>(`/policies/WH-${year}-LG-01`, policyBody());
    expect(created.status).toBe(201);
    expect(created.body.policy.version).toBe(1);
    const updated = await office.put<{ policy: PolicyView }>(
      `/policies/WH-${year}-LG-01`,
      policyBody({ totalBudgetCny: 1_200_000, version: 1 }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body.policy).toMatchObject({ version: 2, totalBudgetCny: 1_200_000 });
    const stale = await unchangedBy(() =>
      admin.put<ErrorView>(`/policies/WH-${year}-LG-01`, policyBody({ version: 1 })),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const otherZone = await unchangedBy(() =>
      office.put(`/policies/AQ-${year}-LG-01`, policyBody({ zone: 'anqing' })),
    );
    expect(otherZone.status).toBe(403);
  });

  it('hides drafts from everyone but their maintainers', async () => {
    expect(
      (await office.put(`/policies/WH-${year}-TR-01`, policyBody({ status: 'DRAFT', category: 'TRAINING' })))
        .status,
    ).toBe(201);
    expect((await enterprise.get(`/policies/WH-${year}-TR-01`)).status).toBe(404);
    expect((await office.get(`/policies/WH-${year}-TR-01`)).status).toBe(200);
    const codes = async (client: ApiClient) =>
      (await client.get<{ items: PolicyView[] }>(`/policies?zone=wuhu&year=${year}`)).body.items.map(
        (policy) => policy.code,
      );
    expect(await codes(enterprise)).not.toContain(`WH-${year}-TR-01`);
    expect(await codes(admin)).toContain(`WH-${year}-TR-01`);
  });

  const badPolicyPuts: [string, string, unknown][] = [
    ['a malformed code', 'WH-26-OW-1', policyBody()],
    ['a code of another zone', `AQ-${year}-LG-09`, policyBody()],
    ['a code of another year', `WH-${year - 1}-LG-09`, policyBody()],
    ['a rate of zero', `WH-${year}-LG-09`, policyBody({ subsidyRate: 0 })],
    ['a rate above one', `WH-${year}-LG-09`, policyBody({ subsidyRate: 1.5 })],
    ['a per-claim cap of zero', `WH-${year}-LG-09`, policyBody({ perClaimCapCny: 0 })],
    ['a fractional amount', `WH-${year}-LG-09`, policyBody({ perClaimCapCny: 100.5 })],
    ['a negative budget', `WH-${year}-LG-09`, policyBody({ totalBudgetCny: -1 })],
    ['a per-claim cap above the annual cap', `WH-${year}-LG-09`, policyBody({ perClaimCapCny: 200_000 })],
    ['an annual cap above the budget', `WH-${year}-LG-09`, policyBody({ totalBudgetCny: 80_000 })],
    ['a close date before the open date', `WH-${year}-LG-09`, policyBody({ closeDate: `${year}-02-28` })],
    ['an invalid date', `WH-${year}-LG-09`, policyBody({ openDate: '2026-02-30' })],
    ['an unknown category', `WH-${year}-LG-09`, policyBody({ category: 'CHARITY' })],
    ['an unknown overdraft policy', `WH-${year}-LG-09`, policyBody({ overdraftPolicy: 'BORROW' })],
    ['an extra field', `WH-${year}-LG-09`, { ...policyBody(), remainingBudgetCny: 5 }],
    [
      'duplicate document codes',
      `WH-${year}-LG-09`,
      policyBody({
        requiredDocuments: [
          { code: 'INVOICES', name: { zh: '发票', en: 'Invoices' } },
          { code: 'INVOICES', name: { zh: '发票二', en: 'Invoices 2' } },
        ],
      }),
    ],
  ];

  it.each(badPolicyPuts)('refuses %s with 400 and writes nothing', async (_what, code, body) => {
    const reply = await unchangedBy(() => admin.put<ErrorView>(`/policies/${code}`, body));
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('pages through a zone’s policies', async () => {
    const all = await admin.get<{ items: PolicyView[] }>('/policies?zone=wuhu&limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await admin.get<{ items: PolicyView[]; cursor: string | null }>(
        `/policies?zone=wuhu&limit=1${query}`,
      );
      seen.push(...page.body.items.map((policy) => policy.code));
      cursor = page.body.cursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen).toEqual(all.body.items.map((policy) => policy.code));
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps a versioned zone-wide annual cap per zone and year', async () => {
    const created = await office.put<{ cap: { version: number } }>(`/policy-caps/wuhu/${year + 1}`, {
      perEnterpriseAnnualCapCny: 2_000_000,
    });
    expect(created.status).toBe(201);
    const updated = await office.put<{ cap: { version: number; perEnterpriseAnnualCapCny: number } }>(
      `/policy-caps/wuhu/${year + 1}`,
      { perEnterpriseAnnualCapCny: 2_500_000, version: 1 },
    );
    expect(updated.status).toBe(200);
    expect(updated.body.cap).toMatchObject({ version: 2, perEnterpriseAnnualCapCny: 2_500_000 });
    const stale = await unchangedBy(() =>
      office.put(`/policy-caps/wuhu/${year + 1}`, { perEnterpriseAnnualCapCny: 1, version: 1 }),
    );
    expect(stale.status).toBe(409);
    const forbidden = await unchangedBy(() =>
      office.put(`/policy-caps/anqing/${year + 1}`, { perEnterpriseAnnualCapCny: 1_000 }),
    );
    expect(forbidden.status).toBe(403);
    for (const body of [{ perEnterpriseAnnualCapCny: 0 }, { perEnterpriseAnnualCapCny: 10.5 }, {}]) {
      expect((await unchangedBy(() => admin.put(`/policy-caps/wuhu/${year + 2}`, body))).status).toBe(400);
    }
    expect(
      (await unchangedBy(() => admin.put(`/policy-caps/hefei/${year + 2}`, { perEnterpriseAnnualCapCny: 1 })))
        .status,
    ).toBe(400);
    const listed = await enterprise.get<{ zoneCap: { perEnterpriseAnnualCapCny: number } | null }>(
      `/policies?year=${year + 1}`,
    );
    expect(listed.body.zoneCap?.perEnterpriseAnnualCapCny).toBe(2_500_000);
  });
});
