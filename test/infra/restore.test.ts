import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAME_VARIABLE } from '../../functions/catalog.ts';
import { readConfig } from '../../infra/config.ts';
import { buildPlatform, type RegionStacks } from '../../infra/platform.ts';
import { testContext } from './synth.ts';
import { asArray, field, functionsByDescription, resourcesOf } from './template-helpers.ts';

const RESTORED = 'PilotZone-Data-restored-20261102';
const STREAM = `arn:aws-cn:dynamodb:cn-north-1:123456789012:table/${RESTORED}/stream/2026-11-02T08:00:00.000`;

const configFrom = (context: Record<string, unknown>) =>
  readConfig(new App({ context: testContext(context) }).node);

describe('readConfig existing table', () => {
  it('is unset unless tableName is given', () => {
    expect(configFrom({}).existingTable).toBeUndefined();
  });

  it('takes a table name and its stream, for one region', () => {
    expect(
      configFrom({ regions: 'cn-north-1', tableName: RESTORED, tableStreamArn: STREAM }).existingTable,
    ).toEqual({ tableName: RESTORED, tableStreamArn: STREAM });
  });

  it.each([
    ['a name without its stream', { regions: 'cn-north-1', tableName: RESTORED }, /go together/],
    ['two regions', { tableName: RESTORED, tableStreamArn: STREAM }, /one region/],
    [
      "another table's stream",
      { regions: 'cn-north-1', tableName: 'Other-table', tableStreamArn: STREAM },
      /stream ARN of table/,
    ],
    [
      'a stream of another region',
      { regions: 'cn-northwest-1', tableName: RESTORED, tableStreamArn: STREAM },
      /in cn-northwest-1/,
    ],
    [
      'something else',
      { regions: 'cn-north-1', tableName: RESTORED, tableStreamArn: 'stream' },
      /stream ARN/,
    ],
  ])('refuses %s', (_name, context, message) => {
    expect(() => configFrom(context)).toThrow(message);
  });
});

describe('a platform that adopts a restored table (cn-north-1, cdk-nag)', () => {
  let stacks: RegionStacks;
  let outdir: string;
  const template = (pick: (set: RegionStacks) => import('aws-cdk-lib').Stack) =>
    Template.fromStack(pick(stacks));

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'pilot-zone-restore-'));
    const app = new App({
      context: testContext({
        regions: 'cn-north-1',
        stage: 'prod',
        tableName: RESTORED,
        tableStreamArn: STREAM,
      }),
      outdir,
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const [set] = buildPlatform(app, readConfig(app.node));
    if (!set) throw new Error('no stacks');
    stacks = set;
    app.synth();
  }, 180_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('creates no table; the pipe reads the restored table stream', () => {
    const data = template((set) => set.data);
    data.resourceCountIs('AWS::DynamoDB::Table', 0);
    data.hasResourceProperties('AWS::Pipes::Pipe', { Source: STREAM });
  });

  it('gives every function the restored name as a literal: no stack imports the table from Data', () => {
    const importsOf = (pick: (set: RegionStacks) => import('aws-cdk-lib').Stack) =>
      [...JSON.stringify(template(pick).toJSON()).matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map(
        (match) => match[1] ?? '',
      );
    for (const pick of [(set: RegionStacks) => set.workflow, (set: RegionStacks) => set.api]) {
      const functions = [...functionsByDescription(template(pick)).values()];
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) expect(fn.environment[TABLE_NAME_VARIABLE]).toBe(RESTORED);
    }
    // What remains imported is the alarm topic, the attachment bucket and (dashboard) the API id.
    for (const pick of [
      (set: RegionStacks) => set.workflow,
      (set: RegionStacks) => set.api,
      (set: RegionStacks) => set.dashboard,
    ]) {
      for (const name of importsOf(pick)) expect(name).not.toMatch(/Table/);
    }
    expect([...new Set(importsOf((set) => set.dashboard))]).toEqual([
      expect.stringMatching(/^PilotZone-Api-cn-north-1:ExportsOutputRefApi/),
    ]);
  });

  it('still grants the table and its indexes, and alarms on it by name', () => {
    const api = template((set) => set.api);
    const resources = JSON.stringify(
      resourcesOf(api, 'AWS::IAM::Policy').flatMap(([, policy]) =>
        asArray(field(policy.Properties, 'PolicyDocument', 'Statement')).map((statement) =>
          field(statement, 'Resource'),
        ),
      ),
    );
    expect(resources).toContain(`:table/${RESTORED}`);
    expect(resources).toContain(`:table/${RESTORED}/index/*`);
    template((set) => set.data).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ReadThrottleEvents',
      Dimensions: [{ Name: 'TableName', Value: RESTORED }],
    });
  });
});
