/**
 * Inbox benchmarks (`npm run bench`): not tests: they print figures, write bench/results/latest.json and
 * exit 0 even when a target is missed.
 *
 * (a) GET /api/inbox?limit=20 through the local HTTP API versus the raw DynamoDB Query the handler performs,
 *     interleaved in one run; (b) the inbox's p50 with 1,000 versus 50,000 applications in the table.
 * BENCH_SIZES=1000,50000,200000 adds levels (the table is topped up in the same process); every level
 * beyond 50,000 is reported against 1,000 as (b) is.
 * See docs/performance.md for the method and the interpretation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { humanTaskSchema } from '../domain/shared/application.ts';
import { type LocalCloud, startLocalCloud } from '../local/cloud.ts';
import { findDemoUser } from '../local/demo-users.ts';
import { LocalIdentityProvider } from '../local/identity.ts';
import { generateApplication, type Item, placements, validate } from './dataset.ts';
import { KeepAliveClient } from './http-client.ts';
import { elapsedMs, type LatencySummary, type MetricRow, printTable, ratio, summarize } from './stats.ts';

const LIMIT = 20;
const SIZES = (process.env.BENCH_SIZES ?? '1000,50000').split(',').map((size) => Number(size.trim()));
if (SIZES.some((size, index) => !Number.isInteger(size) || size <= (SIZES[index - 1] ?? 0))) {
  throw new Error('BENCH_SIZES must be increasing whole numbers, e.g. 1000,50000,200000');
}
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2_000);
const MICRO_ITERATIONS = 3_000;
const BATCH_SIZE = 25;
const BATCH_CONCURRENCY = 4;
const REVIEWER = 'district.jiujiang';
const RATIO_TARGET = 1.5;
const FLATNESS_TARGET = 1.2;

const resultsFile = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
const say = (message: string) => process.stdout.write(`${message}\n`);

interface LevelResult {
  applications: number;
  items: number;
  openTasks: number;
  queues: number;
  reviewerQueueTasks: number;
  api: LatencySummary;
  handler: LatencySummary;
  raw: LatencySummary;
  httpRouteMiss: LatencySummary;
  httpJwtReject: LatencySummary;
  apiOverRaw: { p50: number; p99: number };
}

// ---------------------------------------------------------------------------------------------- loading

interface LoadState {
  items: number;
  openTasks: number;
  queues: Set<string>;
  queueSizes: Map<string, number>;
}

const writeBatch = async (documents: DynamoDBDocumentClient, tableName: string, items: Item[]) => {
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length > 0; attempt += 1) {
    if (attempt > 20) throw new Error('BatchWriteItem kept returning unprocessed items');
    const { UnprocessedItems } = await documents.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
    );
    const left = UnprocessedItems?.[tableName] ?? [];
    requests = left.flatMap((request) =>
      request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
    );
    if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
  }
};

const load = async (
  documents: DynamoDBDocumentClient,
  tableName: string,
  from: number,
  to: number,
  state: LoadState,
) => {
  const items: Item[] = [];
  for (let index = from; index < to; index += 1) {
    const generated = generateApplication(index);
    validate(generated);
    items.push(...generated.items);
    const taskItem = generated.items[1];
    if (typeof taskItem.gsi1pk === 'string') {
      state.openTasks += 1;
      state.queues.add(taskItem.gsi1pk);
      state.queueSizes.set(taskItem.gsi1pk, (state.queueSizes.get(taskItem.gsi1pk) ?? 0) + 1);
    }
  }
  const batches: Item[][] = [];
  for (let offset = 0; offset < items.length; offset += BATCH_SIZE) {
    batches.push(items.slice(offset, offset + BATCH_SIZE));
  }
  const started = process.hrtime.bigint();
  let next = 0;
  let written = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const seconds = elapsedMs(started) / 1000;
    if (!force && seconds - lastReport < 5) return;
    lastReport = seconds;
    const rate = Math.round(written / Math.max(seconds, 0.001));
    say(
      `  loading applications ${from.toLocaleString('en')}→${to.toLocaleString('en')}: ` +
        `${written.toLocaleString('en')}/${items.length.toLocaleString('en')} items ` +
        `(${((100 * written) / items.length).toFixed(0)}%, ${rate.toLocaleString('en')} items/s, ${seconds.toFixed(1)} s)`,
    );
  };
  const worker = async () => {
    for (;;) {
      const batch = batches[next];
      next += 1;
      if (!batch) return;
      await writeBatch(documents, tableName, batch);
      written += batch.length;
      report();
    }
  };
  await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, worker));
  report(true);
  state.items += items.length;
};

// ---------------------------------------------------------------------------------------------- probes

/**
 * api: the full path. handler: the Lambda handler invoked in-process with the event the HTTP layer builds
 * (middy, Powertools, zod, the Query, JSON), without HTTP and JWT. raw: the handler's Query alone.
 * httpRouteMiss: an HTTP round trip the local API answers with 404 before any work (HTTP floor).
 * httpJwtReject: the inbox route with a token whose signature is wrong (HTTP + full ES256 verification, 401).
 */
