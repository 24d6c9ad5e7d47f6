import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it, test } from 'vitest';
import { apiRoutes, scheduledFunctions, stateMachines, stepFunctions } from '../../functions/catalog.ts';
import { readConfig } from '../../infra/config.ts';
import { ALARMS_PER_STATUS_WIDGET } from '../../infra/stacks/dashboard-stack.ts';
import { MonitoringStack } from '../../infra/stacks/monitoring-stack.ts';
import { ABORTED_EXECUTIONS_PER_HOUR } from '../../infra/stacks/workflow-stack.ts';
import { allTemplates, REGIONS, type RegionTemplates, synthesizedPerFile, testContext } from './synth.ts';
import { asArray, field, functionsByDescription, resourcesOf } from './template-helpers.ts';

const { at } = synthesizedPerFile();

/** CloudFormation's hard limit of resources per stack. */
const STACK_RESOURCE_LIMIT = 500;

interface AlarmInfo {
  id: string;
  name: string;
  properties: Record<string, unknown>;
}

const alarmsOf = (template: Template): AlarmInfo[] =>
  resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([id, alarm]) => ({
    id,
    name: String(alarm.Properties.AlarmName),
    properties: alarm.Properties,
  }));

const allAlarms = (templates: RegionTemplates): AlarmInfo[] =>
  [templates.data, templates.workflow, templates.api].flatMap(alarmsOf);

const alarmNamed = (templates: RegionTemplates, name: string): AlarmInfo => {
  const found = allAlarms(templates).find((alarm) => alarm.name === name);
  if (!found) throw new Error(`no alarm ${name}`);
  return found;
};

const topicId = (templates: RegionTemplates): string => {
  const [topic] = resourcesOf(templates.monitoring, 'AWS::SNS::Topic');
  if (!topic) throw new Error('no alarm topic');
  return topic[0];
};

