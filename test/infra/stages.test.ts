import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it, test } from 'vitest';
import { readConfig, STAGE_SETTINGS } from '../../infra/config.ts';
import { allTemplates, REGIONS, type RegionTemplates, synthesizedPerFile, testContext } from './synth.ts';
import { field, resourcesOf } from './template-helpers.ts';

/** Both stages, both regions, each synthesized once with cdk-nag (reaching the templates means clean). */
const dev = synthesizedPerFile({ stage: 'dev' });
const prod = synthesizedPerFile({ stage: 'prod' });

const STAGES = [
  ['dev', dev, { policy: 'Delete', protection: false, pitr: false, retention: 30, executionData: true }],
  ['prod', prod, { policy: 'Retain', protection: true, pitr: true, retention: 365, executionData: false }],
] as const;

const stateful = (templates: RegionTemplates): Template[] => allTemplates(templates);

describe('readConfig stage', () => {
  const configFrom = (context: Record<string, unknown>, withCdkJson = true) =>
    readConfig(
      new App({ context: withCdkJson ? testContext(context) : { 'aws:cdk:bundling-stacks': [], ...context } })
        .node,
    );

  it('is dev unless -c stage=prod', () => {
    expect(configFrom({}).stage).toBe('dev');
    expect(configFrom({ stage: 'prod' }).stage).toBe('prod');
    expect(configFrom({ stage: 'prod' }).stageSettings).toBe(STAGE_SETTINGS.prod);
  });

  it('refuses any other stage', () => {
    expect(() => configFrom({ stage: 'staging' })).toThrow(/stage/);
  });

  it('keeps logs 30 days in dev and a year in prod when nothing is configured', () => {
    expect(configFrom({}, false).logRetentionDays).toBe(30);
    expect(configFrom({ stage: 'prod' }, false).logRetentionDays).toBe(365);
  });

  it('raises a shorter logRetentionDays to the prod minimum, and keeps a longer one', () => {
    expect(configFrom({ stage: 'prod', logRetentionDays: 90 }).logRetentionDays).toBe(365);
    expect(configFrom({ stage: 'prod', logRetentionDays: '731' }).logRetentionDays).toBe(731);
    expect(configFrom({ stage: 'dev', logRetentionDays: 14 }).logRetentionDays).toBe(14);
  });

  it('accepts an alarm e-mail address and refuses anything else', () => {
    expect(configFrom({ alarmEmail: 'ops@example.com.cn' }).alarmEmail).toBe('ops@example.com.cn');
    expect(configFrom({}).alarmEmail).toBeUndefined();
    expect(() => configFrom({ alarmEmail: 'not an address' })).toThrow(/alarmEmail/);
  });
});

describe.each(STAGES)('stage %s', (_stage, synthesized, expected) => {
  describe.each(REGIONS)('%s', (region) => {
    it(`table: ${expected.policy}, deletion protection ${expected.protection}, PITR ${expected.pitr}`, () => {
      const { data } = synthesized.at(region);
      const [entry, ...others] = Object.values(data.findResources('AWS::DynamoDB::Table'));
      expect(others).toEqual([]);
      expect(field(entry, 'DeletionPolicy')).toBe(expected.policy);
      expect(field(entry, 'UpdateReplacePolicy')).toBe(expected.policy);
      expect(field(entry, 'Properties', 'DeletionProtectionEnabled')).toBe(expected.protection);
      expect(
        field(entry, 'Properties', 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'),
      ).toBe(expected.pitr);
    });

    it(`log groups: ${expected.policy}, kept ${expected.retention} days`, () => {
      const templates = synthesized.at(region);
      let count = 0;
      for (const template of stateful(templates)) {
        for (const [id, group] of Object.entries(template.findResources('AWS::Logs::LogGroup'))) {
          count += 1;
          expect(field(group, 'DeletionPolicy'), id).toBe(expected.policy);
          expect(field(group, 'Properties', 'RetentionInDays'), id).toBe(expected.retention);
        }
      }
      expect(count).toBeGreaterThan(40);
    });

    it(`state machines log ALL events, execution data ${expected.executionData}`, () => {
      const { workflow } = synthesized.at(region);
      const machines = resourcesOf(workflow, 'AWS::StepFunctions::StateMachine');
      expect(machines.length).toBeGreaterThan(0);
      for (const [id, machine] of machines) {
        expect(field(machine.Properties, 'LoggingConfiguration', 'Level'), id).toBe('ALL');
        expect(field(machine.Properties, 'LoggingConfiguration', 'IncludeExecutionData'), id).toBe(
          expected.executionData,
        );
      }
    });

    it(`alarm topic key: ${expected.policy}, rotated`, () => {
      const { monitoring } = synthesized.at(region);
      const [key, ...others] = Object.values(monitoring.findResources('AWS::KMS::Key'));
      expect(others).toEqual([]);
      expect(field(key, 'DeletionPolicy')).toBe(expected.policy);
      expect(field(key, 'Properties', 'EnableKeyRotation')).toBe(true);
    });

    it('buckets: retained in every stage, never emptied by the stack', () => {
      const templates = synthesized.at(region);
      for (const template of stateful(templates)) {
        for (const [id, bucket] of Object.entries(template.findResources('AWS::S3::Bucket'))) {
          expect(field(bucket, 'DeletionPolicy'), id).toBe('Retain');
        }
        template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
      }
    });

    it('access-log buckets expire objects with the log retention', () => {
      const templates = synthesized.at(region);
      for (const template of [templates.data, templates.web]) {
        const expirations = resourcesOf(template, 'AWS::S3::Bucket').flatMap(([, bucket]) => {
          const rules = field(bucket.Properties, 'LifecycleConfiguration', 'Rules');
          return Array.isArray(rules) ? rules.map((rule) => field(rule, 'ExpirationInDays')) : [];
        });
        expect(expirations.filter((days) => days !== undefined)).toEqual([expected.retention]);
      }
    });
  });

  it(`us-east-1 user pool: ${expected.policy}, deletion protection ${expected.protection}`, () => {
    const { api } = synthesized.at('us-east-1');
    const [pool] = Object.values(api.findResources('AWS::Cognito::UserPool'));
    expect(field(pool, 'DeletionPolicy')).toBe(expected.policy);
    expect(field(pool, 'Properties', 'DeletionProtection')).toBe(expected.protection ? 'ACTIVE' : 'INACTIVE');
  });
});

test.each(REGIONS)('%s: the stages differ only where the stage decides', (region) => {
  // Same resources in both stages: the stage changes settings, never what is deployed.
  const types = (templates: RegionTemplates) =>
    stateful(templates)
      .flatMap((template) =>
        Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type),
      )
      .sort();
  expect(types(dev.at(region))).toEqual(types(prod.at(region)));
});
