import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/shared/roles.ts';
import { composeUscc } from '../../domain/shared/uscc.ts';
import { apiRoutes, type HttpMethod } from '../../functions/catalog.ts';
import { ApiClient } from '../../local/api-client.ts';
import { chinaDay } from '../../local/china-today.ts';
import {
  demoEnterprises,
  demoPolicies,
  demoPolicyCaps,
  demoPolicyYear,
  loadDemoRegistry,
} from '../../local/demo-registry.ts';
import { type DemoUser, findDemoUser } from '../../local/demo-users.ts';
import { loadDemoExperts } from '../../local/seed.ts';
import { sampleSubsidyForm, uploadRequiredDocuments } from '../../local/subsidy-demo.ts';
import { sampleRegistration, sampleTrainingSession } from '../../local/training-demo.ts';
import {
  type Caller,
  type CellExpectation,
  callers,
  caseKey,
  classify,
  expectedMatrix,
  knownBugs,
  type Scope,
  scopes,
} from './authorization-matrix.ts';
import { sampleParkForm, waitForStatus, waitForTask, withLocalCloud } from './local-cloud.ts';

/*
 * The authorization matrix (issue 7): every route of the catalog × every role (and no token) × a target in
 * the caller's own scope and in another, checked against the hand-written table in
 * `authorization-matrix.ts`.
 *
 * Reading a response (`classify`): 401 (no token), 403 (role or scope refused) and 404 (a record outside
 * the caller's scope reads as absent, so its existence is not revealed) are a *deny*. Anything else below
 * 500 is an *allow*: a 2xx, or a 409 / 422 about the record's state or the request's content, which every
 * handler answers only after its role and scope checks. That is why most targets are records whose state
 * makes an allowed call harmless (a decided task, a closed application, an existing registry entry): the
 * allowed caller gets its 409 and nothing changes, so the order of the cases does not matter. 400, 405,
 * 413, 415 and 429 mean the request never reached the rule and fail the case as the matrix's own mistake;
 * every body sent is valid for its route. No response may be a 5xx.
 *
 * Fixtures are made once, through the HTTP API as their real users would (tokens for the few accounts the
 * demo has no user for, e.g. an Anqing office): applications of each organization, district and zone,
 * tasks decided at every kind of stage, registry entries of both zones (the flows run side by side).
 * Then each route sends its 12 × 2 requests one after another: all handlers of the local cloud share one
 * Powertools Metrics instance in one process, and overlapping API invocations make it print "No
 * application metrics to publish" on stderr (in AWS a container serves one request at a time); in
 * sequence the ~1,000 requests take a few seconds more and print nothing.
 */

// 50,000× time: a five-working-day public notice lasts about twelve seconds.
const local = withLocalCloud({ timeScale: 50_000 });

/** The demo account that acts for each role (every one of them in Wuhu, 鸠江 where it has a district). */
const accountOf: Record<Role, string> = {
  park: 'park.wuhu',
  enterprise: 'enterprise.wuhu',
  trainee: 'trainee.wuhu',
  district_reviewer: 'district.jiujiang',
  municipal_reviewer: 'municipal.wuhu',
  provincial_reviewer: 'provincial',
  expert: 'expert.wuhu',
  finance: 'finance.wuhu',
  unit: 'unit.wuhu',
  office: 'office.wuhu',
  admin: 'admin',
};

