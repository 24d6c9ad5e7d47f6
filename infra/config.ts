import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Node } from 'constructs';

/**
 * Everything the CDK app reads from context, in one place, parsed once.
 * Context given on the command line (`-c key=value`) always arrives as a string, while cdk.json
 * values keep their JSON type, so every reader accepts both.
 */

export type Partition = 'aws' | 'aws-cn';
export type IdentityMode = 'cognito' | 'oidc';
export type OriginAccess = 'oac' | 'oai';
export type Stage = 'dev' | 'prod';

export const STAGES = ['dev', 'prod'] as const satisfies readonly Stage[];

/**
 * What the stage decides (ADR 0004). `prod` keeps every record of an administrative act: the table
 * cannot be deleted and keeps 35 days of point-in-time recovery, every stateful resource outlives its
 * stack, and logs are kept at least a year. `dev` is disposable: `cdk destroy` removes the table and the
 * log groups (whose fixed names would otherwise block the next deploy).
 */
export interface StageSettings {
  stage: Stage;
  /** For the table, the log groups, the user pool and the queues. */
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  pointInTimeRecovery: boolean;
  /** The shortest log retention the stage accepts; a shorter `logRetentionDays` is raised to it. */
  minLogRetentionDays: number;
  /** Used when the context sets no `logRetentionDays`. */
  defaultLogRetentionDays: number;
  /**
   * Whether state machine logs carry states' input and output. Decisions carry reviewers' free text,
   * which may hold personal data: in prod it stays in the execution history (kept 90 days by the
   * service, read through IAM) and out of CloudWatch Logs.
   */
  logExecutionData: boolean;
}

export const STAGE_SETTINGS: Readonly<Record<Stage, StageSettings>> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    pointInTimeRecovery: false,
    minLogRetentionDays: 1,
    defaultLogRetentionDays: 30,
    logExecutionData: true,
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    pointInTimeRecovery: true,
    // Logs are evidence for audits of decisions; the Cybersecurity Law (网络安全法, art. 21) asks for at
    // least six months of network logs, and a year covers one full subsidy cycle.
    minLogRetentionDays: 365,
    defaultLogRetentionDays: 365,
    logExecutionData: false,
  },
};

export const DEFAULT_REGIONS = ['us-east-1', 'cn-north-1'] as const;

/** Placeholders that keep `cdk synth` working without a real identity provider; deploys must override them. */
export const PLACEHOLDER_OIDC_ISSUER = 'https://idp.example.com.cn/realms/pilot-zone';
export const PLACEHOLDER_OIDC_AUDIENCE = 'pilot-zone-console';

export interface RegionTarget {
  region: string;
  partition: Partition;
  /** Undefined keeps the stacks environment-agnostic in their account (region stays concrete). */
  account: string | undefined;
}

export interface ExistingTable {
  tableName: string;
  /** The table's NEW_IMAGE stream, which feeds the transition events. */
  tableStreamArn: string;
}

export interface PlatformConfig {
  /** Prefix of every stack name. */
  prefix: string;
  /** `-c stage=dev|prod`, dev by default. */
  stage: Stage;
  /** Removal, protection and retention settings of `stage`. */
  stageSettings: StageSettings;
  targets: RegionTarget[];
  logLevel: string;
  /** The stage's log retention: `logRetentionDays` (or the stage default), never below the stage minimum. */
  logRetentionDays: number;
  /** Optional e-mail address subscribed to the alarm topic (`-c alarmEmail=ops@example.com`). */
  alarmEmail: string | undefined;
  /**
   * The custom event bus transitions are published on; unique per account and region, so a second
   * deployment there (another stage or prefix) needs `-c eventBusName=...`.
   */
  eventBusName: string;
  /**
   * A table the data stack adopts instead of creating one: a point-in-time restore (docs/operations.md,
   * Restore). Given as `-c tableName=... -c tableStreamArn=...`, for one region at a time. Its stream,
   * TTL, PITR and deletion protection are then the operator's (the runbook sets them).
   */
  existingTable: ExistingTable | undefined;
  identity: IdentityMode | undefined;
  oidcIssuer: string;
  oidcAudience: string[];
  /** Custom domain of the console (required for serving it from CloudFront in AWS China, see ADR 0002). */
  consoleDomain: string | undefined;
  /** ACM certificate ARN (aws) or IAM server certificate ID (aws-cn) for `consoleDomain`. */
  consoleCertificate: string | undefined;
  /** Explicit CORS origin; defaults to the console domain or the distribution's domain. */
  consoleOrigin: string | undefined;
  /** Defaults by partition: OAC where offered, an access identity in AWS China (ADR 0002). */
  originAccess: OriginAccess | undefined;
  apiThrottleRate: number;
  apiThrottleBurst: number;
}

