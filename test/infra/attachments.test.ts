import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it, test } from 'vitest';
import { ATTACHMENTS_BUCKET_VARIABLE, apiRoutes } from '../../functions/catalog.ts';
import { readConfig } from '../../infra/config.ts';
import { PlatformFunction } from '../../infra/constructs/platform-function.ts';
import { buildPlatform } from '../../infra/platform.ts';
import { DataStack } from '../../infra/stacks/data-stack.ts';
import { MonitoringStack } from '../../infra/stacks/monitoring-stack.ts';
import { REGIONS, type RegionTemplates, synthesizedPerFile, testContext } from './synth.ts';
import { asArray, field, functionsByDescription, resourcesOf, statementsOfRole } from './template-helpers.ts';

const { at } = synthesizedPerFile();

const logicalId = (stack: Stack, resource: unknown): string => {
  const id: unknown = stack.resolve(stack.getLogicalId(resource as CfnBucket));
  if (typeof id !== 'string') throw new Error('unresolved logical ID');
  return id;
};

/** The name under which `template` exports `value` (how a sibling stack imports it). */
const exportNameOf = (template: Template, value: unknown): string => {
  const outputs = field(template.toJSON(), 'Outputs');
  for (const output of Object.values(typeof outputs === 'object' && outputs !== null ? outputs : {})) {
    const name = field(output, 'Export', 'Name');
    if (isDeepStrictEqual(field(output, 'Value'), value) && typeof name === 'string') return name;
  }
  throw new Error(`no export of ${JSON.stringify(value)}`);
};

const s3Statements = (templates: RegionTemplates, handler: string) => {
  const fn = functionsByDescription(templates.api).get(`api/${handler}`);
  if (!fn) throw new Error(`no function for ${handler}`);
  const statements = statementsOfRole(templates.api, fn.roleLogicalId).filter((statement) =>
    statement.actions.some((action) => action.startsWith('s3:')),
  );
  return { fn, statements };
};

/** What the API stack sees of the attachment bucket: imports of the data stack's exports. */
const importedBucket = (templates: RegionTemplates) => {
  const { stacks, data } = templates;
  const bucketId = logicalId(stacks.data, stacks.data.attachments.node.defaultChild);
  return {
    bucketId,
    name: { 'Fn::ImportValue': exportNameOf(data, { Ref: bucketId }) },
    objects: {
      'Fn::Join': [
        '',
        [{ 'Fn::ImportValue': exportNameOf(data, { 'Fn::GetAtt': [bucketId, 'Arn'] }) }, '/attachments/*'],
      ],
    },
  };
};

/** A handler's attachment levels: the union over the routes it serves, as the API stack binds them. */
const attachmentLevels = (handler: string): string[] =>
  [
    ...new Set(
      apiRoutes.filter((route) => route.handler === handler).flatMap((route) => asArray(route.attachments)),
    ),
  ]
    .map(String)
    .sort();

const ACTION_BY_LEVEL: Record<string, string> = { read: 's3:GetObject', write: 's3:PutObject' };

