/**
 * SUBSIDY throughput benchmark (`npm run bench:subsidy`, also part of `npm run bench`): claims per second
 * through the whole SUBSIDY path — submission, eligibility, budget hold, district and municipal review,
 * public notice, eligibility again, disbursement, budget commit — with decisions made by a script through
 * the HTTP API, and the DynamoDB writes each claim costs. Beside it, in the same process and against the
 * same dynalite, the raw PutItem rate: the ceiling any workflow on this store could reach.
 * Not a test: it prints figures, writes bench/results/subsidy.json and exits 0.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ApiClient } from '../local/api-client.ts';
import { chinaDay, chinaYear } from '../local/china-today.ts';
import { startLocalCloud } from '../local/cloud.ts';
import { loadDemoRegistry } from '../local/demo-registry.ts';
import { generatedEnterprise, sampleSubsidyForm } from '../local/subsidy-demo.ts';
import { publishBenchPolicy } from './policy.ts';
import { elapsedMs, type MetricRow, printTable, ratio, summarize } from './stats.ts';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 100);
const RAW_WRITES = Number(process.env.BENCH_RAW_WRITES ?? 5_000);
const RAW_CONCURRENCY = 16;
/** 100,000×: the five-working-day notice lasts about six seconds; human-step timeouts stay far away. */
const TIME_SCALE = 100_000;
const POLL_MS = 25;
/** A policy of the current year, open all year: the claims are made today, whatever day that is. */
const YEAR = chinaYear();
const POLICY = `WH-${YEAR}-BM-01`;
const WRITE_OPERATIONS = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'];
const READ_OPERATIONS = ['GetItem', 'Query', 'Scan', 'BatchGetItem'];

const resultsFile = join(dirname(fileURLToPath(import.meta.url)), 'results', 'subsidy.json');
const say = (message: string) => process.stdout.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface InboxTask {
  taskId: string;
  applicationId: string;
  stage: string;
}
interface ClaimView {
  status: string;
  createdAt: string;
  updatedAt: string;
  assessment?: { amount?: { amountCny: number }; approvedAmountCny?: number };
}

const sum = (counts: Record<string, number>, operations: readonly string[]) =>
  operations.reduce((total, operation) => total + (counts[operation] ?? 0), 0);

const difference = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after).map(([operation, count]) => [operation, count - (before[operation] ?? 0)]),
  );

/**
 * One scripted reviewer: reads its inbox like a person would (one page, every POLL_MS) and approves each
 * task of its stage, reading the application first when the decision needs its amount.
 */
const reviewer = (
  client: ApiClient,
  stage: string,
  decision: (claim: ClaimView, task: InboxTask) => Record<string, unknown>,
  running: () => boolean,
) =>
  (async () => {
    let decided = 0;
    while (running()) {
      const { body } = await client.get<{ items: InboxTask[] }>('/inbox?limit=100');
      const tasks = body.items.filter((task) => task.stage === stage);
      await Promise.all(
        tasks.map(async (task) => {
          const { body: view } = await client.get<{ application: ClaimView }>(
            `/applications/${task.applicationId}`,
          );
          const reply = await client.post(`/tasks/${task.taskId}/decision`, decision(view.application, task));
          if (reply.status === 200) decided += 1;
          else if (reply.status !== 409)
            throw new Error(`${stage}: ${reply.status} ${JSON.stringify(reply.body)}`);
        }),
      );
      if (tasks.length === 0) await sleep(POLL_MS);
    }
    return decided;
  })();

/** The raw write rate of the same dynalite: PutItem of items the size of an application, 16 in flight. */
const measureRawWrites = async (endpoint: string, tableName: string) => {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const payload = JSON.stringify(sampleSubsidyForm({ invoiceSerials: [1, 2, 3] }));
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: RAW_CONCURRENCY }, async () => {
      while (next < RAW_WRITES) {
        const index = next++;
        await documents.send(
          new PutCommand({ TableName: tableName, Item: { pk: `RAWBENCH#${index}`, sk: 'RAW', payload } }),
        );
      }
    }),
  );
  const seconds = elapsedMs(started) / 1000;
  documents.destroy();
  return {
    writes: RAW_WRITES,
    seconds: Number(seconds.toFixed(3)),
    perSecond: Math.round(RAW_WRITES / seconds),
  };
};

