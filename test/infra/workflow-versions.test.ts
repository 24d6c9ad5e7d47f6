import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it, test } from 'vitest';
import {
  apiRoutes,
  scheduledFunctions,
  stateMachineArnVariable,
  stateMachines,
  stepFunctions,
} from '../../functions/catalog.ts';
import { STATE_MACHINE_ALIAS } from '../../infra/constructs/workflow-target.ts';
import { REGIONS, synthesizedPerFile } from './synth.ts';
import { asArray, field, functionsByDescription, resourcesOf } from './template-helpers.ts';

const { at } = synthesizedPerFile();

const TASK_ACTIONS = ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'];
const EXECUTION_ACTIONS = ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution'];
const QUALIFIER = { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': [STATE_MACHINE_ALIAS] } };

interface RawStatement {
  actions: string[];
  resources: unknown[];
  condition: unknown;
}

const rawStatementsOfRole = (template: Template, roleLogicalId: string): RawStatement[] =>
  resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      asArray(policy.Properties.Roles).some((role) => field(role, 'Ref') === roleLogicalId),
    )
    .flatMap(([, policy]) => asArray(field(policy.Properties, 'PolicyDocument', 'Statement')))
    .filter((statement) => field(statement, 'Effect') === 'Allow')
    .map((statement) => ({
      actions: asArray(field(statement, 'Action')).map(String),
      resources: asArray(field(statement, 'Resource')),
      condition: field(statement, 'Condition'),
    }));

/** Logical IDs of a program's machine, version and alias in the workflow template. */
const publishedIds = (workflow: Template, program: string) => {
  const [machine] = resourcesOf(workflow, 'AWS::StepFunctions::StateMachine').filter(([, resource]) =>
    String(resource.Properties.StateMachineName).endsWith(`-${program}`),
  );
  if (!machine) throw new Error(`no machine for ${program}`);
  const [version] = resourcesOf(workflow, 'AWS::StepFunctions::StateMachineVersion').filter(
    ([, resource]) => field(resource.Properties, 'StateMachineArn', 'Ref') === machine[0],
  );
  if (!version) throw new Error(`no version for ${program}`);
  const [alias] = resourcesOf(workflow, 'AWS::StepFunctions::StateMachineAlias').filter(([, resource]) =>
    JSON.stringify(resource.Properties).includes(`"${version[0]}"`),
  );
  if (!alias) throw new Error(`no alias for ${program}`);
  return { machineId: machine[0], versionId: version[0], aliasId: alias[0] };
};

const usesWorkflowsHandlers = [
  ...new Set(apiRoutes.filter((route) => route.usesWorkflows).map((route) => route.handler)),
];

