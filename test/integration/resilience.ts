import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { PutPolicyBody } from '../../domain/subsidy/policy.ts';
import { ApiClient, type ApiReply } from '../../local/api-client.ts';
import { chinaDay, chinaYear } from '../../local/china-today.ts';
import type { DemoUser } from '../../local/demo-users.ts';
import { sampleParkForm } from '../../local/park-demo.ts';
import { uploadSamplePdfs } from '../../local/sample-files.ts';
import { generatedEnterprise, sampleSubsidyForm } from '../../local/subsidy-demo.ts';
import { inspection, scoresTotalling } from './park-flow.ts';

/**
 * Shared by the fault-injection and crash tests: clients that retry like real ones, drivers that take
 * PARK_CERT and SUBSIDY applications down a path to its end, and the checks that must hold afterwards
 * (audit trails, tasks, certificate numbers, ledgers, statistics counters).
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ErrorBody {
  error?: { code?: string };
}

/** Counts of what the patient clients had to absorb, for the tests' reports. */
export const clientStats = { requests: 0, retried: 0, serverErrors: 0, networkErrors: 0 };

/** Transient answers a real client retries: server errors, throttling, a request still in progress. */
const isTransient = (reply: ApiReply<unknown>) =>
  reply.status >= 500 ||
  reply.status === 429 ||
  (reply.status === 409 && (reply.body as ErrorBody)?.error?.code === 'REQUEST_IN_PROGRESS');

const backoff = (attempt: number) => sleep(Math.min(2_000, 50 * 2 ** attempt));

/**
 * An API client that retries transient failures and lost connections with backoff, as the console's
 * HTTP layer or an integration would. Only for GETs and requests the API makes idempotent (submissions
 * carry an Idempotency-Key); decisions go through `decideTask`, which knows what a retry may answer.
 */
export class PatientClient extends ApiClient {
  /** Attempts per request; the crash test raises it to ride out a restart. */
  static attempts = 12;

  constructor(
    apiUrl: string,
    token: string,
    /** The signed-in user's id (`demo-<username>`), to find the tasks addressed to them. */
    readonly userId?: string,
  ) {
    super(apiUrl, token);
  }

  static async signIn(apiUrl: string, username: string): Promise<PatientClient> {
    return new PatientClient(apiUrl, await tokenOf(apiUrl, username), `demo-${username}`);
  }

  /** One attempt, no retry. */
  once<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiReply<T>> {
    clientStats.requests += 1;
    return super.request<T>(method, path, body, headers);
  }

  override async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiReply<T>> {
    let reply: ApiReply<T> | undefined;
    for (let attempt = 0; attempt < PatientClient.attempts; attempt += 1) {
      if (attempt > 0) {
        clientStats.retried += 1;
        await backoff(attempt);
      }
      try {
        reply = await this.once<T>(method, path, body, headers);
      } catch {
        // The local cloud restarting (crash test) or a connection reset: try again.
        clientStats.networkErrors += 1;
        continue;
      }
      if (!isTransient(reply)) return reply;
      if (reply.status >= 500) clientStats.serverErrors += 1;
    }
    if (!reply) throw new Error(`${method} ${path}: no answer after ${PatientClient.attempts} attempts`);
    return reply;
  }
}

