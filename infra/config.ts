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

export interface PlatformConfig {
  /** Prefix of every stack name. */
  prefix: string;
  targets: RegionTarget[];
  logLevel: string;
  logRetentionDays: number;
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
  return {
    prefix: text(node, 'stackPrefix') ?? 'PilotZone',
    targets,
    logLevel: oneOf(node, 'logLevel', ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const) ?? 'INFO',
    logRetentionDays: retentionDays(positiveInt(node, 'logRetentionDays', 180)),
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