const text = (node: Node, key: string): string | undefined => {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`context "${key}" must be a string, got ${JSON.stringify(value)}`);
};

const list = (node: Node, key: string): string[] | undefined => {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.map((item) => String(item).trim()).filter(Boolean);
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }
  throw new Error(`context "${key}" must be a list or a comma-separated string`);
};

const positiveInt = (node: Node, key: string, fallback: number): number => {
  const raw = text(node, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`context "${key}" must be a positive integer`);
  return value;
};

const oneOf = <T extends string>(node: Node, key: string, allowed: readonly T[]): T | undefined => {
  const raw = text(node, key);
  if (raw === undefined) return undefined;
  const found = allowed.find((item) => item === raw);
  if (!found) throw new Error(`context "${key}" must be one of ${allowed.join(', ')}`);
  return found;
};

export const partitionOf = (region: string): Partition => {
  const partition = RegionInfo.get(region).partition;
  if (partition === 'aws' || partition === 'aws-cn') return partition;
  // GovCloud and the isolated partitions would need their own review of service availability.
  throw new Error(
    `region ${region} is in partition ${partition ?? 'unknown'}, which this app does not target`,
  );
};

/**
 * The default account (from the CLI's credentials) belongs to one partition only, so it is applied
 * solely to targets in that partition; an explicit `accounts` map or `account` wins.
 */
const accountFor = (node: Node, region: string, partition: Partition): string | undefined => {
  const accounts: unknown = node.tryGetContext('accounts');
  if (accounts !== undefined && accounts !== null) {
    const parsed: unknown = typeof accounts === 'string' ? JSON.parse(accounts) : accounts;
    if (typeof parsed !== 'object' || parsed === null)
      throw new Error('context "accounts" must map regions to accounts');
    const value: unknown = (parsed as Record<string, unknown>)[region];
    if (typeof value === 'string' && value) return value;
  }
  const explicit = text(node, 'account');
  if (explicit) return explicit;
  const envAccount = process.env.CDK_DEFAULT_ACCOUNT;
  const envRegion = process.env.CDK_DEFAULT_REGION;
  if (!envAccount) return undefined;
  if (envRegion && partitionOf(envRegion) !== partition) return undefined;
  return envAccount;
};

