import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ApiClient } from './api-client.ts';
import { chinaDay, chinaYear } from './china-today.ts';
import { loadDemoRegistry } from './demo-registry.ts';
import { demoExperts, findDemoUser } from './demo-users.ts';
import { sampleParkForm, waitForTask } from './park-demo.ts';
import { uploadSamplePdfs } from './sample-files.ts';
import { sampleSubsidyForm, uploadRequiredDocuments } from './subsidy-demo.ts';
import { seedTrainingDemo } from './training-demo.ts';

/** Loads the demo expert pool through the API, as an administrator would. Idempotent. */
export const loadDemoExperts = async (apiUrl: string): Promise<void> => {
  const admin = await ApiClient.login(apiUrl, 'admin');
  for (const { userId, ...expert } of demoExperts) {
    const { status, body } = await admin.put(`/experts/${userId}`, expert);
    if (status !== 200)
      throw new Error(`Loading expert ${userId} failed with ${status}: ${JSON.stringify(body)}`);
  }
};

const SEED_MARKER = { pk: 'CONFIG', sk: 'DEMO_SEED' };

const submitTo = async (client: ApiClient, program: string, form: unknown, what: string) => {
  const { status, body } = await client.post<{ application: { id: string } }>('/applications', {
    program,
    form,
  });
  if (status !== 201) throw new Error(`Seeding ${what} failed with ${status}: ${JSON.stringify(body)}`);
  return body.application.id;
};

const submit = (client: ApiClient, parkName: string, overrides = {}) =>
  submitTo(client, 'PARK_CERT', sampleParkForm({ parkName, ...overrides }), parkName);

const decide = async (
  client: ApiClient,
  applicationId: string,
  stage: string,
  outcome: string,
  extra: { comment?: string; data?: Record<string, unknown> } = {},
) => {
  const task = await waitForTask(client, applicationId, stage);
  const { status, body } = await client.post(`/tasks/${task.taskId}/decision`, { outcome, ...extra });
  if (status !== 200) {
    throw new Error(`Seeding decision on ${applicationId} failed with ${status}: ${JSON.stringify(body)}`);
  }
};

/** Each drawn expert scores; the demo panel of a 鸠江 park is always the three experts without conflicts. */
const scoreAsPanel = async (apiUrl: string, applicationId: string) => {
  for (const username of ['expert.wuhu', 'expert.wuhu.3', 'expert.wuhu.5']) {
    const expert = await ApiClient.login(apiUrl, username);
    await decide(expert, applicationId, 'EXPERT_SCORING', 'SUBMIT', {
      data: { scores: { planning: 17, facilities: 21, enterprises: 25, management: 21 } },
    });
  }
};

/** SUBSIDY claims of the demo enterprise at each review, one returned, and a BRAND application. */
const seedSupportPrograms = async (
  apiUrl: string,
  reviewers: { district: ApiClient; municipal: ApiClient },
): Promise<void> => {
  const enterprise = await ApiClient.login(apiUrl, 'enterprise.wuhu');
  const claim = async (serial: number, what: string) =>
    submitTo(
      enterprise,
      'SUBSIDY',
      {
        ...sampleSubsidyForm({ invoiceSerials: [serial] }),
        attachments: await uploadRequiredDocuments(enterprise),
      },
      what,
    );
  await claim(26_001_001, 'subsidy claim at district review');
  const atMunicipal = await claim(26_001_002, 'subsidy claim at municipal review');
  const returned = await claim(26_001_003, 'returned subsidy claim');
  await decide(reviewers.district, atMunicipal, 'DISTRICT_REVIEW', 'APPROVE');
  await decide(reviewers.district, returned, 'DISTRICT_REVIEW', 'RETURN', {
    comment: '请补充海外仓租赁合同的盖章页。',
  });
  await submitTo(
    enterprise,
    'BRAND',
    {
      type: 'TRADEMARK',
      mark: 'JIANGCHENG',
      markets: [
        { market: 'US', filingNumber: 'US-97123456', filingDate: '2026-03-01', feesPaidCny: 12_000 },
        { market: 'EU', filingNumber: 'EU-018765432', filingDate: '2026-04-10', feesPaidCny: 9_000 },
      ],
      evidence: (await uploadSamplePdfs(enterprise, ['filing-receipt.pdf'])).map((file) => ({
        code: 'FILING_RECEIPT',
        ...file,
      })),
    },
    'brand application',
  );
};