/** Signs in through the local login (no DynamoDB behind it), retrying while the cloud is unreachable. */
export const tokenOf = async (apiUrl: string, username: string): Promise<string> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(`${apiUrl}/local/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      if (response.ok) return ((await response.json()) as { idToken: string }).idToken;
      throw new Error(`Login as ${username} failed with ${response.status}`);
    } catch (error) {
      if (attempt >= 60) throw error;
      await sleep(500);
    }
  }
};

export interface TaskView {
  taskId: string;
  stage: string;
  kind: string;
  status: string;
  assigneeUserId?: string;
  parentTaskId?: string;
  createdAt?: string;
  decision?: { outcome: string; decidedAt: string };
}

export interface ApplicationView {
  status: string;
  stage?: string;
  experts?: string[];
  certificate?: { number: string; sequence: number };
}

export const applicationOf = async (reader: PatientClient, id: string) =>
  (await reader.get<{ application: ApplicationView; tasks: TaskView[] }>(`/applications/${id}`)).body;

export const waitUntil = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
  intervalMs = 250,
) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
};

/**
 * Waits until the application has an open task at `stage` that `client` answers (a panel member's own
 * share of a panel stage), as the client sees it on the application.
 */
export const openTask = (client: PatientClient, applicationId: string, stage: string, timeoutMs = 90_000) =>
  waitUntil(
    `the ${stage} task of ${applicationId}`,
    async () => {
      const reply = await client.get<{ tasks?: TaskView[] }>(`/applications/${applicationId}`);
      return reply.body.tasks?.find(
        (candidate) =>
          candidate.stage === stage &&
          (candidate.status === 'OPEN' || candidate.status === 'CLAIMED') &&
          candidate.kind !== 'panel' &&
          (candidate.kind !== 'panel-member' || candidate.assigneeUserId === client.userId),
      );
    },
    timeoutMs,
    300,
  );

export interface DecisionRecord {
  applicationId: string;
  stage: string;
  outcome: string;
  /** A retry after a failed attempt found the task decided: the failed attempt had recorded it. */
  appliedByFailedAttempt: boolean;
}

/**
 * Decides the application's open task at `stage` as a real client would: a server error or a lost
 * connection is retried, and a retry answered "already decided" means the failed attempt went through
 * (nobody else decides these tasks).
 */
export const decideTask = async (
  client: PatientClient,
  applicationId: string,
  stage: string,
  outcome: string,
  extra: { comment?: string; data?: Record<string, unknown> } = {},
  taskTimeoutMs?: number,
): Promise<DecisionRecord> => {
  const task = await openTask(client, applicationId, stage, taskTimeoutMs);
  let failedBefore = false;
  for (let attempt = 0; attempt < PatientClient.attempts; attempt += 1) {
    if (attempt > 0) await backoff(attempt);
    let reply: ApiReply<ErrorBody>;
    try {
      reply = await client.once<ErrorBody>('POST', `/tasks/${task.taskId}/decision`, { outcome, ...extra });
    } catch {
      clientStats.networkErrors += 1;
      failedBefore = true;
      continue;
    }
    if (reply.status === 200) return { applicationId, stage, outcome, appliedByFailedAttempt: false };
    if (reply.status >= 500 || reply.status === 429) {
      clientStats.serverErrors += 1;
      failedBefore = true;
      continue;
    }
    if (reply.status === 409 && failedBefore && reply.body.error?.code === 'TASK_ALREADY_DECIDED') {
      return { applicationId, stage, outcome, appliedByFailedAttempt: true };
    }
    throw new Error(
      `Deciding ${stage} of ${applicationId}: ${reply.status} ${JSON.stringify(reply.body)} (attempt ${attempt + 1})`,
    );
  }
  throw new Error(
    `Deciding ${stage} of ${applicationId}: no answer after ${PatientClient.attempts} attempts`,
  );
};

// ---------------------------------------------------------------- paths

export type Path = 'park-approve' | 'park-reject' | 'subsidy-approve' | 'subsidy-reduce' | 'subsidy-reject';

export const expectedStatus: Record<Path, string> = {
  'park-approve': 'APPROVED',
  'park-reject': 'REJECTED',
  'subsidy-approve': 'APPROVED',
  'subsidy-reduce': 'APPROVED',
  'subsidy-reject': 'REJECTED',
};
export const programOf = (path: Path) => (path.startsWith('park') ? 'PARK_CERT' : 'SUBSIDY');
/** What finance pays (and the budget commits) per path; each claim asks for 10,000. */
export const amountOf: Partial<Record<Path, number>> = { 'subsidy-approve': 10_000, 'subsidy-reduce': 6_000 };

/** The test policies: 50 % of one invoice of 20,000, i.e. 10,000 per claim, within a large budget. */
export const testPolicy = (code: string, totalBudgetCny: number): PutPolicyBody => {
  const year = chinaYear();
  return {
    name: { zh: `容错测试政策 ${code}`, en: `Resilience test policy ${code}` },
    zone: 'wuhu',
    year,
    category: 'OVERSEAS_WAREHOUSE',
    subsidyRate: 0.5,
    perClaimCapCny: 10_000,
    perEnterpriseAnnualCapCny: 10_000,
    totalBudgetCny,
    requiredDocuments: [{ code: 'INVOICES', name: { zh: '费用发票', en: 'Invoices' } }],
    openDate: `${year}-01-01`,
    closeDate: `${year}-12-31`,
    overdraftPolicy: 'REFUSE',
    status: 'PUBLISHED',
  };
};

/** Who acts on the applications, and what the test wants to hear about as they go. */
export interface Driver {
  /** Reads any application (an administrator). */
  reader: PatientClient;
  park: PatientClient;
  district: PatientClient;
  municipal: PatientClient;
  finance: PatientClient;
  expert(userId: string): Promise<PatientClient>;
  /** Unique per test run: Idempotency-Keys are derived from it. */
  keyPrefix: string;
  onSubmitted?(id: string, path: Path): void;
  /** After each step the client completed: `submitted`, or the stage it decided. */
  onStep?(id: string, step: string): void;
  /** How long an application may take to reach its end once its last decision is in. */
  endTimeoutMs?: number;
  /** How long a decision may wait for its task to appear. */
  taskTimeoutMs?: number;
}

export interface Run {
  id: string;
  path: Path;
  uscc?: string;
  decisions: DecisionRecord[];
}

const submit = async (client: PatientClient, program: string, form: unknown, key: string) => {
  const reply = await client.post<{ application: { id: string } }>(
    '/applications',
    { program, form },
    { 'idempotency-key': key },
  );
  if (reply.status !== 201)
    throw new Error(`Submitting ${key}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.application.id;
};