interface Probes {
  api(): Promise<number>;
  handler(): Promise<number>;
  raw(): Promise<number>;
  httpRouteMiss(): Promise<number>;
  httpJwtReject(): Promise<number>;
}
type ProbeName = keyof Probes;
const probeNames: readonly ProbeName[] = ['api', 'handler', 'raw', 'httpRouteMiss', 'httpJwtReject'];

/** Same length and header, one signature character changed: the verifier still does the full ES256 work. */
const tamper = (token: string): string => {
  const at = token.length - 10;
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
};

type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** The claims exactly as local/http-api.ts hands them to Lambda (API Gateway flattens arrays to `[a b]`). */
const claimsOf = (token: string): Record<string, string> => {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    ]),
  );
};

/** The API Gateway v2 event local/http-api.ts builds for GET /inbox?limit=20. */
const inboxEvent = (token: string, host: string): ApiEvent => {
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: 'GET /inbox',
    rawPath: '/api/inbox',
    rawQueryString: `limit=${LIMIT}`,
    headers: { host, authorization: `Bearer ${token}`, connection: 'keep-alive' },
    queryStringParameters: { limit: String(LIMIT) },
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: 'local',
      http: { method: 'GET', path: '/api/inbox', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: '' },
      requestId: 'bench',
      routeKey: 'GET /inbox',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claimsOf(token), scopes: [] } },
    },
  };
  return event as unknown as ApiEvent;
};

const queryInput = (tableName: string, queue: string) =>
  new QueryCommand({
    TableName: tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :queue',
    ExpressionAttributeValues: { ':queue': queue },
    Limit: LIMIT,
    ExclusiveStartKey: undefined,
  });

const makeProbes = (
  cloud: LocalCloud,
  documents: DynamoDBDocumentClient,
  http: KeepAliveClient,
  forged: KeepAliveClient,
  token: string,
  queue: string,
): Probes => {
  const url = `${cloud.apiUrl}/inbox?limit=${LIMIT}`;
  const event = inboxEvent(token, new URL(cloud.url).host);
  const expect = async (reply: Promise<{ status: number; ms: number }>, status: number) => {
    const { status: actual, ms } = await reply;
    if (actual !== status) throw new Error(`Expected ${status}, got ${actual}`);
    return ms;
  };
  return {
    httpRouteMiss: () => expect(http.get(`${cloud.apiUrl}/bench-no-such-route`), 404),
    httpJwtReject: () => expect(forged.get(url), 401),
    api: async () => {
      const reply = await http.get(url);
      if (reply.status !== 200)
        throw new Error(`GET /inbox answered ${reply.status}: ${reply.body.toString()}`);
      return reply.ms;
    },
    handler: async () => {
      const start = process.hrtime.bigint();
      const result = (await cloud.runtime.invoke(
        'api/list-inbox',
        event,
      )) as APIGatewayProxyStructuredResultV2;
      const ms = elapsedMs(start);
      if (result.statusCode !== 200) throw new Error(`list-inbox answered ${result.statusCode}`);
      return ms;
    },
    raw: async () => {
      const start = process.hrtime.bigint();
      const output = await documents.send(queryInput(cloud.tableName, queue));
      const ms = elapsedMs(start);
      if ((output.Items?.length ?? 0) === 0) throw new Error('The raw Query returned nothing');
      return ms;
    },
  };
};