const demoUser = (username: string): DemoUser => {
  const user = findDemoUser(username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
};

const registryEnterprise = (district: string) => {
  const found = demoEnterprises.find((enterprise) => enterprise.district === district);
  if (!found) throw new Error(`no demo enterprise in ${district}`);
  return found;
};
const enterpriseJiujiang = registryEnterprise('jiujiang');
const enterpriseYijiang = registryEnterprise('yijiang');
const enterpriseAnqing = registryEnterprise('anqing_etdz');

/** Accounts the demo lacks, for targets in other districts and the other zone. */
const extraUsers = {
  enterpriseYijiang: {
    username: 'matrix.enterprise.yijiang',
    name: enterpriseYijiang.name.zh,
    role: 'enterprise',
    zone: 'wuhu',
    district: 'yijiang',
    orgId: enterpriseYijiang.uscc,
    orgName: enterpriseYijiang.name.zh,
  },
  enterpriseAnqing: {
    username: 'matrix.enterprise.anqing',
    name: enterpriseAnqing.name.zh,
    role: 'enterprise',
    zone: 'anqing',
    district: 'anqing_etdz',
    orgId: enterpriseAnqing.uscc,
    orgName: enterpriseAnqing.name.zh,
  },
  districtYijiang: {
    username: 'matrix.district.yijiang',
    name: '弋江区商务局审核员',
    role: 'district_reviewer',
    zone: 'wuhu',
    district: 'yijiang',
  },
  financeAnqing: { username: 'matrix.finance.anqing', name: '安庆市财政局', role: 'finance', zone: 'anqing' },
  officeAnqing: {
    username: 'matrix.office.anqing',
    name: '安庆综试区领导小组办公室',
    role: 'office',
    zone: 'anqing',
  },
  unitAnqing: {
    username: 'matrix.unit.anqing',
    name: '安庆海关',
    role: 'unit',
    zone: 'anqing',
    orgId: 'unit-anqing-customs',
    orgName: '安庆海关',
  },
  traineeOther: {
    username: 'matrix.trainee.other',
    name: '李学员',
    role: 'trainee',
    zone: 'wuhu',
    district: 'jinghu',
    orgId: 'person-matrix-other',
  },
} satisfies Record<string, DemoUser>;

type AppKey =
  | 'parkWuhu'
  | 'parkJinghu'
  | 'parkCertWuhu'
  | 'parkCertAnqing'
  | 'claimJiujiang'
  | 'claimYijiang'
  | 'claimAnqing'
  | 'registrationOwn'
  | 'registrationOther'
  | 'supervisionCustoms'
  | 'supervisionCommerce';

type TaskKey =
  | 'revisionWuhu'
  | 'revisionJinghu'
  | 'confirmationOwn'
  | 'confirmationOther'
  | 'districtJiujiang'
  | 'districtYijiang'
  | 'municipalWuhu'
  | 'municipalAnqing'
  | 'provincialWuhu'
  | 'provincialAnqing'
  | 'expertOwn'
  | 'expertOther'
  | 'disbursementWuhu'
  | 'disbursementAnqing'
  | 'acceptanceCustoms'
  | 'acceptanceCommerce'
  | 'reassignmentWuhu'
  | 'reassignmentAnqing';

type Zone = 'wuhu' | 'anqing';
type EnterpriseKey = 'jiujiang' | 'yijiang' | 'anqing';

interface AppFixture {
  id: string;
  /** The form as submitted, resent by the resubmit cases. */
  form: Record<string, unknown>;
  /** A file bound to the application, when it has one. */
  attachmentId?: string;
}

interface TaskFixture {
  id: string;
  /** A decision valid for the task's stage, so an allowed caller meets the task's state, not a 400. */
  body: Record<string, unknown>;
}

interface Fixtures {
  apps: Record<AppKey, AppFixture>;
  tasks: Record<TaskKey, TaskFixture>;
  sessions: Record<Zone, { code: string; body: Record<string, unknown>; firstDay: string }>;
  imports: Record<Zone, { id: string; body: Record<string, unknown> }>;
  draftPolicies: Record<Zone, { code: string; body: Record<string, unknown> }>;
  /** Enterprises outside the registry, whitelisted by the setup's imports; the credit-entry cases' subjects. */
  unlistedUscc: Record<Zone, string>;
  /** An application whose public notice has closed. */
  closedNoticeId: string;
}

const uscc: Record<EnterpriseKey, string> = {
  jiujiang: enterpriseJiujiang.uscc,
  yijiang: enterpriseYijiang.uscc,
  anqing: enterpriseAnqing.uscc,
};
const FIGURES_MONTH = '2025-06';
const figuresBody = {
  amountsCny: {
    B2B: { export: 1_200_000, import: 0 },
    B2C: { export: 350_000, import: 80_000 },
    B2B2C: { export: 0, import: 20_000 },
  },
};
const supervisionDueDate = `${demoPolicyYear + 1}-06-30`;

const approve = { outcome: 'APPROVE' };
const scoring = {
  outcome: 'SUBMIT',
  data: { scores: { planning: 17, facilities: 21, enterprises: 25, management: 21 } },
};

let fx: Fixtures;
const tokens = new Map<Caller, string | undefined>();
const clients = {} as Record<Role, ApiClient>;

// --- setup helpers -------------------------------------------------------------------------------------

let nextSerial = 0;
/** Distinct numbers for invoices, resident IDs and names, so no fixture collides with another. */
const serial = () => {
  nextSerial += 1;
  return nextSerial;
};

const signIn = async (user: DemoUser) =>
  new ApiClient(local.cloud.apiUrl, await local.cloud.issueToken(user));

const expectStatus = (what: string, reply: { status: number; body: unknown }, ...statuses: number[]) => {
  if (!statuses.includes(reply.status)) {
    throw new Error(`setup: ${what} answered ${reply.status} ${JSON.stringify(reply.body)}`);
  }
};

const submitted = async (client: ApiClient, program: string, form: Record<string, unknown>) => {
  const reply = await client.post<{ application: { id: string } }>('/applications', { program, form });
  expectStatus(`submitting ${program}`, reply, 201);
  return reply.body.application.id;
};

/** Waits for the application's task at `stage` in the client's inbox and decides it; the task's id. */
const decided = async (
  client: ApiClient,
  applicationId: string,
  stage: string,
  body: Record<string, unknown>,
  { timeoutMs = 90_000, orConflict = false } = {},
): Promise<TaskFixture> => {
  const task = await waitForTask(client, applicationId, stage, timeoutMs);
  const reply = await client.post(`/tasks/${task.taskId}/decision`, body);
  // A confirmation that times out first (three working days of engine time) is still the task it was.
  expectStatus(`deciding ${stage} of ${applicationId}`, reply, ...(orConflict ? [200, 409] : [200]));
  return { id: task.taskId, body };
};

const withdrawn = async (client: ApiClient, applicationId: string) =>
  expectStatus(
    `withdrawing ${applicationId}`,
    await client.post(`/applications/${applicationId}/withdraw`, { reason: '矩阵测试夹具' }),
    200,
  );

const put = async (client: ApiClient, path: string, body: unknown) => {
  const reply = await client.put(path, body);
  expectStatus(`PUT ${path}`, reply, 200, 201);
  return reply;
};

/** Municipal certification (district, municipality, panel, inspection, notice), then a provincial application rejected at the provincial review. */
const certifiedPark = async (
  actors: { park: ApiClient; district: ApiClient; municipal: ApiClient; experts: ApiClient[] },
  provincial: ApiClient,
  parkName: string,
) => {
  const form = sampleParkForm({ parkName }) as unknown as Record<string, unknown>;
  const id = await submitted(actors.park, 'PARK_CERT', form);
  await decided(actors.district, id, 'DISTRICT_REVIEW', approve);
  const municipal = await decided(actors.municipal, id, 'MUNICIPAL_REVIEW', approve);
  const members = await Promise.all(
    actors.experts.map((expert) => decided(expert, id, 'EXPERT_SCORING', scoring)),
  );
  await decided(actors.municipal, id, 'SITE_INSPECTION', {
    outcome: 'APPROVE',
    data: {
      date: chinaDay(),
      inspectors: ['张核查', '李核查'],
      findings: '园区场地、入驻企业与申报材料一致。',
      passed: true,
    },
  });
  const certified = await waitForStatus(actors.park, id, 'APPROVED', 120_000);
  const number = certified.certificate?.number;
  if (!number) throw new Error(`setup: ${parkName} was certified without a number`);
  const provincialId = await submitted(
    actors.park,
    'PARK_CERT',
    sampleParkForm({
      parkName,
      level: 'PROVINCIAL',
      municipalCertificateNumber: number,
    }) as unknown as Record<string, unknown>,
  );
  await decided(actors.municipal, provincialId, 'MUNICIPAL_RECOMMENDATION', approve);
  const provincialReview = await decided(provincial, provincialId, 'PROVINCIAL_REVIEW', {
    outcome: 'REJECT',
    comment: '矩阵测试：暂不具备省级条件',
  });
  return { app: { id, form }, municipal, members, provincialReview };
};

/** A park application returned for revision, then withdrawn: its revision task is the applicant's. */
const returnedPark = async (park: ApiClient, district: ApiClient, parkName: string) => {
  const form = sampleParkForm({ parkName }) as unknown as Record<string, unknown>;
  const id = await submitted(park, 'PARK_CERT', form);
  await decided(district, id, 'DISTRICT_REVIEW', { outcome: 'RETURN', comment: '请补充入驻企业名单。' });
  const revision = await waitForTask(park, id, 'DISTRICT_REVISION');
  await withdrawn(park, id);
  return { app: { id, form }, revision: { id: revision.taskId, body: approve } };
};

const claimForm = async (enterprise: ApiClient, policyCode: string) => {
  const attachments = await uploadRequiredDocuments(enterprise, policyCode);
  const first = attachments[0];
  if (!first) throw new Error(`setup: policy ${policyCode} requires no documents`);
  const form = { ...sampleSubsidyForm({ policyCode, invoiceSerials: [31_000_000 + serial()] }), attachments };
  return { form: form as unknown as Record<string, unknown>, attachmentId: first.attachmentId };
};

/** A SUBSIDY claim through district and municipal review, the notice and finance's disbursement. */
const paidClaim = async (
  actors: { enterprise: ApiClient; district: ApiClient; municipal: ApiClient; finance: ApiClient },
  policyCode: string,
) => {
  const { form, attachmentId } = await claimForm(actors.enterprise, policyCode);
  const id = await submitted(actors.enterprise, 'SUBSIDY', form);
  const district = await decided(actors.district, id, 'DISTRICT_REVIEW', approve);
  await waitForTask(actors.municipal, id, 'MUNICIPAL_REVIEW');
  const { body } = await actors.municipal.get<{
    application: { assessment?: { amount?: { amountCny?: number } } };
  }>(`/applications/${id}`);
  const amountCny = body.application.assessment?.amount?.amountCny;
  if (amountCny === undefined) throw new Error(`setup: claim ${id} has no computed amount`);
  await decided(actors.municipal, id, 'MUNICIPAL_REVIEW', {
    outcome: 'APPROVE',
    data: { approvedAmountCny: amountCny },
  });
  const disbursement = await decided(
    actors.finance,
    id,
    'DISBURSEMENT',
    { outcome: 'APPROVE', data: { date: chinaDay(), amountCny, voucherNumber: `MATRIX-${serial()}` } },
    { timeoutMs: 120_000 },
  );
  return { app: { id, form, attachmentId }, district, disbursement };
};

/** A registration for a session that needs the employer's confirmation, confirmed, then withdrawn. */
const confirmedRegistration = async (
  trainee: ApiClient,
  employer: ApiClient,
  sessionCode: string,
  employerUscc: string,
) => {
  const form = sampleRegistration(sessionCode, 9_000 + serial(), {
    category: 'ENTERPRISE_STAFF',
    employerUscc,
    employerName: '矩阵测试工作单位',
  });
  const id = await submitted(trainee, 'TRAINING', form);
  const confirmation = await decided(employer, id, 'EMPLOYER_CONFIRMATION', approve, { orConflict: true });
  await withdrawn(trainee, id);
  return { app: { id, form }, confirmation };
};

const supervisionForm = (unitCode: string, targetCode?: string) => ({
  title: `矩阵测试督办事项 ${unitCode}`,
  description: '推进跨境电商监管服务改革，按月报告进展情况与存在问题。',
  unitCode,
  dueDate: supervisionDueDate,
  reportingPeriod: 'MONTHLY',
  ...(targetCode !== undefined ? { targetCode } : {}),
});

/** A supervision task whose unit asked to be replaced and whose office refused. */
const reassignmentRefused = async (office: ApiClient, unit: ApiClient, form: Record<string, unknown>) => {
  const id = await submitted(office, 'SUPERVISION', form);
  const acceptance = await decided(unit, id, 'ACCEPTANCE', {
    outcome: 'RETURN',
    comment: '该事项不属本单位职能，请改派。',
  });
  const reassignment = await decided(office, id, 'REASSIGNMENT', {
    outcome: 'REJECT',
    comment: '维持原责任单位。',
  });
  return { app: { id, form }, acceptance, reassignment };
};

const creditCsv = (unlisted: string) =>
  Buffer.from(
    `\uFEFF统一社会信用代码,企业名称,原因,来源,开始日期,结束日期\n${unlisted},矩阵测试企业,纳税信用A级,商务局,${demoPolicyYear}-01-01,\n`,
  ).toString('base64');

const expertBody = (zone: Zone, district: string) => ({
  name: '矩阵测试专家',
  zone,
  district,
  specialties: ['跨境电商园区运营'],
  conflictOrgIds: [],
  // Never drawn: the pools of the certification flows stay as the demo has them.
  active: false,
});

const buildFixtures = async (): Promise<Fixtures> => {
  const apiUrl = local.cloud.apiUrl;
  await loadDemoExperts(apiUrl);
  await loadDemoRegistry(apiUrl);

  const login = (username: string) => signIn(demoUser(username));
  const extra = Object.fromEntries(
    await Promise.all(Object.entries(extraUsers).map(async ([key, user]) => [key, await signIn(user)])),
  ) as Record<keyof typeof extraUsers, ApiClient>;
  const [parkJinghu, parkAnqing, districtJinghu, districtAnqing, municipalAnqing, commerce] =
    await Promise.all(
      [
        'park.jinghu',
        'park.anqing',
        'district.jinghu',
        'district.anqing',
        'municipal.anqing',
        'unit.wuhu.commerce',
      ].map(login),
    );
  const wuhuExperts = await Promise.all(['expert.wuhu', 'expert.wuhu.3', 'expert.wuhu.5'].map(login));
  const anqingExperts = await Promise.all(
    ['expert.anqing.1', 'expert.anqing.2', 'expert.anqing.3'].map(login),
  );
  if (!parkJinghu || !parkAnqing || !districtJinghu || !districtAnqing || !municipalAnqing || !commerce) {
    throw new Error('setup: a demo account did not sign in');
  }
  const { admin, office } = clients;
  const year = demoPolicyYear;

  // Registry fixtures: draft policies, credit imports, figures, the experts the PUT cases write to.
  const draftPolicy = (zone: Zone) => {
    const source = demoPolicies.find((policy) => policy.zone === zone);
    if (!source) throw new Error(`setup: no demo policy in ${zone}`);
    const { code: _code, ...fields } = source;
    return {
      code: `${zone === 'wuhu' ? 'WH' : 'AQ'}-${year}-DR-01`,
      body: { ...fields, name: { zh: '矩阵测试草稿政策', en: 'Matrix draft policy' }, status: 'DRAFT' },
    };
  };
  const draftPolicies = { wuhu: draftPolicy('wuhu'), anqing: draftPolicy('anqing') };
  const unlistedUscc: Record<Zone, string> = {
    wuhu: composeUscc({
      authority: '9',
      organizationType: '1',
      divisionCode: '340207',
      organizationCodeBody: 'MA4MTX01',
    }),
    anqing: composeUscc({
      authority: '9',
      organizationType: '1',
      divisionCode: '340800',
      organizationCodeBody: 'MA4MTX02',
    }),
  };
  const registry = (async () => {
    for (const zone of ['wuhu', 'anqing'] as const) {
      await put(admin, `/policies/${draftPolicies[zone].code}`, draftPolicies[zone].body);
    }
    await put(admin, '/experts/matrix-expert-wuhu', expertBody('wuhu', 'jinghu'));
    for (const caller of callers) {
      await put(admin, `/experts/matrix-expert-anqing-${caller}`, expertBody('anqing', 'daguan'));
    }
    const imports = {} as Fixtures['imports'];
    for (const zone of ['wuhu', 'anqing'] as const) {
      const body = {
        list: 'WHITELIST',
        zone,
        fileName: `matrix-${zone}.csv`,
        contentBase64: creditCsv(unlistedUscc[zone]),
      };
      const reply = await admin.post<{ import: { id: string } }>('/credit-lists/imports', body);
      expectStatus(`importing the ${zone} whitelist`, reply, 201);
      imports[zone] = { id: reply.body.import.id, body };
    }
    for (const [client, enterprise] of [
      [clients.enterprise, uscc.jiujiang],
      [extra.enterpriseYijiang, uscc.yijiang],
      [extra.enterpriseAnqing, uscc.anqing],
    ] as const) {
      await put(client, `/statistics/figures/${enterprise}/${FIGURES_MONTH}`, figuresBody);
    }
    return imports;
  })();

  const parks = (async () => {
    const [wuhu, anqing, returnedWuhu, returnedJinghu] = await Promise.all([
      certifiedPark(
        {
          park: clients.park,
          district: clients.district_reviewer,
          municipal: clients.municipal_reviewer,
          experts: wuhuExperts,
        },
        clients.provincial_reviewer,
        '矩阵测试认定园区（芜湖）',
      ),
      certifiedPark(
        { park: parkAnqing, district: districtAnqing, municipal: municipalAnqing, experts: anqingExperts },
        clients.provincial_reviewer,
        '矩阵测试认定园区（安庆）',
      ),
      returnedPark(clients.park, clients.district_reviewer, '矩阵测试退回园区（鸠江）'),
      returnedPark(parkJinghu, districtJinghu, '矩阵测试退回园区（镜湖）'),
    ]);
    return { wuhu, anqing, returnedWuhu, returnedJinghu };
  })();

  const claims = (async () => {
    const [jiujiang, anqing, yijiang] = await Promise.all([
      paidClaim(
        {
          enterprise: clients.enterprise,
          district: clients.district_reviewer,
          municipal: clients.municipal_reviewer,
          finance: clients.finance,
        },
        `WH-${year}-OW-01`,
      ),
      paidClaim(
        {
          enterprise: extra.enterpriseAnqing,
          district: districtAnqing,
          municipal: municipalAnqing,
          finance: extra.financeAnqing,
        },
        `AQ-${year}-PF-01`,
      ),
      (async () => {
        const { form, attachmentId } = await claimForm(extra.enterpriseYijiang, `WH-${year}-OW-01`);
        const id = await submitted(extra.enterpriseYijiang, 'SUBSIDY', form);
        const district = await decided(extra.districtYijiang, id, 'DISTRICT_REVIEW', approve);
        await withdrawn(extra.enterpriseYijiang, id);
        return { app: { id, form, attachmentId }, district };
      })(),
    ]);
    return { jiujiang, anqing, yijiang };
  })();

  const training = (async () => {
    const session = (zone: Zone) => {
      const body = sampleTrainingSession({ zone, startInDays: 30, employerConfirmationRequired: true });
      return {
        code: `${zone === 'wuhu' ? 'WH' : 'AQ'}-${body.startsAt.slice(0, 4)}-PX90`,
        body: body as unknown as Record<string, unknown>,
        firstDay: body.startsAt.slice(0, 10),
      };
    };
    const sessions = { wuhu: session('wuhu'), anqing: session('anqing') };
    await put(office, `/training/sessions/${sessions.wuhu.code}`, sessions.wuhu.body);
    await put(admin, `/training/sessions/${sessions.anqing.code}`, sessions.anqing.body);
    const [own, other] = await Promise.all([
      confirmedRegistration(clients.trainee, clients.enterprise, sessions.wuhu.code, uscc.jiujiang),
      confirmedRegistration(extra.traineeOther, extra.enterpriseYijiang, sessions.wuhu.code, uscc.yijiang),
    ]);
    return { sessions, own, other };
  })();

  const supervision = (async () => {
    const [customs, anqing, commerceTask] = await Promise.all([
      reassignmentRefused(office, clients.unit, supervisionForm('WH_CUSTOMS', 'transaction_value')),
      reassignmentRefused(extra.officeAnqing, extra.unitAnqing, supervisionForm('AQ_CUSTOMS')),
      (async () => {
        const form = supervisionForm('WH_COMMERCE', 'transaction_value');
        const id = await submitted(office, 'SUPERVISION', form);
        const acceptance = await decided(commerce, id, 'ACCEPTANCE', approve);
        return { app: { id, form }, acceptance };
      })(),
    ]);
    return { customs, anqing, commerce: commerceTask };
  })();

  const [imports, park, claim, trainingFx, supervisionFx] = await Promise.all([
    registry,
    parks,
    claims,
    training,
    supervision,
  ]);
  const [memberOwn, memberOther] = park.wuhu.members;
  if (!memberOwn || !memberOther) throw new Error('setup: the Wuhu panel has fewer than two members');
  return {
    apps: {
      parkWuhu: park.returnedWuhu.app,
      parkJinghu: park.returnedJinghu.app,
      parkCertWuhu: park.wuhu.app,
      parkCertAnqing: park.anqing.app,
      claimJiujiang: claim.jiujiang.app,
      claimYijiang: claim.yijiang.app,
      claimAnqing: claim.anqing.app,
      registrationOwn: trainingFx.own.app,
      registrationOther: trainingFx.other.app,
      supervisionCustoms: supervisionFx.customs.app,
      supervisionCommerce: supervisionFx.commerce.app,
    },
    tasks: {
      revisionWuhu: park.returnedWuhu.revision,
      revisionJinghu: park.returnedJinghu.revision,
      confirmationOwn: trainingFx.own.confirmation,
      confirmationOther: trainingFx.other.confirmation,
      districtJiujiang: claim.jiujiang.district,
      districtYijiang: claim.yijiang.district,
      municipalWuhu: park.wuhu.municipal,
      municipalAnqing: park.anqing.municipal,
      provincialWuhu: park.wuhu.provincialReview,
      provincialAnqing: park.anqing.provincialReview,
      expertOwn: memberOwn,
      expertOther: memberOther,
      disbursementWuhu: claim.jiujiang.disbursement,
      disbursementAnqing: claim.anqing.disbursement,
      acceptanceCustoms: supervisionFx.customs.acceptance,
      acceptanceCommerce: supervisionFx.commerce.acceptance,
      reassignmentWuhu: supervisionFx.customs.reassignment,
      reassignmentAnqing: supervisionFx.anqing.reassignment,
    },
    sessions: trainingFx.sessions,
    imports,
    draftPolicies,
    unlistedUscc,
    closedNoticeId: park.wuhu.app.id,
  };
};

beforeAll(async () => {
  for (const role of Object.keys(accountOf) as Role[]) {
    const token = await local.cloud.issueToken(demoUser(accountOf[role]));
    tokens.set(role, token);
    clients[role] = new ApiClient(local.cloud.apiUrl, token);
  }
  tokens.set('anonymous', undefined);
  fx = await buildFixtures();
}, 240_000);

// --- the targets: what "own" and "other" mean, route by route ------------------------------------------

const zoneFor = (scope: Scope): Zone => (scope === 'own' ? 'wuhu' : 'anqing');

/**
 * An application in the caller's own scope, and one outside it: its own organization's / another's
 * (applicants; a unit: the supervision task it answers / another unit's), its district's / another
 * district's (district reviewer), a panel it sits on / another panel (expert), Wuhu / Anqing (zone-wide
 * and province-wide roles). The reviewers' targets are SUBSIDY claims, which carry files.
 */
const applicationFor = (caller: Caller, scope: Scope): AppFixture => {
  const own: Partial<Record<Caller, AppKey>> = {
    park: 'parkWuhu',
    enterprise: 'claimJiujiang',
    trainee: 'registrationOwn',
    expert: 'parkCertWuhu',
    unit: 'supervisionCustoms',
  };
  const other: Partial<Record<Caller, AppKey>> = {
    park: 'parkJinghu',
    enterprise: 'claimYijiang',
    trainee: 'registrationOther',
    district_reviewer: 'claimYijiang',
    expert: 'parkCertAnqing',
    unit: 'supervisionCommerce',
  };
  return fx.apps[
    (scope === 'own' ? own[caller] : other[caller]) ?? (scope === 'own' ? 'claimJiujiang' : 'claimAnqing')
  ];
};

/**
 * A task assigned to the caller's role in its scope, and one assigned to its role outside it. Every one
 * was decided during setup (the applicants' revision tasks cancelled by a withdrawal), so an allowed claim
 * or decision meets 409 and changes nothing. Roles that are
 * never assigned a task get: a trainee, the employer's confirmation of its own registration / of another
 * trainee's; an administrator, the office's task in Wuhu / in Anqing.
 */
const taskFor = (caller: Caller, scope: Scope): TaskFixture => {
  const pairs: Record<Caller, [TaskKey, TaskKey]> = {
    park: ['revisionWuhu', 'revisionJinghu'],
    enterprise: ['confirmationOwn', 'confirmationOther'],
    trainee: ['confirmationOwn', 'confirmationOther'],
    district_reviewer: ['districtJiujiang', 'districtYijiang'],
    municipal_reviewer: ['municipalWuhu', 'municipalAnqing'],
    provincial_reviewer: ['provincialWuhu', 'provincialAnqing'],
    expert: ['expertOwn', 'expertOther'],
    finance: ['disbursementWuhu', 'disbursementAnqing'],
    unit: ['acceptanceCustoms', 'acceptanceCommerce'],
    office: ['reassignmentWuhu', 'reassignmentAnqing'],
    admin: ['reassignmentWuhu', 'reassignmentAnqing'],
    anonymous: ['districtJiujiang', 'districtYijiang'],
  };
  const [own, other] = pairs[caller];
  return fx.tasks[scope === 'own' ? own : other];
};

/**
 * An enterprise whose records (registry entry, figures, credit) are in the caller's scope: the demo
 * enterprise of 鸠江, Wuhu (the `enterprise.wuhu` account's own). Outside it: for the enterprise itself
 * and a district reviewer, another Wuhu enterprise in 弋江; for everyone else the Anqing one.
 */
const enterpriseFor = (caller: Caller, scope: Scope): string =>
  uscc[
    scope === 'own'
      ? 'jiujiang'
      : caller === 'enterprise' || caller === 'district_reviewer'
        ? 'yijiang'
        : 'anqing'
  ];

interface MatrixRequest {
  method: HttpMethod;
  path: string;
  body?: unknown;
  /** The client address to send from (the objection route limits objections per address). */
  sourceAddress?: string;
  /** A 404 with this message means the scoped record was readable (see `classify`). */
  innerNotFound?: string;
}

type Target = (caller: Caller, scope: Scope) => MatrixRequest | Promise<MatrixRequest>;

const get =
  (path: (caller: Caller, scope: Scope) => string): Target =>
  (caller, scope) => ({ method: 'GET', path: path(caller, scope) });
const byZone = (path: string): Target => get((_caller, scope) => `${path}?zone=${zoneFor(scope)}`);
const unscoped =
  (method: HttpMethod, path: string, body?: unknown): Target =>
  () => ({
    method,
    path,
    ...(body !== undefined ? { body } : {}),
  });

/** A valid application of the caller's own program (a park application for roles that have none). */
const newApplication = async (caller: Caller) => {
  switch (caller) {
    case 'enterprise':
      return {
        program: 'SUBSIDY',
        form: (await claimForm(clients.enterprise, `WH-${demoPolicyYear}-OW-01`)).form,
      };
    case 'trainee':
      return {
        program: 'TRAINING',
        form: sampleRegistration(fx.sessions.wuhu.code, 9_000 + serial(), {
          category: 'ENTERPRISE_STAFF',
          employerUscc: uscc.jiujiang,
          employerName: '矩阵测试工作单位',
        }),
      };
    case 'office':
      return { program: 'SUPERVISION', form: supervisionForm('WH_TAX') };
    default:
      return { program: 'PARK_CERT', form: sampleParkForm({ parkName: `矩阵测试新申请园区 ${serial()}` }) };
  }
};

const targets: Record<string, Target> = {
  'GET /programs': unscoped('GET', '/programs'),
  // No scope to choose: the owner of a new application is always the caller's own organization and zone.
  'POST /applications': async (caller) => ({
    method: 'POST',
    path: '/applications',
    body: await newApplication(caller),
  }),
  'POST /attachments': unscoped('POST', '/attachments', {
    fileName: 'matrix-evidence.pdf',
    contentType: 'application/pdf',
    sizeBytes: 2_048,
    sha256: createHash('sha256').update('matrix-evidence').digest('base64'),
  }),
  // The application's own file where it has one; otherwise a file of another application, which a reader
  // of this one is told is absent (`innerNotFound`), and anyone else that the application is.
  'GET /applications/{id}/attachments/{attachmentId}': (caller, scope) => {
    const application = applicationFor(caller, scope);
    const file = application.attachmentId ?? fx.apps.claimJiujiang.attachmentId;
    return {
      method: 'GET',
      path: `/applications/${application.id}/attachments/${file}`,
      innerNotFound: 'Attachment not found',
    };
  },
  'GET /applications': unscoped('GET', '/applications'),
  'GET /applications/{id}': get((caller, scope) => `/applications/${applicationFor(caller, scope).id}`),
  // Most targets have no certificate: a reader gets 409 NO_CERTIFICATE, an expert its panel's PDF.
  'GET /applications/{id}/certificate': get(
    (caller, scope) => `/applications/${applicationFor(caller, scope).id}/certificate`,
  ),
  'GET /applications/{id}/history': get(
    (caller, scope) => `/applications/${applicationFor(caller, scope).id}/history`,
  ),
  // Every applicant's target is closed (withdrawn, or paid): the applicant meets 409, nothing changes.
  'POST /applications/{id}/resubmit': (caller, scope) => {
    const application = applicationFor(caller, scope);
    return {
      method: 'POST',
      path: `/applications/${application.id}/resubmit`,
      body: { form: application.form, comment: '矩阵测试补正' },
    };
  },
  'POST /applications/{id}/withdraw': (caller, scope) => ({
    method: 'POST',
    path: `/applications/${applicationFor(caller, scope).id}/withdraw`,
    body: { reason: '矩阵测试撤回' },
  }),
  'GET /inbox': unscoped('GET', '/inbox'),
  'GET /notifications': unscoped('GET', '/notifications'),
  'GET /experts': byZone('/experts'),
  // Own: an expert of Wuhu. Other: an expert of Anqing (one per caller, so the cases are independent),
  // written with the caller's own zone in the body, as an office taking them over would send it.
  'PUT /experts/{userId}': (caller, scope) => ({
    method: 'PUT',
    path: scope === 'own' ? '/experts/matrix-expert-wuhu' : `/experts/matrix-expert-anqing-${caller}`,
    body: expertBody('wuhu', 'jinghu'),
  }),
  // The file imported during setup: an allowed import finds it done (200) and writes nothing new.
  'POST /credit-lists/imports': (_caller, scope) => ({
    method: 'POST',
    path: '/credit-lists/imports',
    body: fx.imports[zoneFor(scope)].body,
  }),
  'GET /credit-lists/imports/{id}': get(
    (_caller, scope) => `/credit-lists/imports/${fx.imports[zoneFor(scope)].id}`,
  ),
  'GET /credit-lists/{list}': byZone('/credit-lists/WHITELIST'),
  'PUT /credit-lists/{list}/{uscc}': (_caller, scope) => ({
    method: 'PUT',
    path: `/credit-lists/WHITELIST/${fx.unlistedUscc[zoneFor(scope)]}`,
    body: {
      enterpriseName: '矩阵测试企业',
      zone: zoneFor(scope),
      reason: '纳税信用A级',
      source: '商务局',
      startDate: `${demoPolicyYear}-01-01`,
    },
  }),
  // Credit entries are kept per zone: a zone-scoped reader asks about any enterprise and is shown its own
  // zone's entries only (docs/architecture.md, "Credit lists"), so the other enterprise is not a refusal.
  'GET /enterprises/{uscc}/credit': get(
    (caller, scope) => `/enterprises/${enterpriseFor(caller, scope)}/credit`,
  ),
  'GET /supervision/board': byZone('/supervision/board'),
  'GET /audit': byZone('/audit'),
  'GET /audit/export.xlsx': byZone('/audit/export.xlsx'),
  'GET /enterprises': byZone('/enterprises'),
  'GET /enterprises/{uscc}': get((caller, scope) => `/enterprises/${enterpriseFor(caller, scope)}`),
  // Without a version: an allowed write of an existing enterprise is 409 ALREADY_EXISTS. Other: the Anqing
  // enterprise, with the caller's own zone in the body (a take-over).
  'PUT /enterprises/{uscc}': (_caller, scope) => {
    const { uscc: target, ...fields } = scope === 'own' ? enterpriseJiujiang : enterpriseAnqing;
    return {
      method: 'PUT',
      path: `/enterprises/${target}`,
      body: { ...fields, zone: 'wuhu', district: 'jiujiang' },
    };
  },
  'GET /policies': byZone('/policies'),
  'GET /policies/{code}': get((_caller, scope) => `/policies/${fx.draftPolicies[zoneFor(scope)].code}`),
  'GET /policies/{code}/budget': get(
    (_caller, scope) => `/policies/${fx.draftPolicies[zoneFor(scope)].code}/budget`,
  ),
  'PUT /policies/{code}': (_caller, scope) => ({
    method: 'PUT',
    path: `/policies/${fx.draftPolicies[zoneFor(scope)].code}`,
    body: fx.draftPolicies[zoneFor(scope)].body,
  }),
  // The demo caps exist: an allowed write without a version is 409 ALREADY_EXISTS.
  'PUT /policy-caps/{zone}/{year}': (_caller, scope) => {
    const cap = demoPolicyCaps.find((candidate) => candidate.zone === zoneFor(scope));
    return {
      method: 'PUT',
      path: `/policy-caps/${zoneFor(scope)}/${demoPolicyYear}`,
      body: { perEnterpriseAnnualCapCny: cap?.perEnterpriseAnnualCapCny ?? 1_000_000 },
    };
  },
  'GET /dashboard': byZone('/dashboard'),
  // The month was reported during setup: an allowed report without a version is 409 ALREADY_EXISTS.
  'PUT /statistics/figures/{uscc}/{month}': (caller, scope) => ({
    method: 'PUT',
    path: `/statistics/figures/${enterpriseFor(caller, scope)}/${FIGURES_MONTH}`,
    body: figuresBody,
  }),
  'GET /statistics/figures/{uscc}/{month}': get(
    (caller, scope) => `/statistics/figures/${enterpriseFor(caller, scope)}/${FIGURES_MONTH}`,
  ),
  'POST /statistics/rebuild': unscoped('POST', '/statistics/rebuild'),
  'POST /tasks/{taskId}/claim': (caller, scope) => ({
    method: 'POST',
    path: `/tasks/${taskFor(caller, scope).id}/claim`,
  }),
  'POST /tasks/{taskId}/decision': (caller, scope) => {
    const task = taskFor(caller, scope);
    return { method: 'POST', path: `/tasks/${task.id}/decision`, body: task.body };
  },
  'GET /training/sessions': byZone('/training/sessions'),
  'GET /training/sessions/{code}': get(
    (_caller, scope) => `/training/sessions/${fx.sessions[zoneFor(scope)].code}`,
  ),
  // The session exists: an allowed write without a version is 409 ALREADY_EXISTS.
  'PUT /training/sessions/{code}': (_caller, scope) => ({
    method: 'PUT',
    path: `/training/sessions/${fx.sessions[zoneFor(scope)].code}`,
    body: fx.sessions[zoneFor(scope)].body,
  }),
  'GET /training/sessions/{code}/registrations': get(
    (_caller, scope) => `/training/sessions/${fx.sessions[zoneFor(scope)].code}/registrations`,
  ),
  'GET /training/sessions/{code}/registrations.xlsx': get(
    (_caller, scope) => `/training/sessions/${fx.sessions[zoneFor(scope)].code}/registrations.xlsx`,
  ),
  // The session's first day is a month ahead: an allowed record is 422 DAY_NOT_COME, nothing written.
  'PUT /training/sessions/{code}/attendance/{date}': (_caller, scope) => {
    const session = fx.sessions[zoneFor(scope)];
    return {
      method: 'PUT',
      path: `/training/sessions/${session.code}/attendance/${session.firstDay}`,
      body: { present: [] },
    };
  },
  'GET /public/notices': unscoped('GET', '/public/notices'),
  // A notice that has closed (409 NOTICE_NOT_OPEN, nothing written), each case from its own address.
  'POST /public/notices/{id}/objections': (caller, scope) => ({
    method: 'POST',
    path: `/public/notices/${fx.closedNoticeId}/objections`,
    body: { name: '王先生', contact: '13800000000', reason: '对该园区申报的入驻企业数量有异议，请核实。' },
    sourceAddress: `127.0.0.${10 + callers.indexOf(caller) * 2 + (scope === 'own' ? 0 : 1)}`,
  }),
};

// --- sending and reading --------------------------------------------------------------------------------

interface Reply {
  status: number;
  contentType: string;
  text: string;
  error?: { code?: string; message?: string };
}

/** node:http rather than fetch: it can choose the client address. */
const send = (request: MatrixRequest, token: string | undefined): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const url = new URL(`${local.cloud.apiUrl}${request.path}`);
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const outgoing = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        ...(request.sourceAddress ? { localAddress: request.sourceAddress } : {}),
        headers: {
          'accept-language': 'en',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const contentType = String(response.headers['content-type'] ?? '');
          const text = Buffer.concat(chunks).toString('utf8');
          let error: Reply['error'];
          if (contentType.includes('json')) {
            try {
              error = (JSON.parse(text) as { error?: Reply['error'] }).error;
            } catch {
              error = undefined;
            }
          }
          resolve({ status: response.statusCode ?? 0, contentType, text, ...(error ? { error } : {}) });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });

