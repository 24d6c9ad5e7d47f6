/**
 * AWS cost model (`npm run bench:cost`): runs one application of each program through the whole path on an
 * in-memory local cloud with scripted decisions, counts what it would be billed for — Step Functions state
 * transitions (StateEntered events of its execution history), Lambda invocations and their duration, HTTP API
 * requests, DynamoDB read and write request units (through bench/counting-proxy.ts), S3 requests, log
 * bytes — and multiplies by the public price list (PRICES below). Prints CNY per application against the
 * target of CNY 0.02 per park certification or subsidy claim; writes bench/results/cost.json; exits 0.
 *
 * Each program runs twice: once to load every handler (so import time is not counted as duration), then
 * measured. Set-up that serves many applications (a training session) is done before measuring. Scheduled
 * functions are held back during the flows (their cost does not depend on the number of applications) and
 * priced apart, per month, from one run each.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '../domain/shared/calendar.ts';
import { terminalStatuses } from '../domain/shared/program.ts';
import { COMPLETION_LEAD_DAYS } from '../domain/supervision/schedule.ts';
import { type PutTrainingSessionBody, sessionDays } from '../domain/training/session.ts';
import { apiRoutes, scheduledFunctions, stateMachines, stepFunctions } from '../functions/catalog.ts';
import { keys } from '../functions/shared/keys.ts';
import { handlerFunctionOptions } from '../infra/stacks/api-stack.ts';
import { ApiClient } from '../local/api-client.ts';
import { chinaDay } from '../local/china-today.ts';
import { type LocalCloud, startLocalCloud } from '../local/cloud.ts';
import { loadDemoRegistry } from '../local/demo-registry.ts';
import { findDemoUser } from '../local/demo-users.ts';
import { sampleParkForm } from '../local/park-demo.ts';
import { uploadSamplePdfs } from '../local/sample-files.ts';
import { loadDemoExperts } from '../local/seed.ts';
import { sampleSubsidyForm, uploadRequiredDocuments } from '../local/subsidy-demo.ts';
import { sampleRegistration, sampleTrainingSession } from '../local/training-demo.ts';
import { type ProxyCounts, startCountingProxy } from './counting-proxy.ts';
import { machineAtStart, withLoadAtEnd } from './stats.ts';

/**
 * Public on-demand prices, USD, first tier, AWS US East (N. Virginia), free tiers ignored, as published on
 * the pages named (read 2026-11). AWS China (Beijing, cn-north-1, operated by Sinnet) publishes its own
 * prices in CNY on amazonaws.cn; they could not be retrieved for this run, so USD prices are converted at
 * USD_TO_CNY and the report states how far China prices could exceed them before the target is missed.
 */
export const PRICES = {
  usdToCny: 7.2,
  /** https://aws.amazon.com/step-functions/pricing/ — Standard workflows, per 1,000 state transitions. */
  stepFunctionsPer1000Transitions: 0.025,
  /** https://aws.amazon.com/lambda/pricing/ — per 1M requests. */
  lambdaPerMillionRequests: 0.2,
  /** https://aws.amazon.com/lambda/pricing/ — Arm (Graviton2), per GB-second, first 7.5 billion GB-s. */
  lambdaArmPerGbSecond: 0.0000133334,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — Standard table class, per 1M write request units. */
  dynamodbPerMillionWriteUnits: 0.625,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — Standard table class, per 1M read request units. */
  dynamodbPerMillionReadUnits: 0.125,
  /** https://aws.amazon.com/api-gateway/pricing/ — HTTP APIs, first 300M requests a month, per 1M. */
  httpApiPerMillionRequests: 1.0,
  /** https://aws.amazon.com/cloudwatch/pricing/ — Logs ingestion (standard and vended), per GB. */
  cloudWatchLogsPerGbIngested: 0.5,
  /** https://aws.amazon.com/s3/pricing/ — S3 Standard, PUT/COPY/POST/LIST per 1,000 requests. */
  s3PutPer1000: 0.005,
  /** https://aws.amazon.com/s3/pricing/ — S3 Standard, GET/HEAD and others per 1,000 requests. */
  s3GetPer1000: 0.0004,
  /** https://aws.amazon.com/cloudwatch/pricing/ — standard-resolution alarm, per alarm-month. */
  cloudWatchAlarmPerMonth: 0.1,
  /** https://aws.amazon.com/cloudwatch/pricing/ — custom metric (EMF), first 10,000, per metric-month. */
  cloudWatchCustomMetricPerMonth: 0.3,
} as const;

const TARGET_CNY = 0.02;
/** The programs TARGET_CNY was set for; the others are priced without a target. */
const TARGETED_PROGRAMS: readonly string[] = ['PARK_CERT', 'SUBSIDY'];
/** infra/constructs/platform-function.ts: memorySize default (arm64); api-stack's handlerFunctionOptions override. */
const DEFAULT_MEMORY_MB = 512;
/** Lambda's START, END and REPORT lines per invocation (about this many bytes together). */
const PLATFORM_LOG_BYTES_PER_INVOCATION = 350;
/**
 * The Powertools EMF line an API handler logs per request (functions/shared/http.ts: Http<N>xx with the
 * service dimension). Metrics are disabled locally, so the size is an estimate.
 */
