import { posix } from 'node:path';
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { type Alarm, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  type IGrantable,
  type IPrincipal,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  type ICommandHooks,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import {
  ATTACHMENT_KEY_PREFIX,
  ATTACHMENTS_BUCKET_VARIABLE,
  stateMachineArnVariable,
  TABLE_NAME_VARIABLE,
} from '../../functions/catalog.ts';
import { repoPath } from '../paths.ts';
import { ALARM_PERIOD, platformAlarm } from './alarms.ts';
import {
  ATTACHMENT_OBJECTS_WILDCARD,
  acknowledgeExpectedWildcards,
  EXECUTION_WILDCARD,
  TABLE_INDEX_WILDCARD,
} from './expected-wildcards.ts';
import { executionArnsOf, type WorkflowTarget } from './workflow-target.ts';

/** `api` → `functions/api/<name>.ts`, `steps` → `functions/steps/<name>.ts` (see functions/catalog.ts). */
export type FunctionKind = 'api' | 'steps';

export type TableAccess = 'read' | 'readwrite';

/** `route.attachments` of the catalog: `write` presigns uploads, `read` checks and presigns downloads. */
export type AttachmentAccess = 'read' | 'write';

/**
 * The one S3 action per access level. HeadObject is authorized as s3:GetObject. A presigned URL carries
 * the signing role's rights, so this is also all the console can do with a URL a function hands out.
 */
export const ATTACHMENT_ACTIONS: Readonly<Record<AttachmentAccess, string>> = {
  read: 's3:GetObject',
  write: 's3:PutObject',
};

export interface PlatformFunctionProps {
  kind: FunctionKind;
  /** Module name under `functions/<kind>/`, exporting `handler`. */
  name: string;
  description?: string;
  logLevel: string;
  logRetention: RetentionDays;
  /**
   * Of the function's log group: the stage's (ADR 0004).
   * @default RemovalPolicy.RETAIN
   */
  logRemovalPolicy?: RemovalPolicy;
  /** @default 512 */
  memorySize?: number;
  /** @default 10 s for `api` (below the HTTP API's 30 s integration limit), 60 s for `steps` */
  timeout?: Duration;
  /**
   * For functions invoked asynchronously (EventBridge): the queue an event goes to once Lambda's own
   * retries are spent, with `asyncRetryAttempts` and `maxEventAge` for those retries.
   */
  deadLetterQueue?: IQueue;
  /** @default 2 (Lambda's default), set explicitly when `deadLetterQueue` is. */
  asyncRetryAttempts?: number;
  /** @default 6 hours (Lambda's default). */
  maxEventAge?: Duration;
  /** Unset by default: reserving capacity fails in new accounts whose whole quota is 10. */
  reservedConcurrentExecutions?: number;
  /**
   * Files the code reads at run time that esbuild does not bundle (e.g. fonts), copied into the
   * function's asset after bundling: `from` relative to the repository root, `to` relative to the
   * bundle's root (where `index.mjs` is).
   */
  bundledFiles?: readonly BundledFile[];
}

/** A file copied into a function's asset: `from` relative to the repository root, `to` to the bundle's root. */
export interface BundledFile {
  from: string;
  to: string;
}

export const METRICS_NAMESPACE = 'PilotZone';

/**
 * ESM keeps top-level await and tree shaking; some CommonJS dependencies still call `require`,
 * which ESM lacks, so the bundle recreates it.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __platformCreateRequire } from 'node:module'; const require = __platformCreateRequire(import.meta.url);";

/** POSIX single-quoting: the bundling hooks run in `bash -c`, locally and in the Docker image alike. */
const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** A relative path that stays inside its base folder, in POSIX form; anything else is refused. */
const relativeInside = (path: string, what: string): string => {
  const normalized = posix.normalize(path.replaceAll('\\', '/'));
  if (
    path.trim() === '' ||
    posix.isAbsolute(normalized) ||
    normalized === '.' ||
    normalized === '..' ||
    normalized.startsWith('../') ||
    normalized.endsWith('/')
  ) {
    throw new Error(
      `bundled file ${what} must be a relative file path inside its folder, got ${JSON.stringify(path)}`,
    );
  }
  return normalized;
};

/** The files with checked POSIX paths; refuses paths leaving their folder and two files to one place. */
const checkedBundledFiles = (files: readonly BundledFile[]): BundledFile[] => {
  const checked = files.map((file) => ({
    from: relativeInside(file.from, 'source'),
    to: relativeInside(file.to, 'destination'),
  }));
  const targets = checked.map((file) => file.to);
  const duplicate = targets.find((target, index) => targets.indexOf(target) !== index);
  if (duplicate) throw new Error(`two bundled files would be copied to ${duplicate}`);
  return checked;
};

/**
 * The `afterBundling` commands that copy `files` from the project (`inputDir`, the repository root) into
 * the asset (`outputDir`): one `mkdir -p` for the destination folders, then one `cp` per file. The hook
 * commands are chained with `&&`, so a missing source file fails the synth, not the deployed function.
 * POSIX shell only (local bundling on Linux/macOS and the Docker bundling image).
 */
export const bundledFileCommands = (
  files: readonly BundledFile[],
  inputDir: string,
  outputDir: string,
): string[] => {
  if (files.length === 0) return [];
  const copies = checkedBundledFiles(files).map((file) => ({
    from: posix.join(inputDir, file.from),
    to: posix.join(outputDir, file.to),
  }));
  const folders = [...new Set(copies.map((copy) => posix.dirname(copy.to)))];
  return [
    `mkdir -p ${folders.map(shellQuote).join(' ')}`,
    ...copies.map((copy) => `cp ${shellQuote(copy.from)} ${shellQuote(copy.to)}`),
  ];
};

/**
 * NodejsFunction command hooks that copy `files` into the asset after bundling, and do nothing else.
 * The paths are checked here, at construction, so a bad entry fails even when bundling is skipped.
 */
export const bundledFileHooks = (files: readonly BundledFile[]): ICommandHooks => {
  const checked = checkedBundledFiles(files);
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => bundledFileCommands(checked, inputDir, outputDir),
  };
};

