import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it, test } from 'vitest';
import { roleSchema } from '../../domain/shared/roles.ts';
import {
  apiRoutes,
  commonSubstitutions,
  scheduledFunctions,
  stateMachineArnVariable,
  stateMachines,
  stepFunctions,
  TABLE_NAME_VARIABLE,
  tableDesign,
} from '../../functions/catalog.ts';
import { PLACEHOLDER_OIDC_ISSUER } from '../../infra/config.ts';
import { repoPath } from '../../infra/paths.ts';
import { loadWorkflow } from '../../infra/workflow-definition.ts';
import { allTemplates, REGIONS, synthesizedPerFile, testContext } from './synth.ts';
import {
  actionsOfRole,
  asArray,
  field,
  functionsByDescription,
  resourcesOf,
  statementsOfRole,
} from './template-helpers.ts';

const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const WORKFLOW_ACTIONS = [
  'states:StartExecution',
  'states:DescribeExecution',
  'states:GetExecutionHistory',
  'states:StopExecution',
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
];

const { at, outdir } = synthesizedPerFile();

describe('cdk-nag and CloudFormation validation', () => {
  it('synthesizes both regions with no failing validation report', () => {
    const report: unknown = JSON.parse(readFileSync(join(outdir(), 'validation-report.json'), 'utf8'));
    // Plugins without findings are left out of the report; an acknowledged finding is no finding.
    const reports = asArray(field(report, 'pluginReports'));
    for (const entry of reports) {
      const errors = asArray(field(entry, 'violations')).filter(
        (violation) => field(violation, 'severity') === 'error',
      );
      expect(errors, String(field(entry, 'pluginName'))).toEqual([]);
      expect(field(entry, 'conclusion')).not.toBe('failure');
    }
  });

  it('really fails synth on an unacknowledged finding (the plugin is live in this runner)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pilot-zone-nag-'));
    const app = new App({ context: testContext(), outdir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new Bucket(new Stack(app, 'Probe', { env: { region: 'us-east-1' } }), 'Unlogged');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
    rmSync(outdir, { recursive: true, force: true });
  });
});