export const waitForEnd = (reader: PatientClient, id: string, status: string, timeoutMs = 90_000) =>
  waitUntil(
    `${id} to reach ${status}`,
    async () => {
      const { application } = await applicationOf(reader, id);
      if (application.status === status) return application;
      if (['APPROVED', 'REJECTED', 'WITHDRAWN', 'TIMED_OUT'].includes(application.status)) {
        throw new Error(`${id} ended ${application.status}, expected ${status}`);
      }
      return undefined;
    },
    timeoutMs,
    400,
  );

const decideAs = async (
  driver: Driver,
  run: Run,
  client: PatientClient,
  stage: string,
  outcome: string,
  extra: { comment?: string; data?: Record<string, unknown> } = {},
) => {
  run.decisions.push(await decideTask(client, run.id, stage, outcome, extra, driver.taskTimeoutMs));
  driver.onStep?.(run.id, stage);
};

export const runPark = async (driver: Driver, path: Path, label: string): Promise<Run> => {
  const id = await submit(
    driver.park,
    'PARK_CERT',
    sampleParkForm({ parkName: `容错测试园区${label}` }),
    `${driver.keyPrefix}-park-${label}`,
  );
  driver.onSubmitted?.(id, path);
  driver.onStep?.(id, 'submitted');
  const run: Run = { id, path, decisions: [] };
  if (path === 'park-reject') {
    await decideAs(driver, run, driver.district, 'DISTRICT_REVIEW', 'REJECT', { comment: '园区材料不实' });
  } else {
    await decideAs(driver, run, driver.district, 'DISTRICT_REVIEW', 'APPROVE');
    await decideAs(driver, run, driver.municipal, 'MUNICIPAL_REVIEW', 'APPROVE');
    const members = await waitUntil(`the panel of ${id}`, async () => {
      const drawn = (await applicationOf(driver.reader, id)).application.experts;
      return drawn?.length ? drawn : undefined;
    });
    for (const [index, member] of members.entries()) {
      await decideAs(driver, run, await driver.expert(member), 'EXPERT_SCORING', 'SUBMIT', {
        data: scoresTotalling(80 + index * 5),
      });
    }
    await decideAs(driver, run, driver.municipal, 'SITE_INSPECTION', 'APPROVE', { data: inspection(true) });
  }
  await waitForEnd(driver.reader, id, expectedStatus[path], driver.endTimeoutMs);
  return run;
};