/** All three paths must return the same first page, or the comparison is meaningless. */
const checkSamePage = async (
  cloud: LocalCloud,
  documents: DynamoDBDocumentClient,
  http: KeepAliveClient,
  queue: string,
  expected: number,
) => {
  const reply = await http.get(`${cloud.apiUrl}/inbox?limit=${LIMIT}`);
  const body = JSON.parse(reply.body.toString('utf8')) as { items: { taskId: string }[] };
  const raw: QueryCommandOutput = await documents.send(queryInput(cloud.tableName, queue));
  const apiIds = body.items.map((item) => item.taskId).join(',');
  const rawIds = (raw.Items ?? []).map((item) => String(item.taskId)).join(',');
  if (apiIds !== rawIds) throw new Error('The API and the raw Query returned different pages');
  if (body.items.length !== Math.min(LIMIT, expected)) {
    throw new Error(`Expected ${Math.min(LIMIT, expected)} inbox items, got ${body.items.length}`);
  }
  return { bytes: reply.body.length, items: body.items.length };
};

const measure = async (probes: Probes, label: string) => {
  const order = probeNames;
  for (let i = 0; i < WARMUP; i += 1) for (const name of order) await probes[name]();
  const samples = Object.fromEntries(order.map((name) => [name, [] as number[]])) as Record<
    ProbeName,
    number[]
  >;
  const started = process.hrtime.bigint();
  for (let i = 0; i < SAMPLES; i += 1) {
    // Rotate which path goes first, so none systematically benefits from a warm socket or a fresh heap.
    for (let k = 0; k < order.length; k += 1) {
      const name = order[(i + k) % order.length] as ProbeName;
      samples[name].push(await probes[name]());
    }
    if ((i + 1) % 500 === 0)
      say(`  ${label}: ${i + 1}/${SAMPLES} rounds (${(elapsedMs(started) / 1000).toFixed(1)} s)`);
  }
  return Object.fromEntries(order.map((name) => [name, summarize(samples[name])])) as Record<
    ProbeName,
    LatencySummary
  >;
};

// ---------------------------------------------------------------------------------------------- breakdown

const medianMicros = async (iterations: number, body: () => unknown | Promise<unknown>) => {
  for (let i = 0; i < Math.min(500, iterations); i += 1) await body();
  const values: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await body();
    values.push(elapsedMs(start));
  }
  return Number((summarize(values).p50 * 1000).toFixed(1));
};

/** In-process costs of individual steps of the API path, to explain the API/raw difference. */
const breakdown = async (documents: DynamoDBDocumentClient, tableName: string, queue: string) => {
  const user = findDemoUser(REVIEWER);
  if (!user) throw new Error(`No demo user ${REVIEWER}`);
  const identity = await LocalIdentityProvider.create(null);
  const token = await identity.issueIdToken(user);
  const { Items = [] } = await documents.send(queryInput(tableName, queue));
  const page = { items: Items.map((item) => humanTaskSchema.parse(item)), cursor: 'x'.repeat(160) };
  const event = inboxEvent(token, '127.0.0.1');
  return {
    jwtVerifyCachedUs: await medianMicros(MICRO_ITERATIONS, () => identity.verify(token)),
    zodParse20TasksUs: await medianMicros(MICRO_ITERATIONS, () =>
      Items.map((item) => humanTaskSchema.parse(item)),
    ),
    jsonStringifyPageUs: await medianMicros(MICRO_ITERATIONS, () => JSON.stringify(page)),
    structuredCloneEventUs: await medianMicros(MICRO_ITERATIONS, () => structuredClone(event)),
  };
};