const EMF_LOG_BYTES_PER_API_REQUEST = 300;
const TIME_SCALE = 100_000;
const YEAR = Number(chinaDay().slice(0, 4));

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(projectRoot, 'bench', 'results', 'cost.json');
const coldStartFile = join(projectRoot, 'bench', 'results', 'cold-start.json');
const stdoutWrite = process.stdout.write.bind(process.stdout);
const say = (message: string) => stdoutWrite(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

// ------------------------------------------------------------------------------------------ recording

interface InvocationStats {
  count: number;
  ms: number;
  /** Sum of per-invocation durations rounded up to 1 ms, as Lambda bills them. */
  billedMs: number;
}

interface Recorder {
  invocations: Map<string, InvocationStats>;
  apiRequests: Map<string, number>;
  logBytes: number;
  allowScheduled: boolean;
  skippedScheduled: number;
}

const recorder: Recorder = {
  invocations: new Map(),
  apiRequests: new Map(),
  logBytes: 0,
  allowScheduled: false,
  skippedScheduled: 0,
};

const functionName = (nameOrArn: string) => {
  const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':').pop() ?? nameOrArn) : nameOrArn;
  return name.includes('/') ? name : `steps/${name}`;
};
const scheduledNames = new Set(scheduledFunctions.map((scheduled) => `steps/${scheduled.name}`));

/** Counts and times every Lambda invocation (API, workflow step, schedule) without touching local/. */
const instrument = (cloud: LocalCloud) => {
  const invoke = cloud.runtime.invoke.bind(cloud.runtime);
  cloud.runtime.invoke = async (nameOrArn: string, event: unknown) => {
    const name = functionName(nameOrArn);
    if (scheduledNames.has(name) && !recorder.allowScheduled) {
      recorder.skippedScheduled += 1;
      return {};
    }
    const started = process.hrtime.bigint();
    try {
      return await invoke(nameOrArn, event);
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const stats = recorder.invocations.get(name) ?? { count: 0, ms: 0, billedMs: 0 };
      stats.count += 1;
      stats.ms += ms;
      stats.billedMs += Math.ceil(ms);
      recorder.invocations.set(name, stats);
    }
  };
  // Handlers log as in AWS (POWERTOOLS_LOG_LEVEL=INFO); their JSON lines are counted, not printed.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      if (text.startsWith('{"level"')) {
        recorder.logBytes += Buffer.byteLength(text);
        const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
};

/** An ApiClient whose every request is counted as one HTTP API request (uploads to S3 are not). */
class CountingClient extends ApiClient {
  override request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const route = `${method} ${path.replace(/\?.*$/, '')}`;
    recorder.apiRequests.set(route, (recorder.apiRequests.get(route) ?? 0) + 1);
    return super.request<T>(method, path, body, headers);
  }
}

interface Snapshot {
  invocations: Map<string, InvocationStats>;
  apiRequests: number;
  logBytes: number;
  proxy: ProxyCounts;
}

const snapshot = (proxyCounts: () => ProxyCounts): Snapshot => ({
  invocations: new Map([...recorder.invocations].map(([name, stats]) => [name, { ...stats }])),
  apiRequests: [...recorder.apiRequests.values()].reduce((sum, count) => sum + count, 0),
  logBytes: recorder.logBytes,
  proxy: proxyCounts(),
});

const subtractRecord = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([key, value]) => [key, value - (before[key] ?? 0)] as const)
      .filter(([, value]) => value !== 0),
  );

// ------------------------------------------------------------------------------------------ usage

interface Usage {
  transitions: number;
  /** Step Functions' direct DynamoDB integrations (not through the proxy: estimated below). */
  directDynamodbCalls: number;
  historyEvents: number;
  historyBytes: number;
  invocations: Record<string, { count: number; ms: number; billedMs: number; memoryMb: number }>;
  apiRequests: number;
  dynamodb: {
    calls: Record<string, number>;
    readUnits: number;
    tableWriteUnits: number;
    indexWriteUnits: number;
    failedWriteUnits: number;
    directIntegrationWriteUnits: number;
    writeUnitsByKind: Record<string, number>;
    writesByItem: Record<string, number>;
  };
  s3: Record<string, number>;
  lambdaLogBytes: number;
}

const memoryOf = (name: string) =>
  name.startsWith('api/')
    ? (handlerFunctionOptions[name.slice(4)]?.memorySize ?? DEFAULT_MEMORY_MB)
    : DEFAULT_MEMORY_MB;

const usageBetween = (
  before: Snapshot,
  after: Snapshot,
): Omit<Usage, 'transitions' | 'directDynamodbCalls' | 'historyEvents' | 'historyBytes'> & {
  directIntegrationWriteUnits?: number;
} => {
  const invocations: Usage['invocations'] = {};
  for (const [name, stats] of after.invocations) {
    const previous = before.invocations.get(name) ?? { count: 0, ms: 0, billedMs: 0 };
    if (stats.count === previous.count) continue;
    invocations[name] = {
      count: stats.count - previous.count,
      ms: Number((stats.ms - previous.ms).toFixed(1)),
      billedMs: stats.billedMs - previous.billedMs,
      memoryMb: memoryOf(name),
    };
  }
  const calls: Record<string, number> = {};
  let readUnits = 0;
  let tableWriteUnits = 0;
  let indexWriteUnits = 0;
  let failedWriteUnits = 0;
  for (const [operation, counts] of Object.entries(after.proxy.dynamodb)) {
    const previous = before.proxy.dynamodb[operation];
    const delta = (field: keyof typeof counts) => counts[field] - (previous?.[field] ?? 0);
    if (delta('calls') === 0) continue;
    calls[operation] = delta('calls');
    readUnits += delta('readUnits');
    tableWriteUnits += delta('tableWriteUnits');
    indexWriteUnits += delta('indexWriteUnits');
    failedWriteUnits += delta('failedWriteUnits');
  }
  return {
    invocations,
    apiRequests: after.apiRequests - before.apiRequests,
    dynamodb: {
      calls,
      readUnits,
      tableWriteUnits,
      indexWriteUnits,
      failedWriteUnits,
      directIntegrationWriteUnits: 0,
      writeUnitsByKind: subtractRecord(after.proxy.writeUnitsByKind, before.proxy.writeUnitsByKind),
      writesByItem: subtractRecord(after.proxy.writesByItem, before.proxy.writesByItem),
    },
    s3: subtractRecord(after.proxy.s3, before.proxy.s3),
    lambdaLogBytes: after.logBytes - before.logBytes,
  };
};