/**
 * The one way this platform defines a Lambda function, so every function gets the same runtime,
 * bundling, logging and tracing, and receives access only through the `bind*` helpers, which set
 * the environment variable and the matching grant together.
 */
export class PlatformFunction extends Construct implements IGrantable {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  readonly grantPrincipal: IPrincipal;
  private attachmentWildcardAcknowledged = false;
  private readonly props: PlatformFunctionProps;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);
    this.props = props;
    // From the region, not Stack.partition: that is a deploy-time token unless a feature flag is set.
    const { region } = Stack.of(this);
    const inChina = !Token.isUnresolved(region) && RegionInfo.get(region).partition === 'aws-cn';

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // In prod, logs are evidence for audits of decisions and outlive the stack (ADR 0004).
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.kind}/${props.name}`,
    });
    this.logGroup.grantWrite(this.role);
    this.grantPrincipal = this.role;

    this.function = new NodejsFunction(this, 'Function', {
      entry: repoPath('functions', props.kind, `${props.name}.ts`),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? (props.kind === 'api' ? Duration.seconds(10) : Duration.seconds(60)),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      ...(props.deadLetterQueue
        ? {
            deadLetterQueue: props.deadLetterQueue,
            retryAttempts: props.asyncRetryAttempts ?? 2,
            maxEventAge: props.maxEventAge,
          }
        : {}),
      description: props.description ?? `${props.kind}/${props.name}`,
      role: this.role,
      logGroup: this.logGroup,
      // Lambda's X-Ray integration is not offered in the AWS China regions (ADR 0001); the state
      // machines still trace there.
      tracing: inChina ? undefined : Tracing.ACTIVE,
      projectRoot: repoPath(),
      depsLockFilePath: repoPath('package-lock.json'),
      // SDK v3 keeps connections alive by itself; the variable this would add only concerns v2.
      awsSdkConnectionReuse: false,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // The pinned SDK from package-lock is what the tests ran against; the runtime's copy differs
        // by region and lags in the China regions.
        bundleAwsSDK: true,
        tsconfig: repoPath('tsconfig.json'),
        commandHooks: props.bundledFiles?.length ? bundledFileHooks(props.bundledFiles) : undefined,
      },
    });

    // nag: the runtime is a design decision (nodejs22.x), not a default left behind.
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'DESIGN.md Decision 1 pins nodejs22.x: the local cloud and CI run the same major; upgrading is a design change with its own ADR.',
    });
    acknowledgeExpectedWildcards(this, [TABLE_INDEX_WILDCARD, EXECUTION_WILDCARD]);
    if (!inChina) {
      // nag: active tracing needs X-Ray put actions, which IAM cannot scope to a resource.
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords take no resource-level permissions; no other statement of this role uses a bare *.',
      });
    }
  }

  /**
   * Errors (unhandled exceptions and timeouts: an API handler's 4xx/5xx responses are not errors) and
   * throttles (the account's concurrency is exhausted), each at one in five minutes, to `topic`.
   */
  addAlarms(topic: ITopic): Alarm[] {
    const subject = `${this.props.kind}/${this.props.name}`;
    const suffix = `${this.props.kind}-${this.props.name}`;
    return [
      platformAlarm(this, `${suffix}-Errors`, topic, {
        metric: this.function.metricErrors({ period: ALARM_PERIOD, statistic: Stats.SUM }),
        description: `${subject} failed (unhandled error or timeout); see its log group.`,
      }),
      platformAlarm(this, `${suffix}-Throttles`, topic, {
        metric: this.function.metricThrottles({ period: ALARM_PERIOD, statistic: Stats.SUM }),
        description: `${subject} was throttled: the account's Lambda concurrency is exhausted (docs/operations.md, Scale).`,
      }),
    ];
  }

  /**
   * TABLE_NAME plus exactly the access the catalog lists. `read` excludes every write action; the
   * Powertools idempotency records live in the same table, so handlers that need them are `readwrite`.
   */
  bindTable(table: ITable, access: TableAccess): this {
    this.function.addEnvironment(TABLE_NAME_VARIABLE, table.tableName);
    if (access === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    return this;
  }

  /**
   * ATTACHMENTS_BUCKET plus exactly one S3 action on `attachments/*` (see ATTACHMENT_ACTIONS): no
   * ListBucket, no Delete*, nothing on the bucket itself or on other keys. A handler needing both
   * levels is bound twice. The bucket must be SSE-S3: no KMS key use is granted.
   */
  bindAttachments(bucket: IBucket, access: AttachmentAccess): this {
    if (bucket.encryptionKey) {
      throw new Error('bindAttachments grants no KMS key use; the attachment bucket must use SSE-S3');
    }
    this.function.addEnvironment(ATTACHMENTS_BUCKET_VARIABLE, bucket.bucketName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [ATTACHMENT_ACTIONS[access]],
        resources: [bucket.arnForObjects(`${ATTACHMENT_KEY_PREFIX}*`)],
      }),
    );
    if (!this.attachmentWildcardAcknowledged) {
      acknowledgeExpectedWildcards(this, [ATTACHMENT_OBJECTS_WILDCARD]);
      this.attachmentWildcardAcknowledged = true;
    }
    return this;
  }

  /**
   * STATE_MACHINE_ARN_<PROGRAM> for each workflow, set to its alias (ADR 0004), with what the handlers do
   * with it: start an execution through the alias only, read and stop executions of the machine, and
   * answer callback tasks. Step Functions authorizes a call made with an alias ARN against the unqualified
   * machine ARN, with the alias in `states:StateMachineQualifier`: the condition is what limits starting to
   * the alias (the unqualified ARN, `$LATEST`, and versions are refused); the alias ARN is listed as well so
   * the statement reads as what it allows. SendTask* is authorized against the machine.
   */
  bindStateMachines(targets: ReadonlyMap<string, WorkflowTarget>): this {
    for (const [program, target] of targets) {
      this.function.addEnvironment(stateMachineArnVariable(program), target.aliasArn);
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['states:StartExecution'],
          resources: [target.stateMachineArn, target.aliasArn],
          conditions: {
            'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': [target.aliasName] },
          },
        }),
      );
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution'],
          resources: [executionArnsOf(this, target)],
        }),
      );
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: [target.stateMachineArn],
        }),
      );
    }
    return this;
  }
}
