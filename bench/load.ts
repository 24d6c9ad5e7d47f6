/**
 * Load test (`npm run bench:load`): LOAD_CLIENTS concurrent clients (default 200) for LOAD_SECONDS (default
 * 60) through submit, inbox and decide on an in-memory local cloud, then a check that the store holds
 * exactly what the clients were told was accepted. Not a test: it prints figures, writes
 * bench/results/load.json and exits 0 (the verification verdict is in the output and the file).
 *
 * The cloud runs in this process; the clients run in a forked process (bench/load-client.ts), so they have
 * their own event loop and CPU and their latencies are what a client sees. See docs/performance.md.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/shared/keys.ts';
import { ApiClient } from '../local/api-client.ts';
import { chinaYear } from '../local/china-today.ts';
import { type LocalCloud, startLocalCloud } from '../local/cloud.ts';
import { loadDemoRegistry } from '../local/demo-registry.ts';
import { type DemoUser, findDemoUser } from '../local/demo-users.ts';
import { generatedEnterprise, sampleSubsidyForm } from '../local/subsidy-demo.ts';
import type { ClientSpec, LoadPlan, LoadReport, Operation } from './load-client.ts';
import { publishBenchPolicy } from './policy.ts';
import { elapsedMs, type LatencySummary, machineAtStart, summarize, withLoadAtEnd } from './stats.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200);
/** Pause after each answer; 0 (default) runs every client as a closed loop, as autocannon does. */
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 0);
/** Claims submitted and brought to district review before the run, so reviewers have work from the start. */
const BACKLOG = Number(process.env.LOAD_BACKLOG ?? 200);
/** Real time: no human-step deadline or notice expires during the run, scheduled functions keep their rates. */
const TIME_SCALE = 1;
const YEAR = chinaYear();
/** A policy without required documents (as bench/subsidy.ts), so a claim is one request. */
const POLICY = `WH-${YEAR}-LT-01`;
/** Small claims: CNY 300 each (30 % of a CNY 1,000 invoice), far below every cap however many are made. */
const INVOICE_CNY = 1_000;
const CLAIM_CNY = 300;
/** A reviewer whose share of the first inbox page is empty looks again after this long. */
const IDLE_MS = 1_000;
/** Generous: the local API has no integration timeout; answers slower than API Gateway's 30 s are counted apart. */
const TIMEOUT_MS = 120_000;
const API_GATEWAY_LIMIT_MS = 30_000;
const operations: readonly Operation[] = ['submit', 'inbox', 'decide'];

/** load.json for the default run (200 clients, 60 s, no think time); other settings get a file of their own. */
const resultsFile = join(
  dirname(fileURLToPath(import.meta.url)),
  'results',
  CLIENTS === 200 && SECONDS === 60 && THINK_MS === 0 && BACKLOG === 200
    ? 'load.json'
    : `load-${CLIENTS}c-${SECONDS}s${THINK_MS > 0 ? `-think${THINK_MS}` : ''}${BACKLOG !== 200 ? `-backlog${BACKLOG}` : ''}.json`,
);
const say = (message: string) => process.stdout.write(`${message}\n`);

/** Half the clients submit, 40 % review at the district, 10 % at the municipality (at least one of each). */
export const splitClients = (total: number) => {
  const municipal = Math.max(1, Math.round(total * 0.1));
  const submitters = Math.max(1, Math.round(total * 0.5));
  const district = Math.max(1, total - submitters - municipal);
  return { submitters, district, municipal };
};

const scanAll = async (documents: DynamoDBDocumentClient, tableName: string, type: string) => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': type },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/**
 * What the store holds against what the clients were told. `extra` items are split by what their client
 * heard: an ambiguous answer (5xx or none: the client cannot know) explains an item; a refusal (4xx) or
 * nothing at all does not.
 */