export const readConfig = (node: Node): PlatformConfig => {
  const regions = list(node, 'regions') ?? [...DEFAULT_REGIONS];
  if (new Set(regions).size !== regions.length) throw new Error('context "regions" lists a region twice');
  const targets = regions.map((region): RegionTarget => {
    const partition = partitionOf(region);
    return { region, partition, account: accountFor(node, region, partition) };
  });
  const stage = oneOf(node, 'stage', STAGES) ?? 'dev';
  const stageSettings = STAGE_SETTINGS[stage];
  const alarmEmail = text(node, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail))
    throw new Error('context "alarmEmail" must be an e-mail address');
  return {
    prefix: text(node, 'stackPrefix') ?? 'PilotZone',
    stage,
    stageSettings,
    targets,
    logLevel: oneOf(node, 'logLevel', ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const) ?? 'INFO',
    logRetentionDays: retentionDays(
      Math.max(
        positiveInt(node, 'logRetentionDays', stageSettings.defaultLogRetentionDays),
        stageSettings.minLogRetentionDays,
      ),
    ),
    alarmEmail,
    eventBusName: eventBusName(node),
    existingTable: existingTable(node, targets),
    identity: oneOf(node, 'identity', ['cognito', 'oidc'] as const),
    oidcIssuer: text(node, 'oidcIssuer') ?? PLACEHOLDER_OIDC_ISSUER,
    oidcAudience: list(node, 'oidcAudience') ?? [PLACEHOLDER_OIDC_AUDIENCE],
    consoleDomain: text(node, 'consoleDomain'),
    consoleCertificate: text(node, 'consoleCertificate'),
    consoleOrigin: text(node, 'consoleOrigin'),
    originAccess: oneOf(node, 'consoleOriginAccess', ['oac', 'oai'] as const),
    apiThrottleRate: positiveInt(node, 'apiThrottleRate', 100),
    apiThrottleBurst: positiveInt(node, 'apiThrottleBurst', 200),
  };
};

// Built from parts so that infra/ contains no hard-coded ARN prefix (test/infra checks this).
const STREAM_ARN = new RegExp(
  [
    '^arn',
    'aws(?:-cn)?',
    'dynamodb',
    '[a-z0-9-]+',
    '\\d{12}',
    'table/([A-Za-z0-9_.-]{3,255})/stream/[^/]+$',
  ].join(':'),
);

const existingTable = (node: Node, targets: readonly RegionTarget[]): ExistingTable | undefined => {
  const tableName = text(node, 'tableName');
  const tableStreamArn = text(node, 'tableStreamArn');
  if (tableName === undefined && tableStreamArn === undefined) return undefined;
  if (tableName === undefined || tableStreamArn === undefined)
    throw new Error('context "tableName" and "tableStreamArn" go together (docs/operations.md, Restore)');
  if (targets.length !== 1)
    throw new Error('context "tableName" adopts a table of one region: pass -c regions=<that region>');
  const match = STREAM_ARN.exec(tableStreamArn);
  if (!match || match[1] !== tableName)
    throw new Error(`context "tableStreamArn" must be the stream ARN of table ${tableName}`);
  if (!tableStreamArn.includes(`:${targets[0]?.region}:`))
    throw new Error(`context "tableStreamArn" must be in ${targets[0]?.region}`);
  return { tableName, tableStreamArn };
};

export const DEFAULT_EVENT_BUS_NAME = 'pilot-zone';

const eventBusName = (node: Node): string => {
  const name = text(node, 'eventBusName') ?? DEFAULT_EVENT_BUS_NAME;
  // EventBridge's rule for custom bus names; `default` is the account's own bus.
  if (!/^[A-Za-z0-9._-]{1,256}$/.test(name) || name === 'default')
    throw new Error(
      'context "eventBusName" must be 1-256 letters, digits, ".", "_" or "-", and not "default"',
    );
  return name;
};

/** Cognito user pools are not offered in AWS China regions (ADR 0001). */
export const identityModeFor = (config: PlatformConfig, partition: Partition): IdentityMode => {
  const mode = config.identity ?? (partition === 'aws' ? 'cognito' : 'oidc');
  if (mode === 'cognito' && partition === 'aws-cn') {
    throw new Error(
      'Cognito user pools are not available in AWS China regions; use identity=oidc (ADR 0001)',
    );
  }
  return mode;
};

export const retentionDays = (days: number): RetentionDays => {
  const allowed = Object.values(RetentionDays).filter(
    (value): value is RetentionDays => typeof value === 'number',
  );
  const found = allowed.find((value) => value === days);
  if (found === undefined)
    throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention period`);
  return found;
};