// ------------------------------------------------------------------------------------------ pricing

interface Cost {
  stepFunctions: number;
  lambdaRequests: number;
  lambdaDuration: number;
  apiGateway: number;
  dynamodbReads: number;
  dynamodbWrites: number;
  s3: number;
  logs: number;
  total: number;
}

const priceOf = (usage: Usage, initMsOf?: (name: string) => number): Cost => {
  const cny = (usd: number) => usd * PRICES.usdToCny;
  const invocations = Object.entries(usage.invocations);
  const requests = invocations.reduce((sum, [, stats]) => sum + stats.count, 0);
  const gbSeconds = invocations.reduce(
    (sum, [name, stats]) =>
      sum + (stats.memoryMb / 1024) * ((stats.billedMs + stats.count * (initMsOf?.(name) ?? 0)) / 1000),
    0,
  );
  const writeUnits =
    usage.dynamodb.tableWriteUnits +
    usage.dynamodb.indexWriteUnits +
    usage.dynamodb.failedWriteUnits +
    usage.dynamodb.directIntegrationWriteUnits;
  const s3Puts = (usage.s3.PUT ?? 0) + (usage.s3.POST ?? 0);
  const s3Gets = Object.entries(usage.s3).reduce(
    (sum, [method, count]) => sum + (method === 'PUT' || method === 'POST' ? 0 : count),
    0,
  );
  const logBytes = usage.historyBytes + usage.lambdaLogBytes + requests * PLATFORM_LOG_BYTES_PER_INVOCATION;
  const cost = {
    stepFunctions: cny((usage.transitions / 1000) * PRICES.stepFunctionsPer1000Transitions),
    lambdaRequests: cny((requests / 1e6) * PRICES.lambdaPerMillionRequests),
    lambdaDuration: cny(gbSeconds * PRICES.lambdaArmPerGbSecond),
    apiGateway: cny((usage.apiRequests / 1e6) * PRICES.httpApiPerMillionRequests),
    dynamodbReads: cny((usage.dynamodb.readUnits / 1e6) * PRICES.dynamodbPerMillionReadUnits),
    dynamodbWrites: cny((writeUnits / 1e6) * PRICES.dynamodbPerMillionWriteUnits),
    s3: cny((s3Puts / 1000) * PRICES.s3PutPer1000 + (s3Gets / 1000) * PRICES.s3GetPer1000),
    logs: cny((logBytes / 2 ** 30) * PRICES.cloudWatchLogsPerGbIngested),
    total: 0,
  };
  cost.total = Object.entries(cost).reduce((sum, [key, value]) => (key === 'total' ? sum : sum + value), 0);
  return Object.fromEntries(
    Object.entries(cost).map(([key, value]) => [key, Number(value.toFixed(6))]),
  ) as unknown as Cost;
};

// ------------------------------------------------------------------------------------------ flows

interface TaskItem {
  taskId: string;
  stage: string;
  status: string;
  assigneeRole?: string;
  assigneeUserId?: string;
}
interface ApplicationItem {
  id: string;
  status: string;
  stage?: string;
  executionArn?: string;
  /** Earlier executions of a task that continued in a new one (SUPERVISION past its per-execution limits). */
  previousExecutions?: string[];
  assessment?: { amount?: { amountCny: number }; approvedAmountCny?: number };
}

type Decision = { outcome: string; data?: Record<string, unknown>; comment?: string };
interface Actor {
  username: (task: TaskItem) => string;
  /** Gets the deciding person's client, for what they upload with the decision (a completion's evidence). */
  decision: (
    application: ApplicationItem,
    task: TaskItem,
    client: CountingClient,
  ) => Decision | Promise<Decision>;
}

interface World {
  cloud: LocalCloud;
  documents: DynamoDBDocumentClient;
  sfn: SFNClient;
  clients: Map<string, CountingClient>;
}

const clientOf = async (world: World, username: string) => {
  const existing = world.clients.get(username);
  if (existing) return existing;
  const user = findDemoUser(username);
  if (!user) throw new Error(`No demo user ${username}`);
  const client = new CountingClient(world.cloud.apiUrl, await world.cloud.issueToken(user));
  world.clients.set(username, client);
  return client;
};

/** Read straight from dynalite (not through the proxy, so not counted): the test harness's own view. */
const stateOf = async (world: World, id: string) => {
  const { Item } = await world.documents.send(
    new GetCommand({ TableName: world.cloud.tableName, Key: keys.application(id) }),
  );
  const { Items = [] } = await world.documents.send(
    new QueryCommand({
      TableName: world.cloud.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :app AND begins_with(gsi2sk, :task)',
      ExpressionAttributeValues: { ':app': keys.tasksOfApplication(id), ':task': 'TASK#' },
    }),
  );
  return { application: Item as ApplicationItem, tasks: Items as TaskItem[] };
};