export interface Claimant {
  uscc: string;
  client: PatientClient;
}

export const runSubsidy = async (
  driver: Driver,
  path: Path,
  claimant: Claimant,
  policyCode: string,
  invoiceSerial: number,
  label: string,
): Promise<Run> => {
  const [invoices] = await uploadSamplePdfs(claimant.client, ['invoices.pdf']);
  const form = {
    ...sampleSubsidyForm({ policyCode, invoiceSerials: [invoiceSerial], invoiceAmountCny: 20_000 }),
    requestedAmountCny: 10_000,
    attachments: [{ documentCode: 'INVOICES', ...invoices }],
  };
  const id = await submit(claimant.client, 'SUBSIDY', form, `${driver.keyPrefix}-claim-${label}`);
  driver.onSubmitted?.(id, path);
  driver.onStep?.(id, 'submitted');
  const run: Run = { id, path, uscc: claimant.uscc, decisions: [] };
  if (path === 'subsidy-reject') {
    await decideAs(driver, run, driver.district, 'DISTRICT_REVIEW', 'REJECT', { comment: '发票与申报不符' });
  } else {
    const amountCny = amountOf[path] ?? 0;
    await decideAs(driver, run, driver.district, 'DISTRICT_REVIEW', 'APPROVE');
    await decideAs(driver, run, driver.municipal, 'MUNICIPAL_REVIEW', 'APPROVE', {
      data:
        amountCny < 10_000
          ? { approvedAmountCny: amountCny, reason: '部分费用不在支持范围' }
          : { approvedAmountCny: amountCny },
    });
    await decideAs(driver, run, driver.finance, 'DISBURSEMENT', 'APPROVE', {
      data: { date: chinaDay(), amountCny, voucherNumber: `WH-CZ-${label}` },
    });
  }
  await waitForEnd(driver.reader, id, expectedStatus[path], driver.endTimeoutMs);
  return run;
};

// ---------------------------------------------------------------- checks

export interface AuditEventView {
  seq: number;
  action: string;
  stage?: string;
  eventKey?: string;
  data?: Record<string, unknown>;
}

export interface HistoryReply {
  audit: AuditEventView[];
  chain: { valid: boolean; brokenAt: number | null };
  execution: { at: string; type: string; state?: string; error?: string }[];
}

export const historyOf = async (reader: PatientClient, id: string) =>
  (await reader.get<HistoryReply>(`/applications/${id}/history`)).body;

/** Counts of each value, keys in order, so two multisets compare exactly. */
export const tally = (values: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of [...values].sort()) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