const summary = (reply: Reply) =>
  reply.contentType.includes('json')
    ? reply.text.slice(0, 400)
    : `<${reply.contentType}, ${reply.text.length} chars>`;

const routeKeys = apiRoutes.map((route) => `${route.method} ${route.path}`);

describe('the authorization matrix', () => {
  it('has exactly one entry, and one target, per route of the catalog', () => {
    const table = Object.keys(expectedMatrix).sort();
    expect(
      routeKeys.filter((key) => !table.includes(key)),
      'routes without an entry in the matrix',
    ).toEqual([]);
    expect(
      table.filter((key) => !routeKeys.includes(key)),
      'matrix entries naming no route',
    ).toEqual([]);
    expect(
      routeKeys.filter((key) => targets[key] === undefined),
      'routes without a target',
    ).toEqual([]);
    expect(
      Object.keys(knownBugs).filter(
        (key) =>
          !routeKeys.some((route) =>
            callers.some((caller) => scopes.some((scope) => caseKey(route, caller, scope) === key)),
          ),
      ),
      'known bugs naming no case',
    ).toEqual([]);
  });
});

describe.each(routeKeys)('%s', (routeKey) => {
  const expectation = expectedMatrix[routeKey];
  const replies = new Map<string, { request: MatrixRequest; reply: Reply } | { failure: unknown }>();

  beforeAll(async () => {
    const target = targets[routeKey];
    if (!expectation || !target) return;
    for (const caller of callers) {
      for (const scope of scopes) {
        try {
          const request = await target(caller, scope);
          replies.set(`${caller} ${scope}`, { request, reply: await send(request, tokens.get(caller)) });
        } catch (failure) {
          replies.set(`${caller} ${scope}`, { failure });
        }
      }
    }
  });

  if (!expectation) {
    it('has an entry in the authorization matrix', () => {
      throw new Error(`${routeKey} has no entry in authorization-matrix.ts`);
    });
    return;
  }

  const cases = callers.flatMap((caller) =>
    scopes.map((scope) => ({ caller, scope, expected: (expectation[caller] as CellExpectation)[scope] })),
  );
  for (const { caller, scope, expected } of cases) {
    const bug = knownBugs[caseKey(routeKey, caller, scope)];
    (bug ? it.fails : it)(`${caller} · ${scope} scope → ${expected}${bug ? ' (known bug)' : ''}`, () => {
      const sent = replies.get(`${caller} ${scope}`);
      if (!sent) throw new Error(`${routeKey} as ${caller} (${scope} scope): no request was sent`);
      if ('failure' in sent) throw sent.failure;
      const { request, reply } = sent;
      const what = `${routeKey} as ${caller} (${scope} scope): HTTP ${reply.status} ${summary(reply)}`;
      expect(reply.status, `${what}: a server error`).toBeLessThan(500);
      expect(classify(reply.status, reply.error, request.innerNotFound), what).toBe(expected);
    });
  }
});