/**
 * Drives one application to its end: whenever its workflow waits for people, each open task is done the
 * way a person does it in the console — read the inbox once, open the application once, decide.
 */
const drive = async (world: World, id: string, actors: Record<string, Actor>) => {
  const handled = new Set<string>();
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${id} did not finish in time`);
    await world.cloud.stepFunctions.settled();
    const { application, tasks } = await stateOf(world, id);
    if (terminalStatuses.includes(application.status as (typeof terminalStatuses)[number]))
      return application;
    // The panel's own task is decided by the platform when the last member has scored.
    const open = tasks.filter(
      (task) =>
        (task.status === 'OPEN' || task.status === 'CLAIMED') &&
        task.assigneeRole !== 'panel' &&
        !handled.has(task.taskId),
    );
    if (open.length === 0) {
      await sleep(20);
      continue;
    }
    for (const task of open) {
      const actor = actors[task.stage];
      if (!actor) throw new Error(`No scripted actor for ${task.stage} (${id})`);
      const client = await clientOf(world, actor.username(task));
      await client.get('/inbox?limit=20');
      const { body } = await client.get<{ application: ApplicationItem }>(`/applications/${id}`);
      const reply = await client.post(
        `/tasks/${task.taskId}/decision`,
        await actor.decision(body.application, task, client),
      );
      if (reply.status !== 200)
        throw new Error(`${task.stage} of ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
      handled.add(task.taskId);
    }
  }
};

/** Waits, reading as the harness does (uncounted), until the workflow has put the application at `stage`. */
const untilStage = async (world: World, id: string, stage: string) => {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${id} did not reach ${stage} in time`);
    const { application } = await stateOf(world, id);
    if (application.stage === stage) return application;
    if (terminalStatuses.includes(application.status as (typeof terminalStatuses)[number]))
      throw new Error(`${id} ended ${application.status} at ${application.stage} before ${stage}`);
    await sleep(20);
  }
};

const waitForExecution = async (world: World, executionArn: string) => {
  for (;;) {
    const { status } = await world.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') return status;
    await sleep(20);
  }
};

const historyOf = async (world: World, executionArn: string) => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await world.sfn.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: 1000,
        nextToken,
        includeExecutionData: true,
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
};

const submit = async (client: CountingClient, program: string, form: unknown) => {
  const reply = await client.post<{ application: ApplicationItem }>('/applications', { program, form });
  if (reply.status !== 201) throw new Error(`${program}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.application;
};

const amountOf = (application: ApplicationItem) => application.assessment?.amount?.amountCny ?? 0;
const approvedOf = (application: ApplicationItem) =>
  application.assessment?.approvedAmountCny ?? amountOf(application);

const amountActors = (municipal: string): Record<string, Actor> => ({
  DISTRICT_REVIEW: { username: () => 'district.jiujiang', decision: () => ({ outcome: 'APPROVE' }) },
  MUNICIPAL_REVIEW: {
    username: () => municipal,
    decision: (application) => ({ outcome: 'APPROVE', data: { approvedAmountCny: amountOf(application) } }),
  },
  DISBURSEMENT: {
    username: () => 'finance.wuhu',
    decision: (application, task) => ({
      outcome: 'APPROVE',
      data: {
        date: chinaDay(),
        amountCny: approvedOf(application),
        voucherNumber: `CZ-${task.taskId.slice(0, 10)}`,
      },
    }),
  },
});

interface Program {
  code: string;
  what: string;
  /**
   * Set-up that serves many applications (a training session takes a whole class), done before measuring
   * so that it is not charged to the one application.
   */
  prepare?(world: World, round: number): Promise<void>;
  /** Submits (with uploads) as the applicant; returns the application id. */
  submit(world: World, round: number): Promise<string>;
  actors: Record<string, Actor>;
  /**
   * Drives the application to its end instead of drive(), for a path with steps that are not task
   * decisions (training attendance is a PUT per day). Every request through clientOf, so it is counted.
   */
  drive?(world: World, id: string, round: number): Promise<ApplicationItem>;
  /** What the applicant reads afterwards (status, certificate). */
  after(world: World, id: string): Promise<void>;
}

/** The bench's own sessions, numbered apart from the demo's (PX01, PX02). */
const trainingSessionCode = (round: number) => `WH-${YEAR}-PX${900 + round}`;
/** The session each round's trainee registers for, as the office put it (its days and end are read back). */
const trainingSessions = new Map<number, PutTrainingSessionBody>();

/**
 * Weekly reports fall 7 and 14 days after acceptance; at 21 days the completion step opens, 14 days
 * (COMPLETION_LEAD_DAYS) before the due date. Still two reports when acceptance falls one China day after
 * this date is computed (8 and 15; 22 is past the completion step's day).
 */
const SUPERVISION_WEEKLY_REPORTS = 2;
const supervisionDueDate = () =>
  chinaDate(new Date(Date.now() + ((SUPERVISION_WEEKLY_REPORTS + 1) * 7 + COMPLETION_LEAD_DAYS) * DAY_MS));