const reconcile = (
  told: readonly string[],
  stored: readonly { id: string; key: string }[],
  ambiguousKeys: readonly string[],
  refusedKeys: readonly string[] = [],
) => {
  const toldSet = new Set(told);
  const storedIds = new Set(stored.map((item) => item.id));
  const ambiguous = new Set(ambiguousKeys);
  const refused = new Set(refusedKeys);
  const missing = [...toldSet].filter((id) => !storedIds.has(id));
  const extra = stored.filter((item) => !toldSet.has(item.id));
  const afterAmbiguousAnswer = extra.filter((item) => ambiguous.has(item.key));
  const afterRefusal = extra.filter((item) => refused.has(item.key));
  const unexplained = extra.filter((item) => !ambiguous.has(item.key) && !refused.has(item.key));
  return {
    told: told.length,
    toldDistinct: toldSet.size,
    stored: storedIds.size,
    missing: missing.length,
    extra: extra.length,
    extraAfterAmbiguousAnswer: afterAmbiguousAnswer.length,
    extraAfterRefusal: afterRefusal.length,
    extraUnexplained: unexplained.length,
    ambiguousAnswers: ambiguous.size,
    missingSample: missing.slice(0, 5),
    unexplainedSample: unexplained.slice(0, 5).map((item) => item.id),
    /** The store holds exactly what the clients were told was accepted. */
    exact: missing.length === 0 && extra.length === 0 && toldSet.size === told.length,
    /** Nothing accepted is missing and nothing refused or unknown is stored (ambiguous answers aside). */
    consistent:
      missing.length === 0 &&
      afterRefusal.length === 0 &&
      unexplained.length === 0 &&
      toldSet.size === told.length,
  };
};

const countBy = (
  items: readonly Record<string, unknown>[],
  key: (item: Record<string, unknown>) => string,
) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

const runClients = (plan: LoadPlan): Promise<LoadReport> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_LOAD_CLIENT: '1' },
    });
    let report: LoadReport | undefined;
    child.once('message', (message) => {
      report = message as LoadReport;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (report) resolve(report);
      else reject(new Error(`the load client exited with ${code} and no report`));
    });
    child.send(plan);
  });

/** Registers the enterprises as admin and signs a token for each; the reviewers are demo accounts. */
const prepare = async (cloud: LocalCloud, admin: ApiClient, submitters: number) => {
  await publishBenchPolicy(admin, POLICY, {
    name: { zh: '压力测试政策', en: 'Load-test policy' },
    perEnterpriseAnnualCapCny: 10_000_000,
    totalBudgetCny: 10_000_000_000,
  });
  const tokens: string[] = [];
  for (let offset = 0; offset < submitters; offset += 25) {
    const batch = Array.from({ length: Math.min(25, submitters - offset) }, (_, index) => offset + index);
    tokens.push(
      ...(await Promise.all(
        batch.map(async (index) => {
          const { user, body } = generatedEnterprise(700_00 + index);
          const reply = await admin.put(`/enterprises/${user.orgId}`, body);
          if (reply.status !== 201)
            throw new Error(`enterprise: ${reply.status} ${JSON.stringify(reply.body)}`);
          return cloud.issueToken(user);
        }),
      )),
    );
  }
  return tokens;
};

const demoUser = (username: string): DemoUser => {
  const user = findDemoUser(username);
  if (!user) throw new Error(`No demo user ${username}`);
  return user;
};

/** Loads every handler on the path once (module import = cold start), outside the measured window. */
const warmUp = async (cloud: LocalCloud, enterpriseToken: string, districtToken: string) => {
  const enterprise = new ApiClient(cloud.apiUrl, enterpriseToken);
  const district = new ApiClient(cloud.apiUrl, districtToken);
  const form = {
    ...sampleSubsidyForm({ policyCode: POLICY, invoiceSerials: [99_000_001], invoiceAmountCny: INVOICE_CNY }),
    attachments: [],
  };
  const submitted = await enterprise.post<{ application: { id: string } }>('/applications', {
    program: 'SUBSIDY',
    form,
  });
  if (submitted.status !== 201) throw new Error(`warm-up submit: ${submitted.status}`);
  const id = submitted.body.application.id;
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const { body } = await district.get<{ items: { taskId: string; applicationId: string }[] }>(
      '/inbox?limit=100',
    );
    const task = body.items.find((item) => item.applicationId === id);
    if (task) {
      const decided = await district.post(`/tasks/${task.taskId}/decision`, { outcome: 'APPROVE' });
      if (decided.status !== 200) throw new Error(`warm-up decide: ${decided.status}`);
      return { applicationId: id, taskId: task.taskId };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('warm-up: the claim never reached the district inbox');
};

/** Submits the backlog (8 at a time, round-robin over the enterprises) and waits for its review tasks. */
const submitBacklog = async (cloud: LocalCloud, enterpriseTokens: readonly string[]) => {
  const clients = enterpriseTokens.map((token) => new ApiClient(cloud.apiUrl, token));
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < BACKLOG) {
        const index = next++;
        const client = clients[index % clients.length];
        if (!client) return;
        const form = {
          ...sampleSubsidyForm({
            policyCode: POLICY,
            invoiceSerials: [98_000_000 + index],
            invoiceAmountCny: INVOICE_CNY,
          }),
          attachments: [],
        };
        const reply = await client.post<{ application: { id: string } }>('/applications', {
          program: 'SUBSIDY',
          form,
        });
        if (reply.status !== 201)
          throw new Error(`backlog submit: ${reply.status} ${JSON.stringify(reply.body)}`);
        ids.push(reply.body.application.id);
      }
    }),
  );
  await cloud.stepFunctions.settled();
  return ids;
};

