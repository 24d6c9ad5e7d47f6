import './polyfills.ts';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import {
  ATTACHMENTS_BUCKET_VARIABLE,
  commonSubstitutions,
  scheduledFunctions,
  stateMachineArnVariable,
  stateMachines,
  stepFunctions,
  TABLE_NAME_VARIABLE,
} from '../functions/catalog.ts';
import type { DemoUser } from './demo-users.ts';
import { createDynamoDbFaultProxy, type FaultCounts, FaultInjector, type FaultOptions } from './faults.ts';
import { API_PREFIX, createHttpApi } from './http-api.ts';
import { LocalIdentityProvider } from './identity.ts';
import { LambdaRuntime } from './lambda-runtime.ts';
import { createLocalS3 } from './s3.ts';
import { serveStatic } from './static-web.ts';
import { createLocalStepFunctions, type LocalStepFunctions } from './stepfunctions/index.ts';
import { ensureTable, repairIndexes } from './table.ts';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface LocalCloudOptions {
  /** HTTP port of the API and console; 0 picks a free one. */
  port?: number;
  /** Where DynamoDB data, executions and keys persist; null keeps everything in memory. */
  dataDir?: string | null;
  /** Delete the data folder first. */
  reset?: boolean;
  /** 1 = real time; larger values shorten Wait states, timeouts and retry intervals by that factor. */
  timeScale?: number;
  region?: string;
  /** Folder of the built console. */
  webDir?: string;
  log?: (message: string) => void;
  /**
   * Transient faults in the traffic of handlers and state machines (see faults.ts). Given at all (even
   * `{}`), DynamoDB traffic goes through the fault proxy, so `setFaults` can turn DynamoDB faults on later.
   */
  faults?: FaultOptions;
}

export interface LocalCloud {
  url: string;
  apiUrl: string;
  /** dynalite itself: the table without injected faults, for seeding, inspection and tools. */
  dynamodbEndpoint: string;
  /** What handlers (AWS_ENDPOINT_URL_DYNAMODB) and direct integrations use: the fault proxy when faults are on. */
  handlerDynamodbEndpoint: string;
  sfnEndpoint: string;
  /** Path-style S3 endpoint (presigned URLs point here, so the browser uploads to it directly). */
  s3Endpoint: string;
  tableName: string;
  attachmentsBucket: string;
  stepFunctions: LocalStepFunctions;
  runtime: LambdaRuntime;
  /** Makes the next `count` Step Functions API calls fail with a 503, as a transient outage would. */
  failStepFunctionsCalls(count: number): void;
  /** Runs a scheduled function now (tests use it instead of waiting for its timer). */
  runScheduled(name: string, event?: unknown): Promise<unknown>;
  /** DynamoDB requests received so far, by operation (PutItem, Query, …), from every client. */
  dynamodbCallCounts(): Record<string, number>;
  /** Changes the injected fault shares (needs `faults` at start); unnamed shares keep their value. */
  setFaults(faults: FaultOptions): void;
  /** Requests seen and faults injected so far (zeros without `faults`). */
  faultCounts(): FaultCounts;
  /** Signs an ID token for any user (tests and benchmarks act as many enterprises); not reachable over HTTP. */
  issueToken(user: DemoUser): Promise<string>;
  stop(): Promise<void>;
}

const ACCOUNT_ID = '000000000000';
export const LOCAL_TABLE_NAME = 'pilot-zone';
export const LOCAL_ATTACHMENTS_BUCKET = 'pilot-zone-attachments';
/** The key pair handlers sign with, and the only one the local S3 accepts on presigned URLs. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const machineName = (program: string) => `PilotZone-${program}`;

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections?.();
  });

/**
 * Every process-wide variable a handler reads. Handlers only see AWS's standard endpoint variables, so
 * nothing in functions/ knows it runs locally. One local cloud per process, because these are global.
 */
const configureEnvironment = (values: Record<string, string>) => {
  for (const [name, value] of Object.entries(values)) process.env[name] = value;
};