const programs: Program[] = [
  {
    code: 'PARK_CERT',
    what: 'municipal park certification: district and municipal review, expert panel of 3, site inspection, public notice, certificate',
    submit: async (world, round) => {
      const park = await clientOf(world, 'park.wuhu');
      const application = await submit(
        park,
        'PARK_CERT',
        sampleParkForm({ parkName: `成本测算产业园${round}号` }),
      );
      await park.get(`/applications/${application.id}`);
      return application.id;
    },
    actors: {
      DISTRICT_REVIEW: { username: () => 'district.jiujiang', decision: () => ({ outcome: 'APPROVE' }) },
      MUNICIPAL_REVIEW: { username: () => 'municipal.wuhu', decision: () => ({ outcome: 'APPROVE' }) },
      EXPERT_SCORING: {
        username: (task) => (task.assigneeUserId ?? '').replace(/^demo-/, ''),
        decision: () => ({
          outcome: 'SUBMIT',
          data: { scores: { planning: 17, facilities: 21, enterprises: 26, management: 21 } },
        }),
      },
      SITE_INSPECTION: {
        username: () => 'municipal.wuhu',
        decision: () => ({
          outcome: 'APPROVE',
          data: {
            date: chinaDay(),
            inspectors: ['张核查', '李核查'],
            findings: '园区场地、企业入驻与申报一致。',
            passed: true,
          },
        }),
      },
    },
    after: async (world, id) => {
      const park = await clientOf(world, 'park.wuhu');
      await park.get(`/applications/${id}`);
      const certificate = await park.get(`/applications/${id}/certificate`);
      if (certificate.status !== 200) throw new Error(`certificate: ${certificate.status}`);
    },
  },
  {
    code: 'SUBSIDY',
    what: 'overseas-warehouse claim under a demo policy: 3 documents uploaded, eligibility, budget hold, district and municipal review, public notice, disbursement, budget commit',
    submit: async (world) => {
      const enterprise = await clientOf(world, 'enterprise.wuhu');
      const attachments = await uploadRequiredDocuments(enterprise);
      const application = await submit(enterprise, 'SUBSIDY', { ...sampleSubsidyForm(), attachments });
      await enterprise.get(`/applications/${application.id}`);
      return application.id;
    },
    actors: amountActors('municipal.wuhu'),
    after: async (world, id) => {
      await (await clientOf(world, 'enterprise.wuhu')).get(`/applications/${id}`);
    },
  },
  {
    code: 'BRAND',
    what: 'brand-building support for two markets: filing receipt uploaded, municipal review, public notice, disbursement',
    submit: async (world, round) => {
      const enterprise = await clientOf(world, 'enterprise.wuhu');
      const [receipt] = await uploadSamplePdfs(enterprise, ['receipt.pdf']);
      const form = {
        type: 'TRADEMARK',
        mark: `Cost Model ${round}`,
        markets: [
          { market: 'US', filingNumber: `F-US-${round}`, filingDate: `${YEAR}-03-01`, feesPaidCny: 10_000 },
          { market: 'EU', filingNumber: `F-EU-${round}`, filingDate: `${YEAR}-03-01`, feesPaidCny: 30_000 },
        ],
        evidence: [{ code: 'FILING_RECEIPT', ...receipt }],
      };
      const application = await submit(enterprise, 'BRAND', form);
      await enterprise.get(`/applications/${application.id}`);
      return application.id;
    },
    actors: amountActors('municipal.wuhu'),
    after: async (world, id) => {
      await (await clientOf(world, 'enterprise.wuhu')).get(`/applications/${id}`);
    },
  },
  {
    code: 'TRAINING',
    what:
      'one individual trainee in a 3-day basic session without employer confirmation (the demo basic session; ' +
      'staff sessions that need it add one employer task): registration, seat, registration closes at the start, ' +
      'the office records attendance for each day (roster read and PUT; these serve the whole class but are ' +
      'charged in full to this one trainee), completion, certificate. Creating the session is not counted',
    prepare: async (world, round) => {
      const office = await clientOf(world, 'office.wuhu');
      // Starts tomorrow at 09:00: at TIME_SCALE the registration closes about a second after it is made.
      const session = sampleTrainingSession({ startInDays: 1, lastingDays: 3 });
      const reply = await office.put(`/training/sessions/${trainingSessionCode(round)}`, session);
      if (reply.status !== 201)
        throw new Error(
          `session ${trainingSessionCode(round)}: ${reply.status} ${JSON.stringify(reply.body)}`,
        );
      trainingSessions.set(round, session);
    },
    submit: async (world, round) => {
      const trainee = await clientOf(world, 'trainee.wuhu');
      const form = sampleRegistration(trainingSessionCode(round), round, { name: '张学员' });
      const application = await submit(trainee, 'TRAINING', form);
      await trainee.get(`/applications/${application.id}`);
      return application.id;
    },
    actors: {},
    drive: async (world, id, round) => {
      const session = trainingSessions.get(round);
      if (!session) throw new Error(`No training session for round ${round}`);
      const code = trainingSessionCode(round);
      await untilStage(world, id, 'IN_SESSION');
      const office = await clientOf(world, 'office.wuhu');
      // The engine's clock runs TIME_SCALE× fast, the handlers' does not: they are told it is the evening of
      // the last day (as the integration test does), so every day of the session has come.
      process.env.PLATFORM_CLOCK_OFFSET_MS = String(Date.parse(session.endsAt) + HOUR_MS - Date.now());
      try {
        for (const day of sessionDays(session)) {
          await office.get(`/training/sessions/${code}/registrations`);
          const reply = await office.put(`/training/sessions/${code}/attendance/${day}`, { present: [id] });
          if (reply.status !== 200)
            throw new Error(`attendance ${code} ${day}: ${reply.status} ${JSON.stringify(reply.body)}`);
        }
      } finally {
        delete process.env.PLATFORM_CLOCK_OFFSET_MS;
      }
      // No task on this path: drive() only waits for the completion evaluation and the certificate.
      return drive(world, id, {});
    },
    after: async (world, id) => {
      const trainee = await clientOf(world, 'trainee.wuhu');
      await trainee.get(`/applications/${id}`);
      const certificate = await trainee.get(`/applications/${id}/certificate`);
      if (certificate.status !== 200) throw new Error(`certificate: ${certificate.status}`);
    },
  },
  {
    code: 'SUPERVISION',
    what: `supervision task of the Wuhu office for 芜湖海关, weekly reports, due in ${(SUPERVISION_WEEKLY_REPORTS + 1) * 7 + COMPLETION_LEAD_DAYS} days: accepted, ${SUPERVISION_WEEKLY_REPORTS} progress reports, completion with one evidence file, approved by the office (each further report adds one task cycle)`,
    submit: async (world) => {
      const office = await clientOf(world, 'office.wuhu');
      const application = await submit(office, 'SUPERVISION', {
        title: '推进跨境电商 9710、9810 出口监管模式落地',
        description: '在综试区内推广跨境电商 B2B 直接出口与出口海外仓监管模式，按周报告进展。',
        unitCode: 'WH_CUSTOMS',
        dueDate: supervisionDueDate(),
        reportingPeriod: 'WEEKLY',
        targetCode: 'transaction_value',
      });
      await office.get(`/applications/${application.id}`);
      return application.id;
    },
    actors: {
      ACCEPTANCE: { username: () => 'unit.wuhu', decision: () => ({ outcome: 'APPROVE' }) },
      PROGRESS_REPORT: {
        username: () => 'unit.wuhu',
        decision: () => ({
          outcome: 'SUBMIT',
          data: { summary: '本周推进情况：新增试点企业 3 家，通关顺畅。', percentComplete: 50 },
        }),
      },
      COMPLETION: {
        username: () => 'unit.wuhu',
        decision: async (_application, _task, client) => ({
          outcome: 'SUBMIT',
          data: {
            summary: '两种监管模式均已落地',
            evidence: await uploadSamplePdfs(client, ['report.pdf']),
          },
        }),
      },
      COMPLETION_REVIEW: { username: () => 'office.wuhu', decision: () => ({ outcome: 'APPROVE' }) },
    },
    after: async (world, id) => {
      await (await clientOf(world, 'office.wuhu')).get(`/applications/${id}`);
    },
  },
];