describe.each(REGIONS)('%s attachment bucket', (region) => {
  it('is private, TLS-only, SSE-S3, versioned, logged to its own log bucket, and retained', () => {
    const templates = at(region);
    const { data, stacks } = templates;
    const { bucketId } = importedBucket(templates);
    const logsId = logicalId(stacks.data, stacks.data.attachmentAccessLogs.node.defaultChild);
    data.resourceCountIs('AWS::S3::Bucket', 2);
    const attachments = field(data.toJSON(), 'Resources', bucketId);
    expect(field(attachments, 'DeletionPolicy')).toBe('Retain');
    expect(field(attachments, 'UpdateReplacePolicy')).toBe('Retain');
    expect(field(attachments, 'Properties')).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'attachments/' },
    });
    // Retained like the table: the stack never empties it (no auto-delete custom resource, no function).
    data.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    data.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('denies every request without TLS in its bucket policy', () => {
    const templates = at(region);
    const { bucketId } = importedBucket(templates);
    templates.data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: [
              { 'Fn::GetAtt': [bucketId, 'Arn'] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
            ],
          }),
        ]),
      }),
    });
  });

  it('aborts incomplete multipart uploads after one day and expires nothing', () => {
    const templates = at(region);
    const { bucketId } = importedBucket(templates);
    expect(
      field(templates.data.toJSON(), 'Resources', bucketId, 'Properties', 'LifecycleConfiguration'),
    ).toEqual({ Rules: [{ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }] });
  });

  it("admits the console's origin only (the distribution's domain, imported from Web), for PUT, GET and HEAD", () => {
    const templates = at(region);
    const { bucketId } = importedBucket(templates);
    const { stacks, web } = templates;
    const distributionId = logicalId(
      stacks.web,
      stacks.web.distribution.node.defaultChild as CfnDistribution,
    );
    const domainExport = exportNameOf(web, { 'Fn::GetAtt': [distributionId, 'DomainName'] });
    expect(field(templates.data.toJSON(), 'Resources', bucketId, 'Properties', 'CorsConfiguration')).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['PUT', 'GET', 'HEAD'],
          AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::ImportValue': domainExport }]] }],
          AllowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
          ExposedHeaders: ['ETag'],
          MaxAge: 3000,
        },
      ],
    });
    expect(stacks.data.dependencies).toContain(stacks.web);
    expect(stacks.web.dependencies).not.toContain(stacks.data);
  });

  it('keeps its access-log bucket private, TLS-only and expiring with the log retention', () => {
    const templates = at(region);
    const { stacks, data } = templates;
    const logsId = logicalId(stacks.data, stacks.data.attachmentAccessLogs.node.defaultChild);
    const logs = field(data.toJSON(), 'Resources', logsId);
    expect(field(logs, 'DeletionPolicy')).toBe('Retain');
    expect(field(logs, 'Properties', 'PublicAccessBlockConfiguration')).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(field(logs, 'Properties', 'LifecycleConfiguration')).toEqual({
      Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }],
    });
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logsId },
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });

  it('lets create-attachment-upload only s3:PutObject on attachments/*, with the bucket name', () => {
    const templates = at(region);
    const bucket = importedBucket(templates);
    const { fn, statements } = s3Statements(templates, 'create-attachment-upload');
    expect(statements).toEqual([{ actions: ['s3:PutObject'], resources: [bucket.objects] }]);
    expect(fn.environment[ATTACHMENTS_BUCKET_VARIABLE]).toEqual(bucket.name);
  });

  it('lets get-attachment-download only s3:GetObject on attachments/*, with the bucket name', () => {
    const templates = at(region);
    const bucket = importedBucket(templates);
    const { fn, statements } = s3Statements(templates, 'get-attachment-download');
    expect(statements).toEqual([{ actions: ['s3:GetObject'], resources: [bucket.objects] }]);
    expect(fn.environment[ATTACHMENTS_BUCKET_VARIABLE]).toEqual(bucket.name);
  });

  it('gives list-programs (no attachments in the catalog) no S3 action and no bucket variable', () => {
    const templates = at(region);
    const { fn, statements } = s3Statements(templates, 'list-programs');
    expect(statements).toEqual([]);
    expect(fn.environment[ATTACHMENTS_BUCKET_VARIABLE]).toBeUndefined();
    const policies = resourcesOf(templates.api, 'AWS::IAM::Policy').filter(([, policy]) =>
      asArray(policy.Properties.Roles).some((role) => field(role, 'Ref') === fn.roleLogicalId),
    );
    expect(JSON.stringify(policies)).not.toContain(importedBucket(templates).bucketId);
  });

  test.each([...new Set(apiRoutes.map((route) => route.handler))])(
    '%s gets exactly the S3 action of its catalog attachments level, on attachments/* only',
    (handler) => {
      const templates = at(region);
      const bucket = importedBucket(templates);
      const { fn, statements } = s3Statements(templates, handler);
      const levels = attachmentLevels(handler);
      const expected = levels.map((level) => ACTION_BY_LEVEL[level]).sort();
      expect(statements.flatMap((statement) => statement.actions).sort()).toEqual(expected);
      for (const statement of statements) expect(statement.resources).toEqual([bucket.objects]);
      if (levels.length > 0) expect(fn.environment[ATTACHMENTS_BUCKET_VARIABLE]).toEqual(bucket.name);
      else expect(fn.environment[ATTACHMENTS_BUCKET_VARIABLE]).toBeUndefined();
    },
  );

  it('gives no workflow-stack function an S3 action or the bucket variable', () => {
    const { workflow } = at(region);
    for (const [description, fn] of functionsByDescription(workflow)) {
      expect(fn.environment[ATTACHMENTS_BUCKET_VARIABLE], description).toBeUndefined();
      const actions = statementsOfRole(workflow, fn.roleLogicalId).flatMap((statement) => statement.actions);
      expect(
        actions.filter((action) => action.startsWith('s3:')),
        description,
      ).toEqual([]);
    }
  });

  it('is what the read routes (create-application, resubmit-application, decide-task) check uploads in', () => {
    const templates = at(region);
    const bucket = importedBucket(templates);
    for (const handler of ['create-application', 'resubmit-application', 'decide-task']) {
      expect(attachmentLevels(handler), handler).toEqual(['read']);
      expect(s3Statements(templates, handler).statements, handler).toEqual([
        { actions: ['s3:GetObject'], resources: [bucket.objects] },
      ]);
    }
  });
});

describe('attachment bucket with a configured console origin', () => {
  it('admits that origin verbatim, and Data then takes nothing from Web', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pilot-zone-origin-'));
    const app = new App({
      context: testContext({ regions: 'cn-north-1', consoleOrigin: 'https://console.example.com.cn' }),
      outdir,
    });
    const [stacks] = buildPlatform(app, readConfig(app.node));
    if (!stacks) throw new Error('no stacks');
    Template.fromStack(stacks.data).hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedOrigins: ['https://console.example.com.cn'] })],
      },
    });
    expect(stacks.data.dependencies).not.toContain(stacks.web);
    rmSync(outdir, { recursive: true, force: true });
  });

  it('refuses a data stack without a console origin', () => {
    const app = new App({ context: testContext({ regions: 'us-east-1' }) });
    const env = { region: 'us-east-1' };
    const config = readConfig(app.node);
    const { alarmTopic } = new MonitoringStack(app, 'Monitoring', { env, config });
    expect(() => new DataStack(app, 'Data', { env, config, consoleOrigins: [], alarmTopic })).toThrow(
      /console origin/,
    );
  });
});

describe('bindAttachments', () => {
  it('refuses a KMS-encrypted bucket, whose key it would not grant', () => {
    const app = new App({ context: testContext() });
    const stack = new Stack(app, 'Probe', { env: { region: 'us-east-1' } });
    const bucket = new Bucket(stack, 'Encrypted', { encryption: BucketEncryption.KMS });
    const fn = new PlatformFunction(stack, 'Fn', {
      kind: 'api',
      name: 'list-programs',
      logLevel: 'INFO',
      logRetention: RetentionDays.SIX_MONTHS,
    });
    expect(() => fn.bindAttachments(bucket, 'read')).toThrow(/SSE-S3/);
  });
});