// ---------------------------------------------------------------------------------------------- report

const main = async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const runStarted = process.hrtime.bigint();
  say(
    `inbox benchmark: node ${process.version}, ${availableParallelism()} CPU(s), ${cpus()[0]?.model ?? '?'}`,
  );
  const cloud = await startLocalCloud({ port: 0, dataDir: null });
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: cloud.dynamodbEndpoint, region: process.env.AWS_REGION ?? 'us-east-1' }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const user = findDemoUser(REVIEWER);
  if (!user?.zone || !user.district) throw new Error(`${REVIEWER} is not a district reviewer`);
  const queue = `Q#${user.role}#${user.zone}#${user.district}`;

  const login = await fetch(`${cloud.apiUrl}/local/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: REVIEWER, password: 'demo' }),
  });
  const { idToken } = (await login.json()) as { idToken: string };
  const http = new KeepAliveClient({ authorization: `Bearer ${idToken}` });
  const forged = new KeepAliveClient({ authorization: `Bearer ${tamper(idToken)}` });
  const probes = makeProbes(cloud, documents, http, forged, idToken, queue);

  const state: LoadState = { items: 0, openTasks: 0, queues: new Set(), queueSizes: new Map() };
  const levels: LevelResult[] = [];
  let loaded = 0;
  let responseBytes = 0;
  try {
    for (const size of SIZES) {
      say(`\n[${size.toLocaleString('en')} applications] filling the table through BatchWriteItem`);
      await load(documents, cloud.tableName, loaded, size, state);
      loaded = size;
      const reviewerQueueTasks = state.queueSizes.get(queue) ?? 0;
      say(
        `  table: ${state.items.toLocaleString('en')} items, ${state.openTasks.toLocaleString('en')} open tasks ` +
          `in ${state.queues.size} queues across ${placements.length} districts; ${queue} holds ${reviewerQueueTasks}`,
      );
      const page = await checkSamePage(cloud, documents, http, queue, reviewerQueueTasks);
      responseBytes = page.bytes;
      say(`  measuring: ${WARMUP} warm-up + ${SAMPLES} interleaved rounds of ${probeNames.join(' / ')}`);
      const result = await measure(probes, `${size.toLocaleString('en')} apps`);
      levels.push({
        applications: size,
        items: state.items,
        openTasks: state.openTasks,
        queues: state.queues.size,
        reviewerQueueTasks,
        ...result,
        apiOverRaw: {
          p50: ratio(result.api.p50, result.raw.p50),
          p99: ratio(result.api.p99, result.raw.p99),
        },
      });
      say(
        `  p50/p99 ms: ${probeNames.map((name) => `${name} ${result[name].p50}/${result[name].p99}`).join(', ')}`,
      );
    }
    say('\nmicro-benchmarks of the API path (median µs)');
    const micro = await breakdown(documents, cloud.tableName, queue);
    say(`  ${JSON.stringify(micro)}`);

    const small = levels[0];
    // The targets are defined at 50,000 applications; larger levels get rows of their own below.
    const large = levels.find((level) => level.applications === 50_000) ?? levels[levels.length - 1];
    if (!small || !large) throw new Error('No levels measured');
    const beyond = levels.filter((level) => level.applications > large.applications);
    const label = (applications: number) => `${applications / 1000}k`;
    const judged = (value: number, target: number): MetricRow['status'] =>
      value <= target ? 'PASS' : 'MISSED';
    const rows: MetricRow[] = [
      { metric: 'inbox API p50 @50k', value: large.api.p50, unit: 'ms', target: '', status: 'info' },
      { metric: 'inbox API p99 @50k', value: large.api.p99, unit: 'ms', target: '', status: 'info' },
      { metric: 'raw Query p50 @50k', value: large.raw.p50, unit: 'ms', target: '', status: 'info' },
      { metric: 'raw Query p99 @50k', value: large.raw.p99, unit: 'ms', target: '', status: 'info' },
      {
        metric: 'handler in-process p50 @50k',
        value: large.handler.p50,
        unit: 'ms',
        target: '',
        status: 'info',
      },
      {
        metric: '(a) API/raw p50 @50k',
        value: large.apiOverRaw.p50,
        unit: 'x',
        target: `<= ${RATIO_TARGET}`,
        status: judged(large.apiOverRaw.p50, RATIO_TARGET),
      },
      {
        metric: '(a) API/raw p99 @50k',
        value: large.apiOverRaw.p99,
        unit: 'x',
        target: `<= ${RATIO_TARGET}`,
        status: judged(large.apiOverRaw.p99, RATIO_TARGET),
      },
      { metric: 'API/raw p50 @1k', value: small.apiOverRaw.p50, unit: 'x', target: '', status: 'info' },
      { metric: 'API/raw p99 @1k', value: small.apiOverRaw.p99, unit: 'x', target: '', status: 'info' },
      {
        metric: '(b) inbox API p50 50k/1k',
        value: ratio(large.api.p50, small.api.p50),
        unit: 'x',
        target: `<= ${FLATNESS_TARGET}`,
        status: judged(ratio(large.api.p50, small.api.p50), FLATNESS_TARGET),
      },
      {
        metric: 'raw Query p50 50k/1k',
        value: ratio(large.raw.p50, small.raw.p50),
        unit: 'x',
        target: '',
        status: 'info',
      },
      ...beyond.flatMap((level): MetricRow[] => [
        {
          metric: `inbox API p50 / p99 @${label(level.applications)}`,
          value: level.api.p50,
          unit: `/ ${level.api.p99} ms`,
          target: '',
          status: 'info',
        },
        {
          metric: `API/raw p50 @${label(level.applications)}`,
          value: level.apiOverRaw.p50,
          unit: 'x',
          target: `<= ${RATIO_TARGET}`,
          status: judged(level.apiOverRaw.p50, RATIO_TARGET),
        },
        {
          metric: `API/raw p99 @${label(level.applications)}`,
          value: level.apiOverRaw.p99,
          unit: 'x',
          target: `<= ${RATIO_TARGET}`,
          status: judged(level.apiOverRaw.p99, RATIO_TARGET),
        },
        {
          metric: `inbox API p50 ${label(level.applications)}/1k`,
          value: ratio(level.api.p50, small.api.p50),
          unit: 'x',
          target: `<= ${FLATNESS_TARGET}`,
          status: judged(ratio(level.api.p50, small.api.p50), FLATNESS_TARGET),
        },
        {
          metric: `raw Query p50 ${label(level.applications)}/1k`,
          value: ratio(level.raw.p50, small.raw.p50),
          unit: 'x',
          target: '',
          status: 'info',
        },
      ]),
    ];
    const runSeconds = Number((elapsedMs(runStarted) / 1000).toFixed(1));
    say('');
    printTable(rows, say);
    const missed = rows.filter((row) => row.status === 'MISSED');
    say(
      missed.length === 0
        ? '\nAll targets met.'
        : `\nMISSED ${missed.length} target(s): ${missed.map((row) => row.metric).join('; ')}`,
    );

    mkdirSync(dirname(resultsFile), { recursive: true });
    const results = {
      benchmark: 'inbox',
      generatedAt: new Date().toISOString(),
      machine: {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
        loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))),
      },
      method: {
        request: `GET /api/inbox?limit=${LIMIT} as ${REVIEWER} (${queue})`,
        warmupRounds: WARMUP,
        rounds: SAMPLES,
        interleaving: `each round runs ${probeNames.join(', ')} once each, rotating the order`,
        responseBytes,
        runSeconds,
      },
      levels,
      microbenchmarksUs: micro,
      metrics: rows,
      missed: missed.map((row) => row.metric),
    };
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    say(`\nwrote ${resultsFile} (total ${runSeconds} s)`);
  } finally {
    http.close();
    forged.close();
    documents.destroy();
    await cloud.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