const main = async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const cloud = await startLocalCloud({ port: 0, dataDir: null, timeScale: TIME_SCALE, log: () => {} });
  try {
    await loadDemoRegistry(cloud.apiUrl);
    const admin = await ApiClient.login(cloud.apiUrl, 'admin');
    await publishBenchPolicy(admin, POLICY, {
      name: { zh: '基准测试政策', en: 'Benchmark policy' },
      perEnterpriseAnnualCapCny: 100_000,
      totalBudgetCny: 100_000_000,
    });
    const enterprises = await Promise.all(
      Array.from({ length: CLAIMS }, async (_, index) => {
        const { user, body } = generatedEnterprise(900_00 + index);
        const reply = await admin.put(`/enterprises/${user.orgId}`, body);
        if (reply.status !== 201)
          throw new Error(`enterprise: ${reply.status} ${JSON.stringify(reply.body)}`);
        return new ApiClient(cloud.apiUrl, await cloud.issueToken(user));
      }),
    );
    const district = await ApiClient.login(cloud.apiUrl, 'district.jiujiang');
    const municipal = await ApiClient.login(cloud.apiUrl, 'municipal.wuhu');
    const finance = await ApiClient.login(cloud.apiUrl, 'finance.wuhu');

    say(
      `SUBSIDY path: ${CLAIMS} claims at once, decisions scripted through the API (time scale ${TIME_SCALE}×)`,
    );
    const before = cloud.dynamodbCallCounts();
    const started = process.hrtime.bigint();
    let running = true;
    const isRunning = () => running;
    const amountOf = (claim: ClaimView) => claim.assessment?.amount?.amountCny ?? 0;
    const reviewers = [
      reviewer(district, 'DISTRICT_REVIEW', () => ({ outcome: 'APPROVE' }), isRunning),
      reviewer(
        municipal,
        'MUNICIPAL_REVIEW',
        (claim) => ({ outcome: 'APPROVE', data: { approvedAmountCny: amountOf(claim) } }),
        isRunning,
      ),
      reviewer(
        finance,
        'DISBURSEMENT',
        (claim, task) => ({
          outcome: 'APPROVE',
          data: {
            date: chinaDay(),
            amountCny: claim.assessment?.approvedAmountCny ?? amountOf(claim),
            voucherNumber: `BM-${task.taskId.slice(0, 12)}`,
          },
        }),
        isRunning,
      ),
    ];
    const ids = await Promise.all(
      enterprises.map(async (enterprise, index) => {
        const form = {
          ...sampleSubsidyForm({ policyCode: POLICY, invoiceSerials: [50_000_000 + index] }),
          attachments: [],
        };
        const reply = await enterprise.post<{ application: { id: string } }>('/applications', {
          program: 'SUBSIDY',
          form,
        });
        if (reply.status !== 201) throw new Error(`submit: ${reply.status} ${JSON.stringify(reply.body)}`);
        return reply.body.application.id;
      }),
    );
    // Done when the budget has committed every claim's amount (30 % of 100,000 each).
    for (;;) {
      const { body } = await admin.get<{ budget: { committedCny: number } }>(`/policies/${POLICY}/budget`);
      if (body.budget.committedCny >= CLAIMS * 30_000) break;
      await sleep(POLL_MS);
    }
    running = false;
    const decided = (await Promise.all(reviewers)).reduce((total, count) => total + count, 0);
    const seconds = elapsedMs(started) / 1000;
    const calls = difference(cloud.dynamodbCallCounts(), before);
    const latencies: number[] = [];
    for (const id of ids) {
      const { body } = await admin.get<{ application: ClaimView }>(`/applications/${id}`);
      if (body.application.status !== 'APPROVED') throw new Error(`${id} ended ${body.application.status}`);
      latencies.push(Date.parse(body.application.updatedAt) - Date.parse(body.application.createdAt));
    }
    const budget = await admin.get<{ budget: { committedCny: number } }>(`/policies/${POLICY}/budget`);

    say(`measuring the raw PutItem rate: ${RAW_WRITES} writes, ${RAW_CONCURRENCY} in flight`);
    const raw = await measureRawWrites(cloud.dynamodbEndpoint, cloud.tableName);

    const writes = sum(calls, WRITE_OPERATIONS);
    const reads = sum(calls, READ_OPERATIONS);
    const claimsPerSecond = Number((CLAIMS / seconds).toFixed(2));
    const writesPerClaim = Number((writes / CLAIMS).toFixed(1));
    const latency = summarize(latencies);
    const rows: MetricRow[] = [
      { metric: 'claims approved', value: CLAIMS, unit: '', target: '', status: 'info' },
      { metric: 'wall time', value: Number(seconds.toFixed(2)), unit: 's', target: '', status: 'info' },
      { metric: 'claims per second', value: claimsPerSecond, unit: '/s', target: '', status: 'info' },
      {
        metric: 'claim latency p50 (incl. ~6 s notice)',
        value: latency.p50,
        unit: 'ms',
        target: '',
        status: 'info',
      },
      { metric: 'claim latency p99', value: latency.p99, unit: 'ms', target: '', status: 'info' },
      { metric: 'DynamoDB writes per claim', value: writesPerClaim, unit: '', target: '', status: 'info' },
      {
        metric: 'DynamoDB reads per claim (incl. inbox polling)',
        value: Number((reads / CLAIMS).toFixed(1)),
        unit: '',
        target: '',
        status: 'info',
      },
      {
        metric: 'platform write rate',
        value: Math.round(writes / seconds),
        unit: '/s',
        target: '',
        status: 'info',
      },
      { metric: 'raw dynalite PutItem rate', value: raw.perSecond, unit: '/s', target: '', status: 'info' },
      {
        metric: 'platform writes / raw write rate',
        value: ratio(writes / seconds, raw.perSecond),
        unit: 'x',
        target: '',
        status: 'info',
      },
      {
        metric: 'claims/s ceiling at raw rate',
        value: Number((raw.perSecond / (writes / CLAIMS)).toFixed(1)),
        unit: '/s',
        target: '',
        status: 'info',
      },
    ];
    say('');
    printTable(rows, say);
    say(`\nDynamoDB calls during the run, by operation: ${JSON.stringify(calls)}`);
    say(
      `budget committed: CNY ${budget.body.budget.committedCny}; decisions made by the scripted reviewers: ${decided}`,
    );

    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(
      resultsFile,
      `${JSON.stringify(
        {
          benchmark: 'subsidy',
          generatedAt: new Date().toISOString(),
          machine: {
            node: process.version,
            cpus: availableParallelism(),
            cpuModel: cpus()[0]?.model ?? 'unknown',
          },
          method: {
            claims: CLAIMS,
            timeScale: TIME_SCALE,
            pollMs: POLL_MS,
            rawWrites: RAW_WRITES,
            rawConcurrency: RAW_CONCURRENCY,
          },
          calls,
          latency,
          raw,
          metrics: rows,
        },
        null,
        2,
      )}\n`,
    );
    say(`\nwrote ${resultsFile}`);
  } finally {
    await cloud.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