export const startLocalCloud = async (options: LocalCloudOptions = {}): Promise<LocalCloud> => {
  const region = options.region ?? 'us-east-1';
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir === undefined ? join(projectRoot, '.data') : options.dataDir;
  if (dataDir && options.reset) rmSync(dataDir, { recursive: true, force: true });
  if (dataDir) mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });

  const dynamo = dynalite({
    ...(dataDir ? { path: join(dataDir, 'dynamodb') } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  // Counted by operation (X-Amz-Target), so benchmarks can report DynamoDB calls per workflow.
  const dynamodbCalls = new Map<string, number>();
  dynamo.on('request', (req: IncomingMessage) => {
    const operation = String(req.headers['x-amz-target'] ?? 'unknown').replace(/^DynamoDB_\d+\./, '');
    dynamodbCalls.set(operation, (dynamodbCalls.get(operation) ?? 0) + 1);
  });
  const dynamoPort = await listen(dynamo, 0);
  const dynamodbEndpoint = `http://127.0.0.1:${dynamoPort}`;

  // Faults apply to what handlers and state machines send, the traffic AWS could fail. The local cloud's
  // own bookkeeping bypasses them: the table's creation below, the execution store (files, not DynamoDB),
  // the keys and S3. Failing those would test the emulator (Step Functions losing its own state, which AWS
  // does not expose to a workflow), not the platform.
  const faults = new FaultInjector(options.faults);
  const faultProxy = options.faults
    ? createDynamoDbFaultProxy({ host: '127.0.0.1', port: dynamoPort }, faults)
    : null;
  const handlerDynamodbEndpoint = faultProxy
    ? `http://127.0.0.1:${await listen(faultProxy.server, 0)}`
    : dynamodbEndpoint;

  const sfnServer = createServer();
  const sfnPort = await listen(sfnServer, 0);
  const sfnEndpoint = `http://127.0.0.1:${sfnPort}`;

  const s3 = await createLocalS3({
    dataDir: dataDir ? join(dataDir, 's3') : null,
    region,
    buckets: [LOCAL_ATTACHMENTS_BUCKET],
    credentials: LOCAL_CREDENTIALS,
  });
  const s3Server = createServer(s3.handleRequest).on('clientError', s3.handleClientError);
  const s3Endpoint = `http://127.0.0.1:${await listen(s3Server, 0)}`;

  const runtime = new LambdaRuntime({
    region,
    accountId: ACCOUNT_ID,
    functionsDir: join(projectRoot, 'functions'),
  });
  const substitutions: Record<string, string> = { TableName: LOCAL_TABLE_NAME };
  for (const step of stepFunctions) substitutions[step.substitution] = runtime.functionArn(step.name);
  for (const name of commonSubstitutions) {
    if (!(name in substitutions)) throw new Error(`No local value for substitution ${name}`);
  }
  const substitute = (text: string) =>
    text.replace(/\$\{(\w+)\}/g, (placeholder, name: string) => {
      const value = substitutions[name];
      if (value === undefined) throw new Error(`Unknown ASL placeholder ${placeholder}`);
      return value;
    });

  configureEnvironment({
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: handlerDynamodbEndpoint,
    AWS_ENDPOINT_URL_SFN: sfnEndpoint,
    // An IP endpoint makes the SDK use path-style URLs (/<bucket>/<key>) without forcePathStyle.
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    [TABLE_NAME_VARIABLE]: LOCAL_TABLE_NAME,
    [ATTACHMENTS_BUCKET_VARIABLE]: LOCAL_ATTACHMENTS_BUCKET,
    // The SDK's notice that its 2027 releases need Node 22 is in the README; repeating it per start is noise.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'pilot-zone-local',
    POWERTOOLS_METRICS_NAMESPACE: 'PilotZone',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    AWS_LAMBDA_FUNCTION_NAME: 'pilot-zone-local',
    ...Object.fromEntries(
      stateMachines.map((machine) => [
        stateMachineArnVariable(machine.program),
        `arn:aws:states:${region}:${ACCOUNT_ID}:stateMachine:${machineName(machine.program)}`,
      ]),
    ),
  });

  const dynamoClient = new DynamoDBClient({ region, endpoint: dynamodbEndpoint });
  await ensureTable(dynamoClient, LOCAL_TABLE_NAME);
  if (dataDir) {
    // A previous process killed mid-write can have left dynalite's indexes out of step with the items.
    const repaired = await repairIndexes(dynamoClient, LOCAL_TABLE_NAME);
    if (repaired > 0)
      log(`dynamodb: repaired the index entries of ${repaired} item(s) left by an interrupted write`);
  }
  dynamoClient.destroy();

  const invokeStep = (functionArn: string, payload: unknown) => runtime.invoke(functionArn, payload);
  const stepFunctionsService = await createLocalStepFunctions({
    region,
    accountId: ACCOUNT_ID,
    dataDir: dataDir ? join(dataDir, 'stepfunctions') : null,
    timeScale: options.timeScale ?? 1,
    stateMachines: stateMachines.map((machine) => ({
      name: machineName(machine.program),
      definition: substitute(readFileSync(join(projectRoot, 'workflows', machine.file), 'utf8')),
    })),
    // Only invocations by state machines fail: the HTTP API, timers and tests call the runtime directly.
    invokeLambda: options.faults ? faults.wrapLambda(invokeStep) : invokeStep,
    dynamodbEndpoint: handlerDynamodbEndpoint,
    log,
  });
  let stepFunctionsFailures = 0;
  sfnServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (stepFunctionsFailures > 0) {
      stepFunctionsFailures -= 1;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'ServiceUnavailable', message: 'Injected outage' }));
      return;
    }
    stepFunctionsService.handleRequest(req, res);
  });

  const identity = await LocalIdentityProvider.create(dataDir);
  const httpApi = createHttpApi({ runtime, identity, accountId: ACCOUNT_ID });
  const webDir = options.webDir ?? join(projectRoot, 'web', 'dist');
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
      httpApi(req, res, url.pathname.slice(API_PREFIX.length) || '/', url.search.replace(/^\?/, '')).catch(
        (error: unknown) => {
          console.error('[local] request failed', error);
          if (!res.headersSent) res.writeHead(500).end();
        },
      );
      return;
    }
    serveStatic(webDir, url.pathname, res);
  });
  const port = await listen(server, options.port ?? 3000);
  const url = `http://127.0.0.1:${port}`;

  await stepFunctionsService.resumeAll();

  const timeScale = options.timeScale ?? 1;
  const timers = scheduledFunctions.map((scheduled) =>
    setInterval(
      () => {
        runtime
          .invoke(scheduled.name, { source: 'aws.events', 'detail-type': 'Scheduled Event' })
          .catch((error) => {
            log(`scheduled ${scheduled.name} failed: ${String(error)}`);
          });
      },
      Math.max(1_000, (scheduled.rateMinutes * 60_000) / timeScale),
    ).unref(),
  );

  let stopped = false;
  return {
    url,
    apiUrl: `${url}${API_PREFIX}`,
    dynamodbEndpoint,
    handlerDynamodbEndpoint,
    sfnEndpoint,
    s3Endpoint,
    tableName: LOCAL_TABLE_NAME,
    attachmentsBucket: LOCAL_ATTACHMENTS_BUCKET,
    stepFunctions: stepFunctionsService,
    runtime,
    failStepFunctionsCalls: (count) => {
      stepFunctionsFailures = count;
    },
    setFaults: (changes) => {
      if (!options.faults)
        throw new Error('Faults need the `faults` option at start (the proxy is set up then)');
      faults.configure(changes);
    },
    faultCounts: () => faults.counts(),
    runScheduled: (name, event = {}) => runtime.invoke(name, event),
    issueToken: (user) => identity.issueIdToken(user),
    dynamodbCallCounts: () => Object.fromEntries(dynamodbCalls),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await closeServer(server);
      await stepFunctionsService.close();
      await closeServer(sfnServer);
      await closeServer(s3Server);
      if (faultProxy) {
        await closeServer(faultProxy.server);
        faultProxy.destroyConnections();
      }
      await new Promise<void>((resolveClose) => dynamo.close(() => resolveClose()));
    },
  };
};