describe.each(REGIONS)('%s', (region) => {
  describe('DataStack', () => {
    it('has the single table of tableDesign: keys, both GSIs with ALL projection, TTL', () => {
      const { data } = at(region);
      data.resourceCountIs('AWS::DynamoDB::Table', 1);
      data.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDesign.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        TimeToLiveSpecification: { AttributeName: tableDesign.ttlAttribute, Enabled: true },
      });
      const attributes = [
        tableDesign.partitionKey,
        tableDesign.sortKey,
        ...tableDesign.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ];
      data.hasResourceProperties('AWS::DynamoDB::Table', {
        AttributeDefinitions: Match.arrayWith(
          attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        ),
      });
    });

    it('is on-demand and encrypted (stage-dependent protection: see stages.test.ts)', () => {
      const { data } = at(region);
      data.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
      });
    });
  });

  describe('functions', () => {
    const expected = [
      ...new Set(apiRoutes.map((route) => `api/${route.handler}`)),
      ...stepFunctions.map((step) => `steps/${step.name}`),
      ...scheduledFunctions.map((scheduled) => `steps/${scheduled.name}`),
    ];

    it('has exactly one Lambda per catalog handler, step and scheduled function', () => {
      const { workflow, api } = at(region);
      const all = [...functionsByDescription(workflow).keys(), ...functionsByDescription(api).keys()];
      expect(all.sort()).toEqual([...expected].sort());
    });

    test.each(expected)('%s: nodejs22.x, arm64, ESM bundle, logging, Powertools env', (description) => {
      const { workflow, api, partition } = at(region);
      const fn =
        functionsByDescription(workflow).get(description) ?? functionsByDescription(api).get(description);
      expect(fn).toBeDefined();
      if (!fn) return;
      expect(fn.properties.Runtime).toBe('nodejs22.x');
      expect(fn.properties.Architectures).toEqual(['arm64']);
      expect(fn.properties.Handler).toBe('index.handler');
      // Lambda's X-Ray integration does not exist in the China regions (ADR 0001).
      expect(field(fn.properties, 'TracingConfig', 'Mode')).toBe(partition === 'aws' ? 'Active' : undefined);
      expect(field(fn.properties, 'LoggingConfig', 'LogGroup', 'Ref')).toEqual(expect.any(String));
      expect(fn.environment).toMatchObject({
        POWERTOOLS_SERVICE_NAME: description.split('/')[1],
        POWERTOOLS_METRICS_NAMESPACE: 'PilotZone',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      });
      expect(fn.environment[TABLE_NAME_VARIABLE]).toBeDefined();
      expect(Number(fn.properties.MemorySize)).toBeGreaterThanOrEqual(256);
      expect(Number(fn.properties.Timeout)).toBeLessThanOrEqual(description.startsWith('api/') ? 29 : 900);
    });

    it('gives get-certificate (pdfkit peaks at ~230 MB) and export-audit-events (up to 10,000 rows) 1024 MB and the rest 512 MB', () => {
      const { api } = at(region);
      api.hasResourceProperties('AWS::Lambda::Function', {
        Description: 'api/get-certificate',
        MemorySize: 1024,
      });
      api.hasResourceProperties('AWS::Lambda::Function', {
        Description: 'api/export-audit-events',
        MemorySize: 1024,
        Timeout: 29,
      });
      const larger = new Set(['api/get-certificate', 'api/export-audit-events']);
      const others = [...functionsByDescription(api)].filter(([description]) => !larger.has(description));
      expect(others.length).toBeGreaterThan(0);
      for (const [description, fn] of others) expect(fn.properties.MemorySize, description).toBe(512);
    });

    it('gives every function log group a retention', () => {
      const { workflow, api } = at(region);
      for (const template of [workflow, api]) {
        for (const [, group] of resourcesOf(template, 'AWS::Logs::LogGroup')) {
          expect(group.Properties.RetentionInDays).toEqual(expect.any(Number));
        }
      }
    });
  });

  describe('least privilege', () => {
    test.each(apiRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
      '%s gets exactly its table access and workflow rights',
      (_name, route) => {
        const { api } = at(region);
        const fn = functionsByDescription(api).get(`api/${route.handler}`);
        expect(fn).toBeDefined();
        if (!fn) return;
        const actions = actionsOfRole(api, fn.roleLogicalId);
        expect(actions).toContain('dynamodb:Query');
        for (const write of WRITE_ACTIONS) {
          if (route.access === 'read') expect(actions).not.toContain(write);
          else expect(actions).toContain(write);
        }
        for (const action of WORKFLOW_ACTIONS) {
          if (route.usesWorkflows) expect(actions).toContain(action);
          else expect(actions).not.toContain(action);
        }
        for (const machine of stateMachines) {
          const variable = stateMachineArnVariable(machine.program);
          if (route.usesWorkflows) expect(fn.environment[variable]).toBeDefined();
          else expect(fn.environment[variable]).toBeUndefined();
        }
      },
    );

    it('gives step and scheduled functions workflow rights only when the catalog says so', () => {
      const { workflow } = at(region);
      const functions = functionsByDescription(workflow);
      for (const def of [...stepFunctions, ...scheduledFunctions]) {
        const fn = functions.get(`steps/${def.name}`);
        expect(fn, def.name).toBeDefined();
        if (!fn) continue;
        const actions = actionsOfRole(workflow, fn.roleLogicalId);
        expect(actions.has('states:StartExecution'), def.name).toBe(def.usesWorkflows === true);
        expect(actions.has('states:SendTaskSuccess'), def.name).toBe(def.usesWorkflows === true);
      }
    });

    it('lets no function role use a wildcard action or a managed policy', () => {
      const { workflow, api } = at(region);
      for (const template of [workflow, api]) {
        for (const [, fnRole] of resourcesOf(template, 'AWS::IAM::Role')) {
          expect(fnRole.Properties.ManagedPolicyArns).toBeUndefined();
        }
        for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
          const actions = asArray(field(policy.Properties, 'PolicyDocument', 'Statement')).flatMap(
            (statement) => asArray(field(statement, 'Action')),
          );
          for (const action of actions) expect(String(action)).not.toMatch(/\*/);
        }
      }
    });
  });

  describe('state machines', () => {
    test.each(stateMachines.map((machine) => [machine.program, machine] as const))(
      '%s: Standard, logging ALL (execution data per stage: stages.test.ts), tracing',
      (_program, machine) => {
        const { workflow } = at(region);
        workflow.hasResourceProperties('AWS::StepFunctions::StateMachine', {
          StateMachineName: Match.stringLikeRegexp(`-${machine.program}$`),
          StateMachineType: 'STANDARD',
          LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
          TracingConfiguration: { Enabled: true },
        });
      },
    );

    test.each(stateMachines.map((machine) => [machine.file, machine] as const))(
      '%s: substitutions cover every placeholder, ARNs in the stack partition',
      (_file, machine) => {
        const { workflow, partition } = at(region);
        const definition = loadWorkflow(machine.file, partition);
        const [entry] = resourcesOf(workflow, 'AWS::StepFunctions::StateMachine').filter(([, resource]) =>
          String(resource.Properties.StateMachineName).endsWith(`-${machine.program}`),
        );
        expect(entry).toBeDefined();
        if (!entry) return;
        const [, resource] = entry;
        const substitutions = Object.keys(field(resource.Properties, 'DefinitionSubstitutions') ?? {});
        const rawText = readFileSync(repoPath('workflows', machine.file), 'utf8');
        const used = [...rawText.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]);
        expect(used.length).toBeGreaterThan(0);
        for (const name of used) expect(substitutions).toContain(name);
        for (const name of commonSubstitutions) expect(substitutions).toContain(name);
        for (const step of stepFunctions) expect(substitutions).toContain(step.substitution);

        const deployed = resource.Properties.DefinitionString;
        expect(typeof deployed).toBe('string');
        expect(deployed).toBe(definition.text);
        for (const taskResource of definition.resources) {
          if (taskResource.startsWith('arn:')) {
            expect(String(deployed)).toContain(taskResource.replace(/^arn:[^:]+:/, `arn:${partition}:`));
          }
        }
        if (partition === 'aws-cn') expect(String(deployed)).not.toMatch(/arn:aws:/);
      },
    );

    test.each(stateMachines.map((machine) => [machine.program, machine] as const))(
      '%s: the machine role invokes exactly the steps its definition names, and touches the table only through its direct integrations',
      (_program, machine) => {
        const { workflow } = at(region);
        const [machineEntry] = resourcesOf(workflow, 'AWS::StepFunctions::StateMachine').filter(
          ([, resource]) => String(resource.Properties.StateMachineName).endsWith(`-${machine.program}`),
        );
        const roleId = asArray(field(machineEntry?.[1].Properties, 'RoleArn', 'Fn::GetAtt'))[0];
        expect(typeof roleId).toBe('string');
        const statements = statementsOfRole(workflow, String(roleId));
        const invoke = statements.filter((statement) => statement.actions.includes('lambda:InvokeFunction'));
        const functions = functionsByDescription(workflow);
        const rawText = readFileSync(repoPath('workflows', machine.file), 'utf8');
        const stepIds = stepFunctions
          .filter((step) => rawText.includes(`\${${step.substitution}}`))
          .map((step) => functions.get(`steps/${step.name}`)?.logicalId);
        expect(stepIds.length).toBeGreaterThan(0);
        const invoked = invoke.flatMap((statement) =>
          statement.resources.map((arn) => asArray(field(arn, 'Fn::GetAtt'))[0]),
        );
        expect(invoked.sort()).toEqual([...stepIds].sort());
        const tableActions = new Set(
          statements.flatMap((statement) =>
            statement.actions.filter((action) => action.startsWith('dynamodb:')),
          ),
        );
        // Only a machine with a direct DynamoDB integration gets table actions.
        expect([...tableActions].sort()).toEqual(
          rawText.includes(`${'${'}TableName}`)
            ? ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']
            : [],
        );
      },
    );

    test.each(scheduledFunctions.map((scheduled) => [scheduled.name, scheduled] as const))(
      'runs %s on its rate',
      (_name, scheduled) => {
        const { workflow } = at(region);
        const fn = functionsByDescription(workflow).get(`steps/${scheduled.name}`);
        // Schedule.rate writes the largest whole unit: 1440 minutes become `rate(1 day)`.
        const [count, unit] =
          scheduled.rateMinutes % 1440 === 0
            ? [scheduled.rateMinutes / 1440, 'day']
            : scheduled.rateMinutes % 60 === 0
              ? [scheduled.rateMinutes / 60, 'hour']
              : [scheduled.rateMinutes, 'minute'];
        workflow.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: `rate(${count} ${unit}${count === 1 ? '' : 's'})`,
          State: 'ENABLED',
          Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn?.logicalId, 'Arn'] } })],
        });
      },
    );
  });

  describe('ApiStack', () => {
    it('routes every catalog entry to its function behind the JWT authorizer', () => {
      const { api } = at(region);
      api.resourceCountIs('AWS::ApiGatewayV2::Route', apiRoutes.length);
      for (const route of apiRoutes) {
        api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: `${route.method} ${route.path}`,
          AuthorizationType: route.auth === 'jwt' ? 'JWT' : 'NONE',
        });
      }
      api.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    });

    it('has a $default stage with access logging and throttling, and CORS for the console only', () => {
      const { api } = at(region);
      api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: Match.objectLike({
          DestinationArn: Match.anyValue(),
          Format: Match.stringLikeRegexp('requestId'),
        }),
        DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      });
      api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.objectLike({ AllowOrigins: [Match.anyValue()] }),
      });
    });
  });

  describe('WebStack', () => {
    it('keeps the site bucket private, TLS-only and logged', () => {
      const { web } = at(region);
      web.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      });
      web.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        }),
      });
    });

    it('serves index.html over HTTPS only with security headers, through OAC (aws) or OAI (aws-cn)', () => {
      const { web, partition } = at(region);
      web.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            ResponseHeadersPolicyId: Match.anyValue(),
          }),
          Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        }),
      });
      web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            StrictTransportSecurity: Match.objectLike({ Override: true }),
            ContentTypeOptions: { Override: true },
            FrameOptions: { FrameOption: 'DENY', Override: true },
          }),
        }),
      });
      web.resourceCountIs('AWS::CloudFront::OriginAccessControl', partition === 'aws' ? 1 : 0);
      web.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', partition === 'aws' ? 0 : 1);
    });
  });
});

