import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import {
  type commonSubstitutions,
  scheduledFunctions,
  stateMachines,
  stepFunctions,
} from '../../functions/catalog.ts';
import { type PlatformConfig, retentionDays } from '../config.ts';
import { ALARM_PERIOD, platformAlarm } from '../constructs/alarms.ts';
import { DeadLetterQueue } from '../constructs/dead-letter-queue.ts';
import { PlatformFunction } from '../constructs/platform-function.ts';
import {
  PublishedWorkflow,
  type WorkflowTarget,
  workflowTargetByName,
} from '../constructs/workflow-target.ts';
import { loadWorkflow } from '../workflow-definition.ts';

export interface WorkflowStackProps extends StackProps {
  config: PlatformConfig;
  table: ITable;
  /** Every alarm of this stack notifies it (MonitoringStack). */
  alarmTopic: ITopic;
}

/**
 * Stopped executions are mostly withdrawals (withdraw-application stops the execution), so one is normal;
 * this many in an hour is not.
 */
export const ABORTED_EXECUTIONS_PER_HOUR = 5;

/** Retries of a scheduled run, by EventBridge (delivery) and by Lambda (the run), before its DLQ. */
export const SCHEDULED_RETRY_ATTEMPTS = 2;

/** Actions the state machines' direct DynamoDB integrations may perform (DESIGN.md Decision 2). */
const DIRECT_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

/** Every step function, every state machine and the scheduled functions, all from the catalog. */
export class WorkflowStack extends Stack {
  /** By program code. */
  readonly stateMachines = new Map<string, StateMachine>();
  /** By program code: each machine's published version and `live` alias. */
  readonly published = new Map<string, PublishedWorkflow>();
  /** By program code: what functions start executions through (the alias), for the other stacks. */
  readonly workflows = new Map<string, WorkflowTarget>();
  /** By step name. */
  readonly stepFunctions = new Map<string, PlatformFunction>();
  /** By scheduled function name. */
  readonly scheduledFunctions = new Map<string, PlatformFunction>();
  /** By what ends up there (`steps/<scheduled function>`, `events/transitions`). */
  readonly deadLetterQueues = new Map<string, DeadLetterQueue>();

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { config, table, alarmTopic } = props;
    const logRetention = retentionDays(config.logRetentionDays);

    // A step that drives workflows needs the machines' ARNs while each machine needs the steps'
    // ARNs. Naming the machines up front and addressing them by formatted ARN breaks that cycle.
    const machineName = (program: string): string => `${this.stackName}-${program}`;
    const targetsByName = new Map<string, WorkflowTarget>(
      stateMachines.map((machine) => [
        machine.program,
        workflowTargetByName(this, machine.program, machineName(machine.program)),
      ]),
    );

    for (const step of stepFunctions) {
      const fn = new PlatformFunction(this, `Step-${step.name}`, {
        kind: 'steps',
        name: step.name,
        logLevel: config.logLevel,
        logRetention,
        logRemovalPolicy: config.stageSettings.removalPolicy,
        timeout: Duration.seconds(60),
      });
      // Workflow tasks record transitions, tasks and certificates: all of them write.
      fn.bindTable(table, 'readwrite');
      if (step.usesWorkflows) fn.bindStateMachines(targetsByName);
      fn.addAlarms(alarmTopic);
      this.stepFunctions.set(step.name, fn);
    }

    const common: Record<(typeof commonSubstitutions)[number], string> = { TableName: table.tableName };
    const substitutionValues = new Map<string, string>(Object.entries(common));
    const functionBySubstitution = new Map<string, PlatformFunction>();
    for (const step of stepFunctions) {
      const fn = this.stepFunctions.get(step.name);
      if (!fn) throw new Error(`step function ${step.name} was not created`);
      substitutionValues.set(step.substitution, fn.function.functionArn);
      functionBySubstitution.set(step.substitution, fn);
    }