const main = async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const machine = machineAtStart();
  say(
    `load test: ${CLIENTS} clients for ${SECONDS} s, think time ${THINK_MS} ms; node ${machine.node}, ${machine.cpus} CPU(s)`,
  );
  const cloud = await startLocalCloud({ port: 0, dataDir: null, timeScale: TIME_SCALE, log: () => {} });
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: cloud.dynamodbEndpoint }));
  try {
    await loadDemoRegistry(cloud.apiUrl);
    const admin = await ApiClient.login(cloud.apiUrl, 'admin');
    const split = splitClients(CLIENTS);
    const enterpriseTokens = await prepare(cloud, admin, split.submitters);
    const districtTokens = await Promise.all(
      ['district.jiujiang', 'district.jiujiang.b'].map((name) => cloud.issueToken(demoUser(name))),
    );
    const municipalToken = await cloud.issueToken(demoUser('municipal.wuhu'));
    const warm = await warmUp(cloud, enterpriseTokens[0] ?? '', districtTokens[0] ?? '');
    const backlogStarted = process.hrtime.bigint();
    const backlog = await submitBacklog(cloud, enterpriseTokens);
    say(
      `  ${split.submitters} submitters (enterprises), ${split.district} district reviewers ` +
        `(2 demo accounts), ${split.municipal} municipal reviewers (municipal.wuhu); warm-up done; ` +
        `backlog of ${backlog.length} claims at district review (${(elapsedMs(backlogStarted) / 1000).toFixed(1)} s)`,
    );

    const clients: ClientSpec[] = [
      ...enterpriseTokens.map(
        (token, index): ClientSpec => ({
          kind: 'submitter',
          token,
          serialBase: 10_000_000 + index * 100_000,
        }),
      ),
      ...Array.from(
        { length: split.district },
        (_, share): ClientSpec => ({
          kind: 'reviewer',
          token: districtTokens[share % districtTokens.length] ?? '',
          stage: 'DISTRICT_REVIEW',
          share,
          shares: split.district,
          decision: { outcome: 'APPROVE' },
        }),
      ),
      ...Array.from(
        { length: split.municipal },
        (_, share): ClientSpec => ({
          kind: 'reviewer',
          token: municipalToken,
          stage: 'MUNICIPAL_REVIEW',
          share,
          shares: split.municipal,
          decision: { outcome: 'APPROVE', data: { approvedAmountCny: CLAIM_CNY } },
        }),
      ),
    ];

    const callsBefore = cloud.dynamodbCallCounts();
    const cpuBefore = process.cpuUsage();
    const eluBefore = performance.eventLoopUtilization();
    const wallStarted = process.hrtime.bigint();
    say(`  running for ${SECONDS} s …`);
    const report = await runClients({
      apiUrl: cloud.apiUrl,
      seconds: SECONDS,
      policyCode: POLICY,
      invoiceAmountCny: INVOICE_CNY,
      idleMs: IDLE_MS,
      thinkMs: THINK_MS,
      timeoutMs: TIMEOUT_MS,
      clients,
    });
    const serverCpu = process.cpuUsage(cpuBefore);
    const serverElu = performance.eventLoopUtilization(eluBefore).utilization;
    const wallMs = elapsedMs(wallStarted);
    const calls = cloud.dynamodbCallCounts();
    const dynamodbCalls = Object.fromEntries(
      Object.entries(calls).map(([operation, count]) => [operation, count - (callsBefore[operation] ?? 0)]),
    );

    // Let the workflows finish what the accepted requests started, then compare with the store.
    say('  waiting for the workflows to settle, then reading the table …');
    const settleStarted = process.hrtime.bigint();
    await Promise.race([
      cloud.stepFunctions.settled(),
      new Promise((resolve) => setTimeout(resolve, 120_000)),
    ]);
    const settleSeconds = Number((elapsedMs(settleStarted) / 1000).toFixed(1));
    const applications = await scanAll(documents, cloud.tableName, 'APPLICATION');
    const tasks = await scanAll(documents, cloud.tableName, 'TASK');
    const decidedTasks = tasks.filter((task) => task.decision !== undefined);
    const applicationCheck = reconcile(
      [warm.applicationId, ...backlog, ...report.acceptedApplications.map((accepted) => accepted.id)],
      applications.map((item) => ({
        id: String(item.id),
        key: String((item.form as { invoices?: { number?: string }[] }).invoices?.[0]?.number),
      })),
      report.ambiguousInvoices,
      report.refusedInvoices,
    );
    const decisionCheck = reconcile(
      [warm.taskId, ...report.acceptedDecisions],
      decidedTasks.map((item) => ({ id: String(item.taskId), key: String(item.taskId) })),
      report.ambiguousDecisions,
    );
    const budget = await documents.send(
      new GetCommand({ TableName: cloud.tableName, Key: keys.budget(POLICY) }),
    );
    const budgetBytes = budget.Item ? Buffer.byteLength(JSON.stringify(budget.Item)) : undefined;

    // Figures.
    const seconds = report.elapsedMs / 1000;
    const perOperation = Object.fromEntries(
      operations.map((operation) => {
        const record = report.operations[operation];
        const summary: LatencySummary = summarize(record.latencies);
        return [
          operation,
          {
            requests: record.latencies.length,
            perSecond: Number((record.latencies.length / seconds).toFixed(1)),
            latencyMs: summary,
            statuses: record.statuses,
            transportErrors: report.transportErrors[operation],
            overApiGatewayLimit: record.latencies.filter((ms) => ms > API_GATEWAY_LIMIT_MS).length,
          },
        ];
      }),
    ) as Record<
      Operation,
      {
        requests: number;
        perSecond: number;
        latencyMs: LatencySummary;
        statuses: Record<string, number>;
        transportErrors: number;
        overApiGatewayLimit: number;
      }
    >;
    const all = summarize(operations.flatMap((operation) => report.operations[operation].latencies));
    const expected: Record<Operation, string[]> = { submit: ['201'], inbox: ['200'], decide: ['200', '409'] };
    const errorsByStatus: Record<string, number> = {};
    for (const operation of operations) {
      for (const [status, count] of Object.entries(report.operations[operation].statuses)) {
        if (!expected[operation].includes(status))
          errorsByStatus[`${operation} ${status}`] = (errorsByStatus[`${operation} ${status}`] ?? 0) + count;
      }
      if (report.transportErrors[operation] > 0)
        errorsByStatus[`${operation} no answer`] = report.transportErrors[operation];
    }
    const errors = Object.values(errorsByStatus).reduce((sum, count) => sum + count, 0);
    const verdict =
      applicationCheck.exact && decisionCheck.exact
        ? 'PASS'
        : applicationCheck.consistent && decisionCheck.consistent
          ? 'CONSISTENT'
          : 'FAILED';

    say('');
    say('operation  requests    req/s   p50 ms   p90 ms   p99 ms   max ms  statuses');
    for (const operation of operations) {
      const row = perOperation[operation];
      say(
        `${operation.padEnd(9)}  ${String(row.requests).padStart(8)}  ${String(row.perSecond).padStart(7)}  ` +
          `${String(row.latencyMs.p50).padStart(7)}  ${String(row.latencyMs.p90).padStart(7)}  ` +
          `${String(row.latencyMs.p99).padStart(7)}  ${String(row.latencyMs.max).padStart(7)}  ${JSON.stringify(row.statuses)}`,
      );
    }
    say(
      `${'all'.padEnd(9)}  ${String(all.samples).padStart(8)}  ${String(Number((all.samples / seconds).toFixed(1))).padStart(7)}  ` +
        `${String(all.p50).padStart(7)}  ${String(all.p90).padStart(7)}  ${String(all.p99).padStart(7)}  ${String(all.max).padStart(7)}`,
    );
    say('');
    say(`errors (must be 0): ${errors} ${errors > 0 ? JSON.stringify(errorsByStatus) : ''}`);
    say(
      `decision conflicts (409, expected contention): ${report.conflicts.length}; ` +
        `inbox reads with nothing in the reader's share: ${report.idleReads}`,
    );
    const describe = (check: ReturnType<typeof reconcile>) =>
      `told accepted ${check.toldDistinct}, stored ${check.stored}, missing ${check.missing}, extra ${check.extra}` +
      (check.extra > 0
        ? ` (after an ambiguous 5xx/no answer ${check.extraAfterAmbiguousAnswer} of ${check.ambiguousAnswers}, ` +
          `after a refusal ${check.extraAfterRefusal}, unexplained ${check.extraUnexplained})`
        : '');
    say(`applications: ${describe(applicationCheck)}`);
    say(`decisions (decided tasks): ${describe(decisionCheck)}`);
    const slow = operations.reduce((sum, operation) => sum + perOperation[operation].overApiGatewayLimit, 0);
    say(`answers slower than API Gateway's 30 s integration limit (would be 504 in AWS): ${slow}`);
    say(
      `verification: ${verdict} (PASS: the store holds exactly what the clients were told was accepted; ` +
        'CONSISTENT: the same except items whose request got a 5xx or no answer; warm-up and backlog included)',
    );
    say(
      `server process CPU ${((serverCpu.user + serverCpu.system) / 1000 / wallMs).toFixed(2)} cores ` +
        `(event loop busy ${(100 * serverElu).toFixed(0)} %), ` +
        `client process ${(report.clientCpuMs / report.elapsedMs).toFixed(2)} cores, over ${seconds.toFixed(1)} s; ` +
        `workflows settled ${settleSeconds} s after the run`,
    );
    say(
      `applications by status/stage: ${JSON.stringify(countBy(applications, (a) => `${a.status}/${a.stage ?? '-'}`))}`,
    );
    if (budgetBytes !== undefined)
      say(`policy budget ledger item after the run: ${budgetBytes} bytes (JSON)`);
    if (report.samples.length > 0)
      say(`unexpected answers (first few): ${JSON.stringify(report.samples.slice(0, 5))}`);

    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(
      resultsFile,
      `${JSON.stringify(
        {
          benchmark: 'load',
          generatedAt: new Date().toISOString(),
          machine: withLoadAtEnd(machine),
          method: {
            clients: CLIENTS,
            split,
            seconds: SECONDS,
            timeScale: TIME_SCALE,
            idleMs: IDLE_MS,
            thinkMs: THINK_MS,
            backlog: BACKLOG,
            timeoutMs: TIMEOUT_MS,
            policy: POLICY,
            claimCny: CLAIM_CNY,
            loop: `closed: each client sends its next request ${THINK_MS} ms after the previous answer arrived`,
          },
          elapsedSeconds: Number(seconds.toFixed(2)),
          operations: perOperation,
          overall: {
            requests: all.samples,
            perSecond: Number((all.samples / seconds).toFixed(1)),
            latencyMs: all,
          },
          errors,
          errorsByStatus,
          conflicts: report.conflicts.length,
          idleReads: report.idleReads,
          verification: { verdict, applications: applicationCheck, decisions: decisionCheck },
          applicationsByStatus: countBy(applications, (a) => `${a.status}/${a.stage ?? '-'}`),
          dynamodbCalls,
          budgetLedgerBytes: budgetBytes,
          cpu: {
            serverCores: Number(((serverCpu.user + serverCpu.system) / 1000 / wallMs).toFixed(2)),
            clientCores: Number((report.clientCpuMs / report.elapsedMs).toFixed(2)),
            serverEventLoopUtilization: Number(serverElu.toFixed(3)),
          },
          settleSeconds,
          samples: report.samples,
        },
        null,
        2,
      )}\n`,
    );
    say(`\nwrote ${resultsFile}`);
  } finally {
    documents.destroy();
    await cloud.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