const dashboardBody = (templates: RegionTemplates): string =>
  JSON.stringify(resourcesOf(templates.dashboard, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties);

describe.each(REGIONS)('%s operations', (region) => {
  describe('alarm topic', () => {
    it('is encrypted with a rotated customer managed key that CloudWatch may use', () => {
      const { monitoring } = at(region);
      const [keyId] = Object.keys(monitoring.findResources('AWS::KMS::Key'));
      monitoring.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
      monitoring.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            }),
          ]),
        }),
      });
    });

    it('refuses publishers without TLS', () => {
      const templates = at(region);
      templates.monitoring.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId(templates) }],
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sns:Publish',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        }),
      });
    });

    it('has no subscription unless alarmEmail is set', () => {
      at(region).monitoring.resourceCountIs('AWS::SNS::Subscription', 0);
    });
  });

  it('every alarm notifies the topic on ALARM and on OK, and ignores missing data', () => {
    const templates = at(region);
    const alarms = allAlarms(templates);
    expect(alarms.length).toBeGreaterThan(100);
    for (const alarm of alarms) {
      for (const actions of ['AlarmActions', 'OKActions']) {
        const [action, ...more] = asArray(alarm.properties[actions]);
        expect(more, alarm.name).toEqual([]);
        expect(JSON.stringify(action), alarm.name).toContain('Fn::ImportValue');
        expect(JSON.stringify(action), alarm.name).toContain(topicId(templates));
      }
      expect(alarm.properties.TreatMissingData, alarm.name).toBe('notBreaching');
      expect(alarm.properties.ComparisonOperator, alarm.name).toBe('GreaterThanOrEqualToThreshold');
      expect(alarm.name.startsWith(`PilotZone-`), alarm.name).toBe(true);
    }
    expect(new Set(alarms.map((alarm) => alarm.name)).size).toBe(alarms.length);
  });

  describe('functions', () => {
    const functions = [
      ...new Set(apiRoutes.map((route) => `api/${route.handler}`)),
      ...stepFunctions.map((step) => `steps/${step.name}`),
      ...scheduledFunctions.map((scheduled) => `steps/${scheduled.name}`),
    ];

    test.each(functions)('%s: Errors and Throttles alarms at 1 in 5 minutes', (description) => {
      const templates = at(region);
      const [kind] = description.split('/');
      const template = kind === 'api' ? templates.api : templates.workflow;
      const fn = functionsByDescription(template).get(description);
      if (!fn) throw new Error(`no function ${description}`);
      const suffix = description.replace('/', '-');
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = alarmNamed(
          templates,
          `${template === templates.api ? templates.stacks.api.stackName : templates.stacks.workflow.stackName}-${suffix}-${metric}`,
        );
        expect(alarm.properties).toMatchObject({
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn.logicalId } }],
          Statistic: 'Sum',
          Period: 300,
          Threshold: 1,
          EvaluationPeriods: 1,
        });
      }
    });
  });

  describe('state machines', () => {
    test.each(stateMachines.map((machine) => machine.program))(
      '%s: failed, timed out and aborted executions; failures roll the alias back',
      (program) => {
        const templates = at(region);
        const { workflow, stacks } = templates;
        const [machine] = resourcesOf(workflow, 'AWS::StepFunctions::StateMachine').filter(([, resource]) =>
          String(resource.Properties.StateMachineName).endsWith(`-${program}`),
        );
        if (!machine) throw new Error(`no machine ${program}`);
        const dimension = [{ Name: 'StateMachineArn', Value: { Ref: machine[0] } }];
        const prefix = `${stacks.workflow.stackName}-${program}`;
        const failed = alarmNamed(templates, `${prefix}-ExecutionsFailed`);
        const timedOut = alarmNamed(templates, `${prefix}-ExecutionsTimedOut`);
        const aborted = alarmNamed(templates, `${prefix}-ExecutionsAborted`);
        expect(failed.properties).toMatchObject({
          MetricName: 'ExecutionsFailed',
          Dimensions: dimension,
          Threshold: 1,
          Period: 300,
        });
        expect(timedOut.properties).toMatchObject({
          MetricName: 'ExecutionsTimedOut',
          Dimensions: dimension,
          Threshold: 1,
        });
        expect(aborted.properties).toMatchObject({
          MetricName: 'ExecutionsAborted',
          Dimensions: dimension,
          Threshold: ABORTED_EXECUTIONS_PER_HOUR,
          Period: 3600,
        });
        const [alias] = resourcesOf(workflow, 'AWS::StepFunctions::StateMachineAlias').filter(
          ([, resource]) => String(resource.Properties.Description).startsWith(`${program}:`),
        );
        expect(field(alias?.[1].Properties, 'DeploymentPreference', 'Alarms')).toEqual([
          { Ref: failed.id },
          { Ref: timedOut.id },
        ]);
      },
    );
  });

  it('the table: throttled requests, read and write throttle events, system errors', () => {
    const templates = at(region);
    const prefix = templates.stacks.data.stackName;
    for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      expect(alarmNamed(templates, `${prefix}-Table-${metric}`).properties).toMatchObject({
        Namespace: 'AWS/DynamoDB',
        MetricName: metric,
        Threshold: 1,
      });
    }
    for (const [name, metric] of [
      ['ThrottledRequests', 'ThrottledRequests'],
      ['SystemErrors', 'SystemErrors'],
    ]) {
      const alarm = alarmNamed(templates, `${prefix}-Table-${name}`);
      // A sum over the operations the platform uses: metric math with at most 10 metrics.
      const metrics = asArray(alarm.properties.Metrics);
      const inputs = metrics.filter((entry) => field(entry, 'MetricStat') !== undefined);
      expect(inputs.length).toBeGreaterThan(0);
      expect(inputs.length).toBeLessThanOrEqual(10);
      for (const input of inputs) expect(field(input, 'MetricStat', 'Metric', 'MetricName')).toBe(metric);
    }
  });

  it('the HTTP API: any 5xx in 5 minutes', () => {
    const templates = at(region);
    const [apiId] = Object.keys(templates.api.findResources('AWS::ApiGatewayV2::Api'));
    expect(alarmNamed(templates, `${templates.stacks.api.stackName}-Api-5xx`).properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
      Threshold: 1,
    });
  });

  describe('dashboard', () => {
    it('is one dashboard, named for the stage and region, deployed after every stack with alarms', () => {
      const { dashboard, stacks } = at(region);
      dashboard.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      dashboard.hasResourceProperties('AWS::CloudWatch::Dashboard', {
        DashboardName: `PilotZone-dev-${region}`,
      });
      for (const stack of [stacks.data, stacks.workflow, stacks.api]) {
        expect(stacks.dashboard.dependencies).toContain(stack);
      }
    });

    it('shows every alarm by name, at most 100 per status widget', () => {
      const templates = at(region);
      const body = dashboardBody(templates);
      const alarms = allAlarms(templates);
      for (const alarm of alarms) expect(body, alarm.name).toContain(`:alarm:${alarm.name}`);
      const widgets = body.split('"type\\":\\"alarm\\"').length - 1;
      expect(widgets).toBe(Math.ceil(alarms.length / ALARMS_PER_STATUS_WIDGET));
    });

    it('graphs each machine, the API, the account Lambda totals and the table', () => {
      const templates = at(region);
      const body = dashboardBody(templates);
      for (const machine of stateMachines) {
        expect(body).toContain(`:stateMachine:${templates.stacks.workflow.stackName}-${machine.program}`);
      }
      for (const metric of ['ExecutionsStarted', 'ExecutionsFailed', 'ConcurrentExecutions', 'Throttles']) {
        expect(body).toContain(metric);
      }
      for (const metric of ['Count', '5xx', 'Latency', 'ConsumedWriteCapacityUnits', 'ThrottledRequests']) {
        expect(body).toContain(metric);
      }
    });

    it('imports nothing but the table name and the API id', () => {
      const imports = JSON.stringify(at(region).dashboard.toJSON()).match(/Fn::ImportValue/g) ?? [];
      // The table name appears in several metrics, but only two exports are imported.
      const names = new Set(
        [...JSON.stringify(at(region).dashboard.toJSON()).matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map(
          (match) => match[1],
        ),
      );
      expect(imports.length).toBeGreaterThan(0);
      expect(names.size).toBe(2);
    });
  });

  it(`keeps every stack well under CloudFormation's ${STACK_RESOURCE_LIMIT} resources`, () => {
    for (const template of allTemplates(at(region))) {
      const count = Object.keys(template.toJSON().Resources as object).length;
      // The API stack grows by ~9 resources per handler; split it (docs/operations.md, Scale) before this fails.
      expect(count).toBeLessThan(STACK_RESOURCE_LIMIT - 50);
    }
  });
});

