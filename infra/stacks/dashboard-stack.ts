import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmStatusWidget,
  AlarmStatusWidgetSortBy,
  Dashboard,
  GraphWidget,
  type IWidget,
  Metric,
  Stats,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { PlatformConfig } from '../config.ts';
import { alarmByName } from '../constructs/alarms.ts';
import { type WorkflowTarget, workflowTargetByName } from '../constructs/workflow-target.ts';
import { TABLE_OPERATIONS } from './data-stack.ts';

export interface DashboardStackProps extends StackProps {
  config: PlatformConfig;
  table: ITable;
  api: IHttpApi;
  /** By program; only the machine names are used (formatted ARNs, no import). */
  workflows: ReadonlyMap<string, WorkflowTarget>;
  /** Every alarm of the region, shown by status; addressed by name, so this stack must deploy last. */
  alarms: readonly Alarm[];
}

/** An alarm status widget shows at most this many alarms; more go to the next widget. */
export const ALARMS_PER_STATUS_WIDGET = 100;

const STEP_FUNCTIONS_EXECUTION_METRICS = [
  'ExecutionsStarted',
  'ExecutionsSucceeded',
  'ExecutionsFailed',
  'ExecutionsTimedOut',
  'ExecutionsAborted',
] as const;

/**
 * The one operations dashboard of a region: alarm states first, then executions per program, the HTTP
 * API, the functions (account totals: per-function detail is in the alarms) and the table.
 */
export class DashboardStack extends Stack {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: DashboardStackProps) {
    super(scope, id, props);
    const { config, table, api, workflows } = props;
    const period = Duration.minutes(5);

    const alarms = props.alarms.map((alarm, index) => alarmByName(this, `Alarm${index}`, alarm));
    const statusWidgets: IWidget[] = [];
    for (let start = 0; start < alarms.length; start += ALARMS_PER_STATUS_WIDGET) {
      statusWidgets.push(
        new AlarmStatusWidget({
          title: `Alarms (${start + 1}–${Math.min(alarms.length, start + ALARMS_PER_STATUS_WIDGET)} of ${alarms.length})`,
          alarms: alarms.slice(start, start + ALARMS_PER_STATUS_WIDGET),
          sortBy: AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
          width: 24,
          height: 6,
        }),
      );
    }

    // Formatted from the literal names, so the dashboard imports none of the workflow stack's outputs.
    const machines = [...workflows.values()].map((target) =>
      workflowTargetByName(this, target.program, target.stateMachineName),
    );
    const machineMetric = (target: WorkflowTarget, metricName: string) =>
      new Metric({
        namespace: 'AWS/States',
        metricName,
        dimensionsMap: { StateMachineArn: target.stateMachineArn },
        statistic: Stats.SUM,
        period,
        label: target.program,
      });
    const executions = STEP_FUNCTIONS_EXECUTION_METRICS.map(
      (metricName) =>
        new GraphWidget({
          title: `Step Functions: ${metricName}`,
          left: machines.map((target) => machineMetric(target, metricName)),
          width: metricName === 'ExecutionsStarted' ? 12 : 6,
          height: 6,
        }),
    );

    const lambda = (metricName: string, statistic: string) =>
      new Metric({ namespace: 'AWS/Lambda', metricName, statistic, period, label: metricName });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${config.prefix}-${config.stage}-${this.region}`,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new TextWidget({
            markdown: `# ${config.prefix} — stage ${config.stage}, ${this.region}\nAlarms notify the topic of the Monitoring stack. Runbook: docs/operations.md (roll back, redrive, restore, scale).`,
            width: 24,
            height: 2,
          }),
        ],
        statusWidgets,
        executions,
        [
          new GraphWidget({
            title: 'HTTP API: requests and errors',
            left: [
              api.metricCount({ period, statistic: Stats.SUM }),
              api.metricClientError({ period, statistic: Stats.SUM }),
              api.metricServerError({ period, statistic: Stats.SUM }),
            ],
            width: 12,
            height: 6,
          }),
          new GraphWidget({
            title: 'HTTP API: latency',
            left: [
              api.metricLatency({ period, statistic: Stats.p(50), label: 'p50' }),
              api.metricLatency({ period, statistic: Stats.p(90), label: 'p90' }),
              api.metricLatency({ period, statistic: Stats.p(99), label: 'p99' }),
            ],
            width: 12,
            height: 6,
          }),
        ],
        [
          new GraphWidget({
            title: 'Lambda (account): invocations, errors, throttles',
            left: [
              lambda('Invocations', Stats.SUM),
              lambda('Errors', Stats.SUM),
              lambda('Throttles', Stats.SUM),
            ],
            width: 12,
            height: 6,
          }),
          new GraphWidget({
            title: 'Lambda (account): concurrent executions (quota: docs/operations.md, Scale)',
            left: [lambda('ConcurrentExecutions', Stats.MAXIMUM)],
            width: 12,
            height: 6,
          }),
        ],
        [
          new GraphWidget({
            title: 'DynamoDB: consumed capacity',
            left: [
              table.metricConsumedReadCapacityUnits({ period, statistic: Stats.SUM }),
              table.metricConsumedWriteCapacityUnits({ period, statistic: Stats.SUM }),
            ],
            width: 8,
            height: 6,
          }),
          // One expression per graph: both sum the same per-operation metrics, whose ids must be unique.
          new GraphWidget({
            title: 'DynamoDB: throttled requests',
            left: [
              table.metricThrottledRequestsForOperations({
                period,
                statistic: Stats.SUM,
                operations: [...TABLE_OPERATIONS],
              }),
            ],
            width: 8,
            height: 6,
          }),
          new GraphWidget({
            title: 'DynamoDB: system errors',
            left: [
              table.metricSystemErrorsForOperations({
                period,
                statistic: Stats.SUM,
                operations: [...TABLE_OPERATIONS],
              }),
            ],
            width: 8,
            height: 6,
          }),
        ],
      ],
    });
  }
}