const runProgram = async (
  world: World,
  program: Program,
  round: number,
  proxyCounts: () => ProxyCounts,
): Promise<{ id: string; status: string; usage: Usage }> => {
  if (program.prepare) {
    await program.prepare(world, round);
    await world.cloud.stepFunctions.settled();
  }
  const before = snapshot(proxyCounts);
  const id = await program.submit(world, round);
  const application = program.drive
    ? await program.drive(world, id, round)
    : await drive(world, id, program.actors);
  if (!application.executionArn) throw new Error(`${id} has no execution`);
  const executionStatus = await waitForExecution(world, application.executionArn);
  await program.after(world, id);
  await world.cloud.stepFunctions.settled();
  const after = snapshot(proxyCounts);
  // A task that continued in a new execution is billed for every execution's transitions.
  const executions = [...(application.previousExecutions ?? []), application.executionArn];
  const events = (await Promise.all(executions.map((arn) => historyOf(world, arn)))).flat();
  const directDynamodbCalls = events.filter(
    (event) => event.type === 'TaskScheduled' && event.taskScheduledEventDetails?.resourceType === 'dynamodb',
  ).length;
  // The direct integration (MarkExecutionStarted) updates the application item: table + gsi2, 1 KB each.
  const { Item } = await world.documents.send(
    new GetCommand({ TableName: world.cloud.tableName, Key: keys.application(id) }),
  );
  const applicationKb = Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(Item ?? {})) / 1024));
  const partial = usageBetween(before, after);
  const usage: Usage = {
    ...partial,
    transitions: events.filter((event) => event.type?.endsWith('StateEntered')).length,
    directDynamodbCalls,
    historyEvents: events.length,
    historyBytes: events.reduce((sum, event) => sum + Buffer.byteLength(JSON.stringify(event)), 0),
    dynamodb: { ...partial.dynamodb, directIntegrationWriteUnits: directDynamodbCalls * applicationKb * 2 },
  };
  return { id, status: `${application.status} (execution ${executionStatus})`, usage };
};

// ------------------------------------------------------------------------------------------ main

const coldInitMs = (): ((name: string) => number) | undefined => {
  if (!existsSync(coldStartFile)) return undefined;
  const results = JSON.parse(readFileSync(coldStartFile, 'utf8')) as {
    functions: { name: string; importMs: { p50: number } }[];
  };
  const byName = new Map(results.functions.map((row) => [row.name, row.importMs.p50]));
  return (name) => byName.get(name) ?? 0;
};