describe('alarm e-mail subscription', () => {
  it('subscribes -c alarmEmail to the topic, and passes cdk-nag', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pilot-zone-alarm-email-'));
    const app = new App({
      context: testContext({ regions: 'cn-north-1', alarmEmail: 'ops@example.com.cn' }),
      outdir,
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new MonitoringStack(app, 'Monitoring', {
      env: { region: 'cn-north-1' },
      config: readConfig(app.node),
    });
    app.synth();
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com.cn',
    });
    rmSync(outdir, { recursive: true, force: true });
  });
});

describe.each(REGIONS)('%s dead-letter path of scheduled functions', (region) => {
  const queues = (templates: RegionTemplates) => resourcesOf(templates.workflow, 'AWS::SQS::Queue');

  it('has one encrypted, 14-day queue per scheduled function, and no other queue in the stack but events', () => {
    const templates = at(region);
    const scheduled = queues(templates).filter(([id]) => id.startsWith('Scheduled'));
    expect(scheduled).toHaveLength(scheduledFunctions.length);
    for (const [id, queue] of scheduled) {
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
      expect(queue.Properties.MessageRetentionPeriod, id).toBe(14 * 24 * 3600);
    }
  });

  test.each(scheduledFunctions.map((scheduled) => [scheduled.name, scheduled] as const))(
    '%s: rule target and function retry twice, then land in the same queue, which alarms',
    (_name, scheduled) => {
      const templates = at(region);
      const { workflow } = templates;
      const fn = functionsByDescription(workflow).get(`steps/${scheduled.name}`);
      if (!fn) throw new Error(`no function ${scheduled.name}`);
      const queueArn = field(fn.properties, 'DeadLetterConfig', 'TargetArn');
      const queueId = asArray(field(queueArn, 'Fn::GetAtt'))[0];
      expect(typeof queueId).toBe('string');
      const age = Math.max(1, Math.min(scheduled.rateMinutes, 360)) * 60;

      // EventBridge could not invoke the function.
      const [rule] = resourcesOf(workflow, 'AWS::Events::Rule').filter(([, resource]) =>
        JSON.stringify(resource.Properties.Targets).includes(`"${fn.logicalId}"`),
      );
      expect(asArray(rule?.[1].Properties.Targets)).toEqual([
        expect.objectContaining({
          DeadLetterConfig: { Arn: queueArn },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: age },
        }),
      ]);
      // The function failed every attempt.
      workflow.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fn.logicalId },
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: age,
      });

      // EventBridge may send to it only from that rule; nobody without TLS.
      workflow.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule?.[0], 'Arn'] } } },
            }),
          ]),
        }),
      });

      const alarm = alarmNamed(
        templates,
        `${templates.stacks.workflow.stackName}-steps-${scheduled.name}-DeadLetters`,
      );
      expect(alarm.properties).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 1,
      });
    },
  );
});