    for (const machine of stateMachines) {
      const definition = loadWorkflow(machine.file, this.partition);
      const missing = [...definition.placeholders].filter((name) => !substitutionValues.has(name));
      if (missing.length > 0) {
        throw new Error(`workflows/${machine.file} uses placeholders no one provides: ${missing.join(', ')}`);
      }

      const logGroup = new LogGroup(this, `${machine.program}Logs`, {
        // The vended-logs prefix keeps the log resource policy small however many machines there are.
        logGroupName: `/aws/vendedlogs/states/${machineName(machine.program)}`,
        retention: logRetention,
        // Named, so a retained group would block the next deploy of a destroyed dev stack (ADR 0004).
        removalPolicy: config.stageSettings.removalPolicy,
      });

      const stateMachine = new StateMachine(this, machine.program, {
        stateMachineName: machineName(machine.program),
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromString(definition.text),
        definitionSubstitutions: Object.fromEntries(substitutionValues),
        logs: {
          destination: logGroup,
          level: LogLevel.ALL,
          includeExecutionData: config.stageSettings.logExecutionData,
        },
        tracingEnabled: true,
      });

      // Least privilege from the definition itself: only the functions it names, only the table
      // if it has a direct integration.
      const invoked = [...definition.placeholders].flatMap((name) => {
        const fn = functionBySubstitution.get(name);
        return fn ? [fn.function.functionArn] : [];
      });
      if (invoked.length > 0) {
        stateMachine.addToRolePolicy(
          new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: invoked }),
        );
      }
      if (definition.placeholders.has('TableName')) {
        stateMachine.addToRolePolicy(
          new PolicyStatement({ actions: DIRECT_TABLE_ACTIONS, resources: [table.tableArn] }),
        );
      }

      // nag: logging ALL and tracing make CDK add log-delivery and X-Ray actions, which have no resource scope.
      Validations.of(stateMachine).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Vended log delivery (logs:CreateLogDelivery and related) and X-Ray put actions support no resource-level permissions; CDK adds them for logging ALL and tracing.',
      });

      this.stateMachines.set(machine.program, stateMachine);
      const published = new PublishedWorkflow(this, `${machine.program}Published`, {
        program: machine.program,
        stateMachineName: machineName(machine.program),
        stateMachine,
      });
      this.published.set(machine.program, published);
      this.workflows.set(machine.program, published.target);

      const failed = platformAlarm(this, `${machine.program}-ExecutionsFailed`, alarmTopic, {
        metric: stateMachine.metricFailed({ period: ALARM_PERIOD, statistic: Stats.SUM }),
        description: `${machine.program}: an execution failed; find it in the console and redrive it once the cause is fixed (docs/operations.md).`,
      });
      const timedOut = platformAlarm(this, `${machine.program}-ExecutionsTimedOut`, alarmTopic, {
        metric: stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: Stats.SUM }),
        description: `${machine.program}: an execution timed out; every human step has its own deadline, so this is a defect.`,
      });
      platformAlarm(this, `${machine.program}-ExecutionsAborted`, alarmTopic, {
        metric: stateMachine.metricAborted({ period: Duration.hours(1), statistic: Stats.SUM }),
        threshold: ABORTED_EXECUTIONS_PER_HOUR,
        description: `${machine.program}: ${ABORTED_EXECUTIONS_PER_HOUR}+ executions stopped in an hour; withdrawals stop executions, this many suggests something else does.`,
      });
      // A deploy that moves the alias and is followed by failures moves it back (and fails the update).
      // Same stack: the names are Refs, which also order the alarms before the alias.
      published.rollBackOn([failed.alarmName, timedOut.alarmName]);
      new CfnOutput(this, `${machine.program}StateMachineArn`, { value: stateMachine.stateMachineArn });
      new CfnOutput(this, `${machine.program}AliasArn`, { value: published.alias.attrArn });
    }

    for (const scheduled of scheduledFunctions) {
      // One queue per job, for both failure paths: EventBridge could not invoke the function (the rule
      // target's DLQ), or the function failed every attempt (its asynchronous-invocation DLQ).
      const deadLetters = new DeadLetterQueue(this, `Scheduled-${scheduled.name}-DeadLetters`, {
        subject: `A run of steps/${scheduled.name}`,
        alarmSuffix: `steps-${scheduled.name}-DeadLetters`,
        alarmTopic,
        removalPolicy: config.stageSettings.removalPolicy,
      });
      // A tick older than the next one is superseded by it: every scheduled job is idempotent and
      // catches up on its own (docs/operations.md).
      const maxEventAge = Duration.minutes(Math.max(1, Math.min(scheduled.rateMinutes, 6 * 60)));
      const fn = new PlatformFunction(this, `Scheduled-${scheduled.name}`, {
        kind: 'steps',
        name: scheduled.name,
        logLevel: config.logLevel,
        logRetention,
        logRemovalPolicy: config.stageSettings.removalPolicy,
        // Finish before the next tick so two runs rarely overlap.
        timeout: Duration.seconds(Math.max(30, Math.min(300, scheduled.rateMinutes * 60 - 30))),
        deadLetterQueue: deadLetters.queue,
        asyncRetryAttempts: SCHEDULED_RETRY_ATTEMPTS,
        maxEventAge,
      });
      fn.bindTable(table, 'readwrite');
      if (scheduled.usesWorkflows) fn.bindStateMachines(this.workflows);
      fn.addAlarms(alarmTopic);
      new Rule(this, `Schedule-${scheduled.name}`, {
        description: `Runs steps/${scheduled.name} every ${scheduled.rateMinutes} minutes`,
        schedule: Schedule.rate(Duration.minutes(scheduled.rateMinutes)),
        targets: [
          new LambdaFunction(fn.function, {
            retryAttempts: SCHEDULED_RETRY_ATTEMPTS,
            maxEventAge,
            deadLetterQueue: deadLetters.queue,
          }),
        ],
      });
      this.deadLetterQueues.set(`steps/${scheduled.name}`, deadLetters);
      this.scheduledFunctions.set(scheduled.name, fn);
    }
  }
}