const main = async () => {
  // As deployed (cdk.json logLevel INFO): the log volume is part of the bill.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  const machine = machineAtStart();
  const cloud = await startLocalCloud({ port: 0, dataDir: null, timeScale: TIME_SCALE, log: () => {} });
  const proxy = await startCountingProxy({
    dynamodbEndpoint: cloud.dynamodbEndpoint,
    s3Endpoint: cloud.s3Endpoint,
    region: 'us-east-1',
  });
  // Before any handler module is loaded: every handler's SDK client goes through the proxy.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.dynamodbUrl;
  process.env.AWS_ENDPOINT_URL_S3 = proxy.s3Url;
  instrument(cloud);
  const world: World = {
    cloud,
    documents: DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: cloud.dynamodbEndpoint })),
    sfn: new SFNClient({ endpoint: cloud.sfnEndpoint }),
    clients: new Map(),
  };
  try {
    await loadDemoRegistry(cloud.apiUrl);
    await loadDemoExperts(cloud.apiUrl);
    say(`cost model: one application per program on the local cloud (time scale ${TIME_SCALE}×)`);
    const measured: { program: Program; id: string; status: string; usage: Usage }[] = [];
    for (const program of programs) {
      await runProgram(world, program, 1, proxy.counts); // loads every handler on the path
      const result = await runProgram(world, program, 2, proxy.counts);
      measured.push({ program, ...result });
      say(`  ${program.code}: ${result.id} ${result.status}`);
    }

    // Scheduled functions: one run each on the table as the flows left it, priced per month.
    recorder.allowScheduled = true;
    const scheduled = [];
    for (const definition of scheduledFunctions) {
      await cloud.runScheduled(definition.name, { source: 'aws.events', 'detail-type': 'Scheduled Event' });
      const before = snapshot(proxy.counts);
      await cloud.runScheduled(definition.name, { source: 'aws.events', 'detail-type': 'Scheduled Event' });
      await cloud.stepFunctions.settled();
      const partial = usageBetween(before, snapshot(proxy.counts));
      const runsPerMonth = (30 * 24 * 60) / definition.rateMinutes;
      const usage: Usage = {
        ...partial,
        transitions: 0,
        directDynamodbCalls: 0,
        historyEvents: 0,
        historyBytes: 0,
      };
      const perRun = priceOf(usage);
      scheduled.push({
        name: definition.name,
        rateMinutes: definition.rateMinutes,
        runsPerMonth,
        usagePerRun: usage,
        cnyPerRun: perRun.total,
        cnyPerMonth: Number((perRun.total * runsPerMonth).toFixed(4)),
      });
    }
    recorder.allowScheduled = false;

    // Monitoring, fixed per month whatever the volume (as infra/ defines it): two alarms per function
    // (PlatformFunction.addAlarms), three per state machine, four on the table, one on the API; and the
    // EMF metrics of the API handlers (Http2xx and Http4xx at least, one series per function).
    const apiHandlers = new Set(apiRoutes.map((route) => route.handler)).size;
    const functionCount = apiHandlers + stepFunctions.length + scheduledFunctions.length;
    const alarms = functionCount * 2 + stateMachines.length * 3 + 4 + 1;
    const customMetrics = apiHandlers * 2;
    const monitoring = {
      alarms,
      customMetrics,
      cnyPerMonth: Number(
        (
          (alarms * PRICES.cloudWatchAlarmPerMonth + customMetrics * PRICES.cloudWatchCustomMetricPerMonth) *
          PRICES.usdToCny
        ).toFixed(2),
      ),
    };

    const init = coldInitMs();
    const rows = measured.map(({ program, id, status, usage }) => {
      const warm = priceOf(usage);
      const allCold = init ? priceOf(usage, init) : undefined;
      const targeted = TARGETED_PROGRAMS.includes(program.code);
      return {
        program: program.code,
        what: program.what,
        id,
        status,
        usage,
        cny: warm,
        cnyAllColdStarts: allCold,
        /** Null where no target was set for the program. */
        targetCny: targeted ? TARGET_CNY : null,
        meetsTarget: targeted ? warm.total <= TARGET_CNY : null,
      };
    });

    // Budget ledger growth (SUBSIDY): each claim adds an entry to its policy's single BUDGET item.
    const subsidy = rows.find((row) => row.program === 'SUBSIDY');
    const budgetWrites = Object.entries(subsidy?.usage.dynamodb.writesByItem ?? {})
      .filter(([item]) => item.endsWith('/BUDGET'))
      .reduce((sum, [, count]) => sum + count, 0);
    const budgetItem = await world.documents.send(
      new GetCommand({ TableName: cloud.tableName, Key: keys.budget(sampleSubsidyForm().policyCode) }),
    );
    const budgetBytes = Buffer.byteLength(JSON.stringify(budgetItem.Item ?? {}));
    const entries = {
      ...((budgetItem.Item?.reservations as Record<string, number> | undefined) ?? {}),
      ...((budgetItem.Item?.commitments as Record<string, number> | undefined) ?? {}),
    };
    const claimsInLedger = Object.keys(entries).length;
    // One map entry: the claim id as attribute name plus the amount (DynamoDB counts name and value bytes).
    const bytesPerClaim = Math.ceil(
      Object.entries(entries).reduce(
        (sum, [claim, amount]) => sum + claim.length + String(amount).length + 3,
        0,
      ) / Math.max(1, claimsInLedger),
    );
    const ledgerGrowth = [1_000, 5_000].map((claims) => {
      const extraUnits = budgetWrites * Math.ceil((claims * bytesPerClaim) / 1024);
      return {
        claimsInPolicyYear: claims,
        extraWriteUnitsPerClaim: extraUnits,
        extraCnyPerClaim: Number(
          ((extraUnits / 1e6) * PRICES.dynamodbPerMillionWriteUnits * PRICES.usdToCny).toFixed(5),
        ),
      };
    });

    // Report.
    const fmt = (value: number) => value.toFixed(5);
    const line = (label: string, pick: (row: (typeof rows)[number]) => number | string) =>
      say(`${label.padEnd(28)}${rows.map((row) => String(pick(row)).padStart(12)).join('  ')}`);
    say('');
    line('per application', (row) => row.program);
    const invocationsOf = (usage: Usage) =>
      Object.values(usage.invocations).reduce((sum, stats) => sum + stats.count, 0);
    const gbSecondsOf = (usage: Usage) =>
      Object.values(usage.invocations).reduce(
        (sum, stats) => sum + (stats.memoryMb / 1024) * (stats.billedMs / 1000),
        0,
      );
    line('state transitions', (row) => row.usage.transitions);
    line('Lambda invocations', (row) => invocationsOf(row.usage));
    line('Lambda GB-s (warm)', (row) => gbSecondsOf(row.usage).toFixed(2));
    line('HTTP API requests', (row) => row.usage.apiRequests);
    line(
      'DynamoDB requests',
      (row) =>
        Object.values(row.usage.dynamodb.calls).reduce((sum, count) => sum + count, 0) +
        row.usage.directDynamodbCalls,
    );
    line('DynamoDB RRU', (row) => row.usage.dynamodb.readUnits);
    line(
      'DynamoDB WRU (table)',
      (row) => row.usage.dynamodb.tableWriteUnits + row.usage.dynamodb.directIntegrationWriteUnits / 2,
    );
    line(
      'DynamoDB WRU (indexes)',
      (row) => row.usage.dynamodb.indexWriteUnits + row.usage.dynamodb.directIntegrationWriteUnits / 2,
    );
    line('S3 requests', (row) => Object.values(row.usage.s3).reduce((sum, count) => sum + count, 0));
    line('log KB (SFN + Lambda)', (row) =>
      (
        (row.usage.historyBytes +
          row.usage.lambdaLogBytes +
          invocationsOf(row.usage) * PLATFORM_LOG_BYTES_PER_INVOCATION +
          row.usage.apiRequests * EMF_LOG_BYTES_PER_API_REQUEST) /
        1024
      ).toFixed(0),
    );
    say('CNY');
    for (const key of [
      'stepFunctions',
      'lambdaRequests',
      'lambdaDuration',
      'apiGateway',
      'dynamodbReads',
      'dynamodbWrites',
      's3',
      'logs',
    ] as const) {
      line(`  ${key}`, (row) => fmt(row.cny[key]));
    }
    line('  total (warm)', (row) => fmt(row.cny.total));
    if (init) line('  total (every call cold)', (row) => fmt(row.cnyAllColdStarts?.total ?? 0));
    line(`target ≤ ${TARGET_CNY}`, (row) =>
      row.meetsTarget === null ? 'n/a' : row.meetsTarget ? 'PASS' : 'MISSED',
    );
    line('headroom (target ÷ cost)', (row) =>
      row.targetCny === null ? 'n/a' : (row.targetCny / row.cny.total).toFixed(1),
    );
    say('');
    say(
      `scheduled functions, fixed per month: ${scheduled.map((item) => `${item.name} CNY ${item.cnyPerMonth}`).join(', ')}; ` +
        `total CNY ${scheduled.reduce((sum, item) => sum + item.cnyPerMonth, 0).toFixed(3)}`,
    );
    say(
      `SUBSIDY budget ledger: ${budgetWrites} writes per claim to one item of ${budgetBytes} bytes holding ${claimsInLedger} claims; ` +
        ledgerGrowth
          .map(
            (growth) =>
              `at ${growth.claimsInPolicyYear} claims a policy-year +${growth.extraWriteUnitsPerClaim} WRU/claim (CNY ${growth.extraCnyPerClaim})`,
          )
          .join(', '),
    );
    say(
      `monitoring, fixed per month: ${monitoring.alarms} alarms and about ${monitoring.customMetrics} EMF custom metrics, CNY ${monitoring.cnyPerMonth}`,
    );
    say(`scheduled invocations held back during the flows: ${recorder.skippedScheduled}`);

    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(
      resultsFile,
      `${JSON.stringify(
        {
          benchmark: 'cost',
          generatedAt: new Date().toISOString(),
          machine: withLoadAtEnd(machine),
          prices: PRICES,
          targetCny: TARGET_CNY,
          targetPrograms: TARGETED_PROGRAMS,
          method: {
            timeScale: TIME_SCALE,
            interaction:
              'applicant: uploads, submit, view after submission, view at the end (PARK_CERT, TRAINING: + certificate PDF); ' +
              'each human step: inbox, application, decision (SUPERVISION completion: + evidence upload); ' +
              'TRAINING attendance: the office reads the roster and PUTs the day, per session day; ' +
              'SUPERVISION: the office is the applicant; set-up shared by many applications (the training session) is not counted',
            memoryMb: {
              default: DEFAULT_MEMORY_MB,
              overrides: Object.fromEntries(
                apiRoutes.flatMap((route) =>
                  handlerFunctionOptions[route.handler]?.memorySize
                    ? [[route.handler, handlerFunctionOptions[route.handler]?.memorySize]]
                    : [],
                ),
              ),
            },
            platformLogBytesPerInvocation: PLATFORM_LOG_BYTES_PER_INVOCATION,
            emfLogBytesPerApiRequest: EMF_LOG_BYTES_PER_API_REQUEST,
            coldStartsFrom: init
              ? 'bench/results/cold-start.json (import p50 per function)'
              : 'not available',
          },
          programs: rows,
          scheduled,
          monitoring,
          subsidyBudgetLedger: {
            writesPerClaim: budgetWrites,
            itemBytes: budgetBytes,
            claimsInLedger,
            bytesPerClaim,
            growth: ledgerGrowth,
          },
        },
        null,
        2,
      )}\n`,
    );
    say(`\nwrote ${resultsFile}`);
  } finally {
    world.documents.destroy();
    world.sfn.destroy();
    await proxy.close();
    await cloud.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