/** Event-pattern matching for the shapes TRANSITION_FILTER uses: lists of literals or `{ prefix }`. */
const matches = (pattern: unknown, value: unknown): boolean => {
  if (Array.isArray(pattern)) {
    return pattern.some((option) =>
      typeof option === 'object' && option !== null && 'prefix' in option
        ? typeof value === 'string' && value.startsWith(String(option.prefix))
        : option === value,
    );
  }
  if (typeof pattern !== 'object' || pattern === null) return false;
  return Object.entries(pattern).every(([key, inner]) =>
    matches(
      inner,
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
    ),
  );
};

/** Fills `<$.path>` placeholders the way Pipes does, from a stream record. */
const render = (template: string, record: unknown): string =>
  template.replace(/<\$\.([\w.]+)>/g, (_whole, path: string) => {
    const value = path.split('.').reduce<unknown>((current, key) => field(current, key), record);
    if (value === undefined) throw new Error(`missing ${path}`);
    return String(value);
  });

const auditRecord = (eventName: string, sk: string) => ({
  eventName,
  dynamodb: {
    NewImage: {
      pk: { S: 'APP#01J' },
      sk: { S: sk },
      applicationId: { S: '01J' },
      seq: { N: '3' },
      at: { S: '2026-11-02T08:00:00.000Z' },
      action: { S: 'DISTRICT_APPROVED' },
      actor: { M: { id: { S: 'user-1' }, role: { S: 'district_reviewer' }, name: { S: '张三' } } },
      reason: { S: '联系电话 13800138000' },
      hash: { S: 'ab'.repeat(32) },
    },
  },
});