/** Two supervision tasks of the Wuhu office: one waiting for 海关 to accept, one 市商务局 reports on. */
const seedSupervisionDemo = async (apiUrl: string): Promise<void> => {
  const office = await ApiClient.login(apiUrl, 'office.wuhu');
  // The end of June next year: after today on any day (the rule), with months of reports to go.
  const dueDate = `${chinaYear() + 1}-06-30`;
  const task = (form: Record<string, unknown>, what: string) =>
    submitTo(
      office,
      'SUPERVISION',
      { reportingPeriod: 'MONTHLY', dueDate, targetCode: 'transaction_value', ...form },
      what,
    );
  await task(
    {
      title: '推广跨境电商 B2B 出口监管模式（9710、9810）',
      description: '在综试区内推广跨境电商 B2B 直接出口和出口海外仓监管模式，按月报告通关票数与货值。',
      unitCode: 'WH_CUSTOMS',
    },
    'supervision task for customs',
  );
  const accepted = await task(
    {
      title: '建设跨境电商公共海外仓服务体系',
      description: '支持企业在重点市场建设或租赁公共海外仓，按月报告新增海外仓面积与服务企业数。',
      unitCode: 'WH_COMMERCE',
    },
    'supervision task for commerce',
  );
  await decide(await ApiClient.login(apiUrl, 'unit.wuhu.commerce'), accepted, 'ACCEPTANCE', 'APPROVE');
};

/**
 * Demo data, written through the platform's own API so it follows every rule: applications waiting at
 * each stage, one returned for revision, one with the expert panel, one under public notice, one refused
 * by the criteria check. Runs once per data folder; later starts only load the demo registry again, which
 * adds the current year's policies to data seeded in an earlier year.
 */
export const seedDemoData = async (
  apiUrl: string,
  dynamodbEndpoint: string,
  tableName: string,
): Promise<boolean> => {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamodbEndpoint }));
  try {
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: SEED_MARKER }));
    if (Item) {
      // Idempotent; in data seeded in an earlier year it adds this year's policies and zone caps.
      await loadDemoRegistry(apiUrl);
      return false;
    }

    await loadDemoExperts(apiUrl);
    await loadDemoRegistry(apiUrl);
    const park = await ApiClient.login(apiUrl, 'park.wuhu');
    const parkAnqing = await ApiClient.login(apiUrl, 'park.anqing');
    const district = await ApiClient.login(apiUrl, 'district.jiujiang');
    const municipal = await ApiClient.login(apiUrl, 'municipal.wuhu');

    await submit(park, '鸠江跨境电商产业园（待县区初审）');
    const atMunicipal = await submit(park, '芜湖跨境电商直播基地（待市级复审）');
    const returned = await submit(park, '鸠江保税物流园（退回补正）', { floorAreaSqm: 15_000 });
    const atPanel = await submit(park, '芜湖跨境电商产业孵化园（专家评审中）');
    const underNotice = await submit(park, '芜湖跨境电商示范园（公示中）');
    await submit(park, '鸠江小型电商园（未达标）', { floorAreaSqm: 2_000, crossBorderEnterprises: 5 });
    await submit(parkAnqing, '安庆经开区跨境电子商务产业园（待县区初审）');

    await decide(district, atMunicipal, 'DISTRICT_REVIEW', 'APPROVE');
    await decide(district, returned, 'DISTRICT_REVIEW', 'RETURN', {
      comment: '请补充园区租赁合同及入驻企业名单。',
    });
    for (const id of [atPanel, underNotice]) {
      await decide(district, id, 'DISTRICT_REVIEW', 'APPROVE');
      await decide(municipal, id, 'MUNICIPAL_REVIEW', 'APPROVE', { comment: '同意，提交专家评审。' });
    }
    await scoreAsPanel(apiUrl, underNotice);
    await seedSupportPrograms(apiUrl, { district, municipal });
    await decide(municipal, underNotice, 'SITE_INSPECTION', 'APPROVE', {
      data: {
        date: chinaDay(),
        inspectors: ['张核查', '李核查'],
        findings: '园区场地、入驻企业与申报材料一致。',
        passed: true,
      },
    });

    // Statistics: the demo enterprise's 2025 figures for the dashboard (March corrected once: two versions).
    const reporter = await ApiClient.login(apiUrl, 'enterprise.wuhu');
    const reporterUscc = findDemoUser('enterprise.wuhu')?.orgId;
    const monthly = (b2bExport: number, b2cImport: number) => ({
      B2B: { export: b2bExport, import: 0 },
      B2C: { export: 1_250_000, import: b2cImport },
      B2B2C: { export: 0, import: 180_000.5 },
    });
    for (const [month, body] of [
      ['2025-01', { amountsCny: monthly(8_600_000, 320_000) }],
      ['2025-02', { amountsCny: monthly(6_900_000, 410_000) }],
      ['2025-03', { amountsCny: monthly(9_100_000, 0) }],
      ['2025-03', { version: 1, amountsCny: monthly(9_150_000, 365_000.25) }],
    ] as const) {
      const reply = await reporter.put(`/statistics/figures/${reporterUscc}/${month}`, body);
      if (reply.status >= 300) throw new Error(`Seeding figures ${month} failed with ${reply.status}`);
    }

    await seedTrainingDemo(apiUrl);
    await seedSupervisionDemo(apiUrl);
    await documents.send(
      new PutCommand({ TableName: tableName, Item: { ...SEED_MARKER, seededAt: new Date().toISOString() } }),
    );
    return true;
  } finally {
    documents.destroy();
  }
};
