import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, afterEach, describe, expect, it, test, vi } from 'vitest';
import { identityModeFor, type Partition, partitionOf, readConfig } from '../../infra/config.ts';
import { WebStack } from '../../infra/stacks/web-stack.ts';
import { testContext } from './synth.ts';

const configFrom = (context: Record<string, unknown>) =>
  readConfig(new App({ context: testContext(context) }).node);

const outdirs: string[] = [];

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('readConfig', () => {
  it('targets us-east-1 and cn-north-1 by default, in their partitions', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    expect(readConfig(app.node).targets.map(({ region, partition }) => [region, partition])).toEqual([
      ['us-east-1', 'aws'],
      ['cn-north-1', 'aws-cn'],
    ]);
  });

  it('accepts regions as a comma-separated string (as -c passes it) or a list', () => {
    expect(configFrom({ regions: 'cn-northwest-1, eu-west-1' }).targets.map((t) => t.region)).toEqual([
      'cn-northwest-1',
      'eu-west-1',
    ]);
    expect(configFrom({ regions: ['ap-east-1'] }).targets.map((t) => t.region)).toEqual(['ap-east-1']);
  });

  it('refuses regions outside the aws and aws-cn partitions', () => {
    expect(() => configFrom({ regions: 'us-gov-west-1' })).toThrow(/partition/);
  });

  it('uses the CLI default account only in the partition it belongs to', () => {
    vi.stubEnv('CDK_DEFAULT_ACCOUNT', '111111111111');
    vi.stubEnv('CDK_DEFAULT_REGION', 'us-east-1');
    const targets = configFrom({}).targets;
    expect(targets.find((t) => t.region === 'us-east-1')?.account).toBe('111111111111');
    expect(targets.find((t) => t.region === 'cn-north-1')?.account).toBeUndefined();
  });

  it('prefers an explicit per-region account map', () => {
    const targets = configFrom({
      accounts: '{"cn-north-1":"222222222222"}',
      account: '333333333333',
    }).targets;
    expect(targets.find((t) => t.region === 'cn-north-1')?.account).toBe('222222222222');
    expect(targets.find((t) => t.region === 'us-east-1')?.account).toBe('333333333333');
  });

  it('rejects a log retention CloudWatch does not offer', () => {
    expect(() => configFrom({ logRetentionDays: 17 })).toThrow(/retention/);
  });

  test.each<[Partition, string | undefined, string]>([
    ['aws', undefined, 'cognito'],
    ['aws-cn', undefined, 'oidc'],
    ['aws', 'oidc', 'oidc'],
  ])('identity in %s with identity=%s is %s', (partition, identity, expected) => {
    expect(identityModeFor(configFrom(identity ? { identity } : {}), partition)).toBe(expected);
  });

  it('refuses Cognito in AWS China', () => {
    expect(() => identityModeFor(configFrom({ identity: 'cognito' }), 'aws-cn')).toThrow(/not available/);
  });

  it('knows the partition of China regions', () => {
    expect(partitionOf('cn-northwest-1')).toBe('aws-cn');
  });
});

/** WebStack alone, with cdk-nag: a custom domain must still synthesize clean in both partitions. */
const webWithDomain = (region: string, certificate: string): Template => {
  const app = new App({
    context: testContext({
      regions: region,
      consoleDomain: 'console.example.com.cn',
      consoleCertificate: certificate,
    }),
    outdir: mkdtempSync(join(tmpdir(), 'pilot-zone-web-')),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const config = readConfig(app.node);
  const stack = new WebStack(app, `Web-${region}`, {
    env: { region },
    config,
    partition: partitionOf(region),
  });
  app.synth();
  return Template.fromStack(stack);
};

describe('WebStack with a console domain', () => {
  it('uses an IAM server certificate and the ICP-filed alias in AWS China', () => {
    const template = webWithDomain('cn-north-1', 'ASCAEXAMPLEIAMCERTID');
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['console.example.com.cn'],
        ViewerCertificate: {
          IamCertificateId: 'ASCAEXAMPLEIAMCERTID',
          SslSupportMethod: 'sni-only',
          MinimumProtocolVersion: 'TLSv1.2_2021',
        },
      }),
    });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws:/);
  });

  it('uses the ACM certificate in the aws partition', () => {
    const certificate = ['arn', 'aws', 'acm', 'us-east-1', '123456789012', 'certificate/abc'].join(':');
    const template = webWithDomain('us-east-1', certificate);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['console.example.com.cn'],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: certificate,
          MinimumProtocolVersion: 'TLSv1.2_2021',
        }),
      }),
    });
  });

  it('refuses a domain without a certificate', () => {
    const app = new App({
      context: testContext({ regions: 'us-east-1', consoleDomain: 'console.example.com' }),
    });
    const config = readConfig(app.node);
    expect(
      () => new WebStack(app, 'Web', { env: { region: 'us-east-1' }, config, partition: 'aws' }),
    ).toThrow(/consoleCertificate/);
  });
});