describe.each(REGIONS)('%s transition events', (region) => {
  const pipe = (templates: RegionTemplates) => {
    const [entry, ...others] = resourcesOf(templates.data, 'AWS::Pipes::Pipe');
    expect(others).toEqual([]);
    if (!entry) throw new Error('no pipe');
    return entry;
  };
  const tableId = (templates: RegionTemplates) =>
    Object.keys(templates.data.findResources('AWS::DynamoDB::Table'))[0];
  const busId = (templates: RegionTemplates) =>
    Object.keys(templates.data.findResources('AWS::Events::EventBus'))[0];

  it('streams new images of the table to a pipe that feeds the pilot-zone bus', () => {
    const templates = at(region);
    templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    templates.data.hasResourceProperties('AWS::Events::EventBus', { Name: 'pilot-zone' });
    const [, resource] = pipe(templates);
    expect(resource.Properties.Source).toEqual({ 'Fn::GetAtt': [tableId(templates), 'StreamArn'] });
    expect(resource.Properties.Target).toEqual({ 'Fn::GetAtt': [busId(templates), 'Arn'] });
    expect(resource.Properties.DesiredState).toBe('RUNNING');
    expect(field(resource.Properties, 'TargetParameters', 'EventBridgeEventBusParameters')).toEqual({
      Source: 'pilot-zone.workflow',
      DetailType: '$.dynamodb.NewImage.action.S',
    });
  });

  it('keeps inserted audit events only', () => {
    const [, resource] = pipe(at(region));
    const filters = asArray(field(resource.Properties, 'SourceParameters', 'FilterCriteria', 'Filters'));
    expect(filters).toHaveLength(1);
    const pattern: unknown = JSON.parse(String(field(filters[0], 'Pattern')));
    expect(matches(pattern, auditRecord('INSERT', 'AUDIT#0000000003'))).toBe(true);
    expect(matches(pattern, auditRecord('MODIFY', 'AUDIT#0000000003'))).toBe(false);
    expect(matches(pattern, auditRecord('INSERT', 'TASK#01J'))).toBe(false);
    expect(matches(pattern, auditRecord('REMOVE', 'AUDIT#0000000003'))).toBe(false);
  });

  it('sends a detail without personal data: no actor id or name, no reason, no form data', () => {
    const [, resource] = pipe(at(region));
    const template = String(field(resource.Properties, 'TargetParameters', 'InputTemplate'));
    const detail: unknown = JSON.parse(render(template, auditRecord('INSERT', 'AUDIT#0000000003')));
    expect(detail).toEqual({
      applicationId: '01J',
      seq: 3,
      at: '2026-11-02T08:00:00.000Z',
      action: 'DISTRICT_APPROVED',
      actorRole: 'district_reviewer',
      hash: 'ab'.repeat(32),
    });
    expect(template).not.toMatch(/reason|data|name|actor\.M\.id/);
  });

  it('retries a batch a finite number of times, bisecting, then dead-letters it; the queue alarms', () => {
    const templates = at(region);
    const [, resource] = pipe(templates);
    const stream = field(resource.Properties, 'SourceParameters', 'DynamoDBStreamParameters');
    const queueArn = field(stream, 'DeadLetterConfig', 'Arn');
    const queueId = asArray(field(queueArn, 'Fn::GetAtt'))[0];
    expect(stream).toMatchObject({
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: 5,
      OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
    });
    templates.data.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    templates.data.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
    expect(
      alarmNamed(templates, `${templates.stacks.data.stackName}-TransitionEvents-DeadLetters`).properties,
    ).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
  });

  it('runs as a role only pipes of this account assume, reading this stream and writing this bus and queue', () => {
    const templates = at(region);
    const [, resource] = pipe(templates);
    const roleId = asArray(field(resource.Properties, 'RoleArn', 'Fn::GetAtt'))[0];
    templates.data.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'pipes.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
    const statements = asArray(
      field(
        resourcesOf(templates.data, 'AWS::IAM::Policy').find(([, policy]) =>
          asArray(policy.Properties.Roles).some((role) => field(role, 'Ref') === roleId),
        )?.[1].Properties,
        'PolicyDocument',
        'Statement',
      ),
    );
    const byAction = (action: string) =>
      statements.filter((statement) => asArray(field(statement, 'Action')).includes(action));
    expect(byAction('dynamodb:GetRecords').map((statement) => field(statement, 'Resource'))).toEqual([
      { 'Fn::GetAtt': [tableId(templates), 'StreamArn'] },
    ]);
    expect(byAction('events:PutEvents').map((statement) => field(statement, 'Resource'))).toEqual([
      { 'Fn::GetAtt': [busId(templates), 'Arn'] },
    ]);
    expect(byAction('sqs:SendMessage')).toHaveLength(1);
    for (const statement of statements) {
      for (const action of asArray(field(statement, 'Action'))) expect(String(action)).not.toMatch(/\*/);
    }
  });

  it('logs pipe errors only, without execution data', () => {
    const [, resource] = pipe(at(region));
    expect(field(resource.Properties, 'LogConfiguration', 'Level')).toBe('ERROR');
    expect(field(resource.Properties, 'LogConfiguration', 'IncludeExecutionData')).toBeUndefined();
  });
});

describe('eventBusName', () => {
  const configFrom = (context: Record<string, unknown>) =>
    readConfig(new App({ context: testContext(context) }).node);

  it('is pilot-zone unless -c eventBusName names another bus', () => {
    expect(configFrom({}).eventBusName).toBe('pilot-zone');
    expect(configFrom({ eventBusName: 'pilot-zone-dev' }).eventBusName).toBe('pilot-zone-dev');
  });

  it.each(['default', 'has space', 'a/b'])('refuses %s', (name) => {
    expect(() => configFrom({ eventBusName: name })).toThrow(/eventBusName/);
  });
});
