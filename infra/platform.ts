import { type App, Tags } from 'aws-cdk-lib';
import { type PlatformConfig, readConfig } from './config.ts';
import { alarmsUnder } from './constructs/alarms.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DashboardStack } from './stacks/dashboard-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { MonitoringStack } from './stacks/monitoring-stack.ts';
import { WebStack } from './stacks/web-stack.ts';
import { WorkflowStack } from './stacks/workflow-stack.ts';

export interface RegionStacks {
  region: string;
  monitoring: MonitoringStack;
  data: DataStack;
  workflow: WorkflowStack;
  api: ApiStack;
  web: WebStack;
  dashboard: DashboardStack;
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

    // First: the alarm topic, which every stack with alarms imports.
    const [monitoringId, monitoringProps] = named('Monitoring');
    const monitoring = new MonitoringStack(app, monitoringId, {
      ...monitoringProps,
      description: 'Pilot-zone platform: the alarm topic',
      config,
    });
    const { alarmTopic } = monitoring;

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
      description: 'Pilot-zone platform: the table, its transition events, and the attachment bucket',
      config,
      consoleOrigins: [web.consoleOrigin],
      alarmTopic,
    });

    const [workflowId, workflowProps] = named('Workflow');
    const workflow = new WorkflowStack(app, workflowId, {
      ...workflowProps,
      description: 'Pilot-zone platform: state machines, step and scheduled functions',
      config,
      table: data.table,
      alarmTopic,
    });

    const [apiId, apiProps] = named('Api');
    const api = new ApiStack(app, apiId, {
      ...apiProps,
      description: 'Pilot-zone platform: HTTP API and identity',
      config,
      partition,
      table: data.table,
      workflows: workflow.workflows,
      attachments: data.attachments,
      consoleOrigin: web.consoleOrigin,
      alarmTopic,
    });

    // Last: the dashboard shows every alarm by name, so it deploys after the stacks that create them.
    const [dashboardId, dashboardProps] = named('Dashboard');
    const dashboard = new DashboardStack(app, dashboardId, {
      ...dashboardProps,
      description: 'Pilot-zone platform: the operations dashboard',
      config,
      table: data.table,
      api: api.api,
      workflows: workflow.workflows,
      alarms: alarmsUnder([data, workflow, api]),
    });
    for (const stack of [data, workflow, api]) {
      dashboard.addStackDependency(stack, 'the dashboard shows its alarms by name');
    }

    for (const stack of [monitoring, data, workflow, web, api, dashboard]) {
      Tags.of(stack).add('project', 'pilot-zone');
      Tags.of(stack).add('partition', partition);
      Tags.of(stack).add('stage', config.stage);
    }
    return { region, monitoring, data, workflow, api, web, dashboard };
  });