describe.each(REGIONS)('%s state machine versions and aliases', (region) => {
  test.each(stateMachines.map((machine) => machine.program))(
    '%s: a version of the current revision, retained when replaced, and the live alias on it',
    (program) => {
      const { workflow } = at(region);
      const { machineId, versionId, aliasId } = publishedIds(workflow, program);
      const resources = workflow.toJSON().Resources as Record<string, Record<string, unknown>>;
      const version = resources[versionId];
      expect(field(version, 'Properties', 'StateMachineRevisionId')).toEqual({
        'Fn::GetAtt': [machineId, 'StateMachineRevisionId'],
      });
      // A changed revision replaces the version; the old one stays for running executions and roll-back.
      expect(field(version, 'UpdateReplacePolicy')).toBe('Retain');
      expect(field(version, 'DeletionPolicy')).toBe('Retain');
      const alias = resources[aliasId];
      expect(field(alias, 'Properties', 'Name')).toBe(STATE_MACHINE_ALIAS);
      expect(field(alias, 'Properties', 'DeploymentPreference')).toMatchObject({
        Type: 'ALL_AT_ONCE',
        StateMachineVersionArn: { 'Fn::GetAtt': [versionId, 'Arn'] },
      });
      expect(field(alias, 'Properties', 'RoutingConfiguration')).toBeUndefined();
    },
  );

  it('publishes exactly one version and one alias per machine', () => {
    const { workflow } = at(region);
    workflow.resourceCountIs('AWS::StepFunctions::StateMachineVersion', stateMachines.length);
    workflow.resourceCountIs('AWS::StepFunctions::StateMachineAlias', stateMachines.length);
  });

  test.each(usesWorkflowsHandlers)(
    'api/%s: STATE_MACHINE_ARN_* is the alias; starts only through it; SendTask* on the machine',
    (handler) => {
      const { api, workflow } = at(region);
      const fn = functionsByDescription(api).get(`api/${handler}`);
      if (!fn) throw new Error(`no function ${handler}`);
      const statements = rawStatementsOfRole(api, fn.roleLogicalId);
      const start = statements.filter((statement) => statement.actions.includes('states:StartExecution'));
      expect(start.length).toBeGreaterThan(0);
      for (const statement of start) {
        // Only StartExecution under the alias condition: no unqualified start, no version start.
        expect(statement.actions).toEqual(['states:StartExecution']);
        expect(statement.condition).toEqual(QUALIFIER);
      }
      const startResources = JSON.stringify(start.flatMap((statement) => statement.resources));
      const tasks = statements.filter((statement) => statement.actions.includes('states:SendTaskSuccess'));
      expect(tasks.flatMap((statement) => statement.actions).sort()).toEqual(TASK_ACTIONS);
      for (const statement of tasks) expect(statement.condition).toBeUndefined();
      const executions = statements.filter((statement) =>
        statement.actions.includes('states:DescribeExecution'),
      );
      expect(executions.flatMap((statement) => statement.actions).sort()).toEqual(EXECUTION_ACTIONS);

      for (const machine of stateMachines) {
        const { machineId, aliasId } = publishedIds(workflow, machine.program);
        const env = JSON.stringify(fn.environment[stateMachineArnVariable(machine.program)]);
        // Imported from the workflow stack: the alias's Ref is its ARN.
        expect(env).toContain('Fn::ImportValue');
        expect(env).toContain(aliasId);
        expect(env).not.toContain(`${machineId}"`);
        expect(startResources).toContain(aliasId);
        expect(startResources).toContain(machineId);
        expect(JSON.stringify(tasks.flatMap((statement) => statement.resources))).toContain(machineId);
        const executionText = JSON.stringify(executions.flatMap((statement) => statement.resources));
        expect(executionText).toContain(`:execution:`);
        expect(executionText).toContain(`-${machine.program}:*`);
      }
    },
  );

  it('gives every workflow-driving step and scheduled function the alias ARN and the alias-only start', () => {
    const { workflow } = at(region);
    const functions = functionsByDescription(workflow);
    const driving = [...stepFunctions, ...scheduledFunctions].filter((def) => def.usesWorkflows);
    expect(driving.length).toBeGreaterThan(0);
    for (const def of driving) {
      const fn = functions.get(`steps/${def.name}`);
      if (!fn) throw new Error(`no function ${def.name}`);
      for (const machine of stateMachines) {
        const env = JSON.stringify(fn.environment[stateMachineArnVariable(machine.program)]);
        const { aliasId } = publishedIds(workflow, machine.program);
        // Steps the machines invoke address the alias by name (no cycle); the others by reference.
        expect(
          env.includes(`-${machine.program}:${STATE_MACHINE_ALIAS}`) || env.includes(`"${aliasId}"`),
          `${def.name} ${machine.program}: ${env}`,
        ).toBe(true);
      }
      const start = rawStatementsOfRole(workflow, fn.roleLogicalId).filter((statement) =>
        statement.actions.includes('states:StartExecution'),
      );
      expect(start.length, def.name).toBeGreaterThan(0);
      for (const statement of start) expect(statement.condition, def.name).toEqual(QUALIFIER);
    }
  });

  it('lets no function start an execution without the alias condition, in any stack', () => {
    const templates = at(region);
    for (const template of [templates.workflow, templates.api]) {
      for (const [, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
        for (const statement of asArray(field(policy.Properties, 'PolicyDocument', 'Statement'))) {
          if (asArray(field(statement, 'Action')).includes('states:StartExecution')) {
            expect(field(statement, 'Condition')).toEqual(QUALIFIER);
          }
        }
      }
    }
  });
});