describe('us-east-1 (aws partition) identity', () => {
  it('has a Cognito user pool with MFA, admin-only sign-up and the scoping attributes', () => {
    const { api } = at('us-east-1');
    api.resourceCountIs('AWS::Cognito::UserPool', 1);
    api.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith(
        ['zone', 'district', 'orgId', 'orgName'].map((name) =>
          Match.objectLike({ Name: name, AttributeDataType: 'String', Mutable: true }),
        ),
      ),
    });
  });

  it('has one group per role', () => {
    const { api } = at('us-east-1');
    api.resourceCountIs('AWS::Cognito::UserPoolGroup', roleSchema.options.length);
    for (const role of roleSchema.options) {
      api.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    }
  });

  it('has a public console client that cannot write the scoping attributes', () => {
    const { api } = at('us-east-1');
    api.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const [client] = resourcesOf(api, 'AWS::Cognito::UserPoolClient');
    expect(client?.[1].Properties.GenerateSecret).toBe(false);
    const writable = asArray(client?.[1].Properties.WriteAttributes).map(String);
    expect(writable.filter((name) => name.startsWith('custom:'))).toEqual([]);
  });

  it('points the JWT authorizer at the user pool and its client', () => {
    const { api } = at('us-east-1');
    const [pool] = resourcesOf(api, 'AWS::Cognito::UserPool');
    const [client] = resourcesOf(api, 'AWS::Cognito::UserPoolClient');
    const [authorizer] = resourcesOf(api, 'AWS::ApiGatewayV2::Authorizer');
    expect(field(authorizer?.[1].Properties, 'AuthorizerType')).toBe('JWT');
    const issuer = JSON.stringify(field(authorizer?.[1].Properties, 'JwtConfiguration', 'Issuer'));
    expect(issuer).toContain('https://cognito-idp.us-east-1.');
    expect(issuer).toContain(JSON.stringify({ Ref: pool?.[0] }));
    expect(field(authorizer?.[1].Properties, 'JwtConfiguration', 'Audience')).toEqual([{ Ref: client?.[0] }]);
  });
});

describe('cn-north-1 (aws-cn partition)', () => {
  it('has no hard-coded aws-partition ARN in any template', () => {
    const templates = allTemplates(at('cn-north-1'));
    expect(templates).toHaveLength(6);
    for (const template of templates) {
      expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws:/);
    }
  });

  it('has no Cognito resources; the JWT authorizer trusts the external OIDC issuer', () => {
    const { api } = at('cn-north-1');
    expect(JSON.stringify(api.toJSON())).not.toMatch(/AWS::Cognito::/);
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: PLACEHOLDER_OIDC_ISSUER, Audience: ['pilot-zone-console'] },
    });
  });
});

describe('infra sources', () => {
  it('contain no hard-coded aws-partition ARN', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(repoPath('infra'), { recursive: true })).filter((file) =>
      file.endsWith('.ts'),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(repoPath('infra', file), 'utf8'), file).not.toMatch(/arn:aws:/);
    }
  });
});