const inOrder = (counts: Record<string, number>) =>
  JSON.stringify(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
const sameCounts = (a: Record<string, number>, b: Record<string, number>) => inOrder(a) === inOrder(b);

/** The people who act in both resilience tests, signed in to `apiUrl`; experts on first use. */
export const signInDriver = async (
  apiUrl: string,
  options: Omit<Driver, 'reader' | 'park' | 'district' | 'municipal' | 'finance' | 'expert'>,
): Promise<Driver> => {
  const experts = new Map<string, Promise<PatientClient>>();
  return {
    reader: await PatientClient.signIn(apiUrl, 'admin'),
    park: await PatientClient.signIn(apiUrl, 'park.wuhu'),
    district: await PatientClient.signIn(apiUrl, 'district.jiujiang'),
    municipal: await PatientClient.signIn(apiUrl, 'municipal.wuhu'),
    finance: await PatientClient.signIn(apiUrl, 'finance.wuhu'),
    expert: (userId) => {
      const username = userId.replace(/^demo-/, '');
      const client = experts.get(username) ?? PatientClient.signIn(apiUrl, username);
      experts.set(username, client);
      return client;
    },
    ...options,
  };
};

/**
 * Runs paths for one test: each SUBSIDY claim by an enterprise registered for it (so each claim has its
 * own allowance ledger) with an invoice number of its own.
 */
export const pathRunner = (
  driver: Driver,
  apiUrl: string,
  issueToken: (user: DemoUser) => Promise<string>,
  { firstEnterprise, firstInvoice }: { firstEnterprise: number; firstInvoice: number },
) => {
  let nextEnterprise = firstEnterprise;
  let nextInvoice = firstInvoice;
  const newClaimant = async (): Promise<Claimant> => {
    const { user, body } = generatedEnterprise(nextEnterprise++);
    const reply = await driver.reader.put(`/enterprises/${user.orgId}`, body);
    if (reply.status !== 201) throw new Error(`Registering ${user.orgId}: ${reply.status}`);
    return { uscc: user.orgId as string, client: new PatientClient(apiUrl, await issueToken(user)) };
  };
  const run = (path: Path, label: string, policyCode: string, claimant?: Claimant) => {
    if (!path.startsWith('subsidy')) return runPark(driver, path, label);
    if (!claimant) throw new Error(`${path} needs a claimant`);
    nextInvoice += 1;
    return runSubsidy(driver, path, claimant, policyCode, nextInvoice, label);
  };
  /** One run of each path, undisturbed: the exact audit trail and tasks to expect of each. */
  const runReferences = (policyCode: string) =>
    Promise.all(
      (['park-approve', 'park-reject', 'subsidy-approve', 'subsidy-reduce', 'subsidy-reject'] as const).map(
        async (path, index) =>
          run(path, `R${index}`, policyCode, path.startsWith('subsidy') ? await newClaimant() : undefined),
      ),
    );
  return { newClaimant, run, runReferences };
};

/** Powertools' JSON log lines among a process's stderr text; other lines are left out. */
export const logLinesOf = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{"level":'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
/** What a path's audit trail and tasks look like, learnt from a reference run of it. */
export interface Expectations {
  audit: Map<Path, Record<string, number>>;
  /** Tasks by stage, the panel members' shares aside; every one ends decided, so also decisions by stage. */
  tasks: Map<Path, Record<string, number>>;
}

export const learnExpectations = async (reader: PatientClient, references: readonly Run[]) => {
  const expectations: Expectations = { audit: new Map(), tasks: new Map() };
  for (const run of references) {
    const history = await historyOf(reader, run.id);
    expectations.audit.set(run.path, tally(history.audit.map((event) => event.action)));
    const { tasks } = await applicationOf(reader, run.id);
    expectations.tasks.set(
      run.path,
      tally(tasks.filter((task) => task.kind !== 'panel-member').map((task) => task.stage)),
    );
  }
  return expectations;
};

/**
 * What must hold of one finished application: the expected end; the audit chain verifies, its sequence
 * numbers run 1..n, no event key appears twice, the actions are exactly the reference's multiset (so a
 * duplicated and a lost event both show); no task is left open and there are exactly the reference's
 * tasks; the execution succeeded. Returns the problems found and the step failures its Retry absorbed.
 */
export const applicationProblems = async (reader: PatientClient, run: Run, expectations: Expectations) => {
  const problems: string[] = [];
  const { id } = run;
  // The application may show its end while the execution is still finishing (e.g. retrying its last
  // step after the result was lost): wait for the execution to end, whichever way.
  const history = await waitUntil(
    `the execution of ${id} to end`,
    async () => {
      const current = await historyOf(reader, id);
      return /^Execution(Succeeded|Failed|TimedOut|Aborted)$/.test(current.execution.at(-1)?.type ?? '')
        ? current
        : undefined;
    },
    30_000,
  ).catch(() => historyOf(reader, id));
  const { application, tasks } = await applicationOf(reader, id);
  if (application.status !== expectedStatus[run.path]) {
    problems.push(`${id}: ${application.status}, expected ${expectedStatus[run.path]}`);
  }
  if (!history.chain.valid) problems.push(`${id}: audit chain broken at ${history.chain.brokenAt}`);
  const seqs = history.audit.map((event) => event.seq);
  if (seqs.some((seq, index) => seq !== index + 1)) problems.push(`${id}: audit sequence ${seqs.join(',')}`);
  const repeated = Object.entries(tally(history.audit.map((event) => event.eventKey ?? ''))).filter(
    ([, count]) => count > 1,
  );
  if (repeated.length > 0) problems.push(`${id}: event keys written twice ${JSON.stringify(repeated)}`);
  const actions = tally(history.audit.map((event) => event.action));
  const expectedActions = expectations.audit.get(run.path) ?? {};
  if (!sameCounts(actions, expectedActions)) {
    const names = [...new Set([...Object.keys(actions), ...Object.keys(expectedActions)])].sort();
    const differences = names
      .filter((name) => (actions[name] ?? 0) !== (expectedActions[name] ?? 0))
      .map((name) => `${name} ${actions[name] ?? 0} (expected ${expectedActions[name] ?? 0})`);
    problems.push(`${id}: audit actions differ: ${differences.join('; ')} — trail: ${trail(history)}`);
  }
  const open = tasks.filter((task) => task.status === 'OPEN' || task.status === 'CLAIMED');
  if (open.length > 0) problems.push(`${id}: tasks left open ${JSON.stringify(open)}`);
  const stages = tally(tasks.filter((task) => task.kind !== 'panel-member').map((task) => task.stage));
  if (!sameCounts(stages, expectations.tasks.get(run.path) ?? {})) {
    problems.push(
      `${id}: tasks by stage ${JSON.stringify(stages)}, expected ${JSON.stringify(expectations.tasks.get(run.path))}`,
    );
  }
  const last = history.execution.at(-1)?.type;
  if (last !== 'ExecutionSucceeded') problems.push(`${id}: execution ended with ${last}`);
  const stepFailures = history.execution.filter(
    (event) => event.type === 'TaskFailed' || event.type === 'LambdaFunctionFailed',
  ).length;
  return { problems, stepFailures, auditEvents: history.audit.length };
};

const trail = (history: HistoryReply) =>
  history.audit
    .map(
      (event) =>
        `${event.seq}:${event.action}${event.stage ? `@${event.stage}` : ''}${event.data?.taskId ? `(${String(event.data.taskId)})` : ''}`,
    )
    .join(' ');

const clock = (iso: string | undefined) => (iso ? iso.slice(11, 23) : '-');

/** A one-paragraph account of an application, for the test's output when something is wrong with it. */
export const describeApplication = async (reader: PatientClient, id: string, path: Path) => {
  const { application, tasks } = await applicationOf(reader, id);
  const history = await historyOf(reader, id);
  return [
    `${path} ${id}: ${application.status}/${application.stage}`,
    `  tasks ${tasks
      .map(
        (task) =>
          `${task.stage}/${task.kind}/${task.status}(${task.taskId}${task.parentTaskId ? ` of ${task.parentTaskId}` : ''}) created ${clock(task.createdAt)}${task.decision ? ` decided ${clock(task.decision.decidedAt)}` : ''}`,
      )
      .join('; ')}`,
    `  audit ${trail(history)}`,
    `  execution ${history.execution
      .slice(-24)
      .map(
        (event) =>
          `${clock(event.at)} ${event.type}${event.state ? `(${event.state})` : ''}${event.error ? `!${event.error}` : ''}`,
      )
      .join(' | ')}`,
  ].join('\n');
};

export type Scan = (
  filter: string,
  values: Record<string, unknown>,
  names?: Record<string, string>,
) => Promise<Record<string, unknown>[]>;

/** Scans the table behind the API directly (dynalite, no injected faults). */
export const scanner =
  (documents: DynamoDBDocumentClient, tableName: string): Scan =>
  async (filter, values, names) => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: filter,
          ExpressionAttributeValues: values,
          ...(names ? { ExpressionAttributeNames: names } : {}),
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };

export const itemsOfType = (scan: Scan, type: string) =>
  scan('#type = :type', { ':type': type }, { '#type': 'type' });

export interface LedgerItem {
  pk: string;
  sk: string;
  ledger: string;
  totalCny: number;
  availableCny: number;
  reservedCny: number;
  committedCny: number;
  reservations?: Record<string, number>;
  commitments?: Record<string, number>;
}

/** available + reserved + committed = total, nothing overdrawn, and the per-claim shares add up. */
export const ledgerProblems = (ledger: LedgerItem): string[] => {
  const problems: string[] = [];
  const sum = (shares: Record<string, number> | undefined) =>
    Object.values(shares ?? {}).reduce((total, amount) => total + amount, 0);
  const { availableCny, reservedCny, committedCny, totalCny } = ledger;
  if (availableCny + reservedCny + committedCny !== totalCny) {
    problems.push(`${ledger.ledger}: ${availableCny} + ${reservedCny} + ${committedCny} ≠ ${totalCny}`);
  }
  if (availableCny < 0) problems.push(`${ledger.ledger}: overdrawn (${availableCny})`);
  if (sum(ledger.reservations) !== reservedCny) {
    problems.push(
      `${ledger.ledger}: reservations add up to ${sum(ledger.reservations)}, reserved ${reservedCny}`,
    );
  }
  if (sum(ledger.commitments) !== committedCny) {
    problems.push(
      `${ledger.ledger}: commitments add up to ${sum(ledger.commitments)}, committed ${committedCny}`,
    );
  }
  return problems;
};

/**
 * The platform-wide side effects of finished runs: one certificate number per approved park, gapless
 * from 1, each in the register once and on its application; every ledger adds up; the policy's budget
 * and each of its claimants' allowances committed exactly the paid amounts and hold nothing; no
 * application exists that no run submitted.
 */
export const tableProblems = async (
  scan: Scan,
  reader: PatientClient,
  runs: readonly Run[],
  { policyCode, budgetCny, claims }: { policyCode: string; budgetCny: number; claims: readonly Run[] },
) => {
  const problems: string[] = [];
  const approvedParks = runs.filter((run) => run.path === 'park-approve');
  const numbers = await itemsOfType(scan, 'SEQUENCE_NUMBER');
  const values = numbers.map((item) => Number(item.value)).sort((a, b) => a - b);
  if (JSON.stringify(values) !== JSON.stringify(approvedParks.map((_, index) => index + 1))) {
    problems.push(`certificate numbers ${values.join(',')} for ${approvedParks.length} approved parks`);
  }
  const owners = numbers.map((item) => String(item.ownerId)).sort();
  if (JSON.stringify(owners) !== JSON.stringify(approvedParks.map((run) => run.id).sort())) {
    problems.push(`certificate numbers owned by ${owners.join(',')}`);
  }
  const certificates = await scan('begins_with(pk, :cert)', { ':cert': 'CERT#' });
  const registered = certificates.map((item) => String(item.applicationId)).sort();
  if (JSON.stringify(registered) !== JSON.stringify(approvedParks.map((run) => run.id).sort())) {
    problems.push(`certificate register holds ${registered.join(',')}`);
  }
  for (const run of approvedParks) {
    const { application } = await applicationOf(reader, run.id);
    const owned = numbers.find((item) => item.ownerId === run.id);
    if (application.certificate?.sequence !== owned?.value) {
      problems.push(
        `${run.id}: certificate ${JSON.stringify(application.certificate)}, number ${String(owned?.value)}`,
      );
    }
  }

  const ledgers = (await itemsOfType(scan, 'LEDGER')) as unknown as LedgerItem[];
  for (const ledger of ledgers) problems.push(...ledgerProblems(ledger));
  const paid = Object.fromEntries(
    claims.filter((run) => amountOf[run.path]).map((run) => [run.id, amountOf[run.path] ?? 0]),
  );
  const paidTotal = Object.values(paid).reduce((sum, amount) => sum + amount, 0);
  const budget = ledgers.find((ledger) => ledger.pk === `POLICY#${policyCode}` && ledger.sk === 'BUDGET');
  const figures = budget && {
    totalCny: budget.totalCny,
    availableCny: budget.availableCny,
    reservedCny: budget.reservedCny,
    committedCny: budget.committedCny,
  };
  const expectedFigures = {
    totalCny: budgetCny,
    availableCny: budgetCny - paidTotal,
    reservedCny: 0,
    committedCny: paidTotal,
  };
  if (JSON.stringify(figures) !== JSON.stringify(expectedFigures)) {
    problems.push(
      `budget ${policyCode}: ${JSON.stringify(figures)}, expected ${JSON.stringify(expectedFigures)}`,
    );
  }
  if (
    JSON.stringify(tally(Object.keys(budget?.commitments ?? {}))) !== JSON.stringify(tally(Object.keys(paid)))
  ) {
    problems.push(`budget ${policyCode}: commitments ${JSON.stringify(budget?.commitments)}`);
  }
  for (const run of claims.filter((claim) => claim.uscc)) {
    const allowance = ledgers.find(
      (ledger) => ledger.pk === `POLICY#${policyCode}` && ledger.sk === `ALLOWANCE#${run.uscc}`,
    );
    const amount = amountOf[run.path];
    const expected = JSON.stringify(amount ? { [run.id]: amount } : {});
    if (
      JSON.stringify(allowance?.commitments ?? {}) !== expected ||
      Object.keys(allowance?.reservations ?? {}).length > 0
    ) {
      problems.push(`${run.id}: allowance ${JSON.stringify(allowance)}, expected commitments ${expected}`);
    }
  }
  const budgetView = (await reader.get<{ budget: Record<string, number> }>(`/policies/${policyCode}/budget`))
    .body.budget;
  if (JSON.stringify(budgetView) !== JSON.stringify(expectedFigures)) {
    problems.push(`GET /policies/${policyCode}/budget: ${JSON.stringify(budgetView)}`);
  }

  const applications = await itemsOfType(scan, 'APPLICATION');
  const known = new Set(runs.map((run) => run.id));
  const ghosts = applications.filter((item) => !known.has(String(item.id)));
  if (ghosts.length > 0) {
    problems.push(
      `applications no run submitted: ${JSON.stringify(ghosts.map((item) => [item.id, item.program, item.status, item.executionArn ?? null]))}`,
    );
  }
  return { problems, applications: applications.length, paidTotal };
};

/** Applications by program and status, and decisions by program and stage, as the counters name them. */
export const expectedCounters = (runs: readonly Run[], expectations: Expectations) => {
  const counters: Record<string, number> = {};
  const add = (name: string, delta: number) => {
    counters[name] = (counters[name] ?? 0) + delta;
  };
  for (const run of runs) {
    add(`apps#${programOf(run.path)}#${expectedStatus[run.path]}`, 1);
    for (const [stage, count] of Object.entries(expectations.tasks.get(run.path) ?? {})) {
      add(`stageDecided#${programOf(run.path)}#${stage}`, count);
    }
  }
  return Object.fromEntries(Object.entries(counters).sort(([a], [b]) => a.localeCompare(b)));
};

/** The zone's counters of applications and decisions: the sum of its district items, zeros left out. */
export const zoneCounters = async (scan: Scan, zone: string) => {
  const totals: Record<string, number> = {};
  for (const item of await scan('pk = :pk', { ':pk': `STATS#${zone}` })) {
    for (const [name, value] of Object.entries(item)) {
      if (typeof value === 'number' && (name.startsWith('apps#') || name.startsWith('stageDecided#'))) {
        totals[name] = (totals[name] ?? 0) + value;
      }
    }
  }
  return Object.fromEntries(
    Object.entries(totals)
      .filter(([, value]) => value !== 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
};

/** `a + b` per counter, zeros left out, keys in order. */
export const addCounters = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(
    [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .sort()
      .map((name) => [name, (a[name] ?? 0) + (b[name] ?? 0)] as const)
      .filter(([, value]) => value !== 0),
  );
