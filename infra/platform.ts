import { type App, Tags } from 'aws-cdk-lib';
import { type PlatformConfig, readConfig } from './config.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { WebStack } from './stacks/web-stack.ts';
import { WorkflowStack } from './stacks/workflow-stack.ts';

export interface RegionStacks {
  region: string;
  data: DataStack;
  workflow: WorkflowStack;
  api: ApiStack;
  web: WebStack;
}

export const stackName = (config: PlatformConfig, concern: string, region: string): string =>
  `${config.prefix}-${concern}-${region}`;

/** One complete set of stacks per target region; everything else comes from functions/catalog.ts. */
export const buildPlatform = (app: App, config: PlatformConfig = readConfig(app.node)): RegionStacks[] =>
  config.targets.map(({ region, partition, account }) => {
    const env = { account, region };
    const named = (concern: string) => {
      const name = stackName(config, concern, region);
      return [name, { env, stackName: name }] as const;
    };

    const [webId, webProps] = named('Web');
    const web = new WebStack(app, webId, {
      ...webProps,
      description: 'Pilot-zone platform: console hosting',
      config,
      partition,
    });

    // The attachment bucket admits the console's origin only (CORS), so Data follows Web: without a
    // consoleDomain or consoleOrigin that origin is the distribution's domain, imported from Web. Web
    // takes nothing from Data, so there is no cycle; a configured origin is a plain string.
    const [dataId, dataProps] = named('Data');
    const data = new DataStack(app, dataId, {
      ...dataProps,
      description: 'Pilot-zone platform: the table and the attachment bucket',
      config,
      consoleOrigins: [web.consoleOrigin],
    });

    const [workflowId, workflowProps] = named('Workflow');
    const workflow = new WorkflowStack(app, workflowId, {
      ...workflowProps,
      description: 'Pilot-zone platform: state machines, step and scheduled functions',
      config,
      table: data.table,
    });

    const [apiId, apiProps] = named('Api');
    const api = new ApiStack(app, apiId, {
      ...apiProps,
      description: 'Pilot-zone platform: HTTP API and identity',
      config,
      partition,
      table: data.table,
      stateMachines: workflow.stateMachines,
      attachments: data.attachments,
      consoleOrigin: web.consoleOrigin,
    });

    for (const stack of [data, workflow, web, api]) {
      Tags.of(stack).add('project', 'pilot-zone');
      Tags.of(stack).add('partition', partition);
    }
    return { region, data, workflow, api, web };
  });
