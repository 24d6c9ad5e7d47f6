import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { stateMachineArnVariable, stateMachines } from '../../functions/catalog.ts';
import { readConfig } from '../../infra/config.ts';
import { DataStack } from '../../infra/stacks/data-stack.ts';
import { MonitoringStack } from '../../infra/stacks/monitoring-stack.ts';
import { WorkflowStack } from '../../infra/stacks/workflow-stack.ts';
import { testContext } from './synth.ts';
import { actionsOfRole, functionsByDescription } from './template-helpers.ts';

// The catalog has no step that drives workflows yet; a program that adds one (e.g. a sub-workflow
// or a callback answered from a step) must not create a dependency cycle between the step's
// function and the machine that invokes it.
vi.mock('../../functions/catalog.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/catalog.ts')>();
  return {
    ...original,
    stepFunctions: original.stepFunctions.map((step, index) =>
      index === 0 ? { ...step, usesWorkflows: true } : step,
    ),
  };
});

const outdir = mkdtempSync(join(tmpdir(), 'pilot-zone-cycle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('a step function that uses workflows', () => {
  it('gets the machine ARNs and rights without a cycle, and passes cdk-nag', async () => {
    const { stepFunctions } = await import('../../functions/catalog.ts');
    const app = new App({ context: testContext({ regions: 'cn-north-1' }), outdir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const config = readConfig(app.node);
    const env = { region: 'cn-north-1' };
    const { alarmTopic } = new MonitoringStack(app, 'Monitoring', { env, config });
    const data = new DataStack(app, 'Data', {
      env,
      config,
      consoleOrigins: ['https://console.example.com.cn'],
      alarmTopic,
    });
    const workflow = new WorkflowStack(app, 'Workflow', { env, config, table: data.table, alarmTopic });
    app.synth();

    const template = Template.fromStack(workflow);
    const [driving, plain] = stepFunctions;
    expect(driving?.usesWorkflows).toBe(true);
    const functions = functionsByDescription(template);
    const fn = functions.get(`steps/${driving?.name}`);
    expect(fn).toBeDefined();
    if (!fn) return;
    for (const machine of stateMachines) {
      expect(JSON.stringify(fn.environment[stateMachineArnVariable(machine.program)])).toContain(
        `:stateMachine:Workflow-${machine.program}`,
      );
    }
    const actions = actionsOfRole(template, fn.roleLogicalId);
    expect(actions).toContain('states:StartExecution');
    expect(actions).toContain('states:SendTaskSuccess');
    const other = functions.get(`steps/${plain?.name}`);
    expect(other && actionsOfRole(template, other.roleLogicalId).has('states:StartExecution')).toBe(false);
  });
});
