import {
  Arn,
  ArnFormat,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  type IStateMachine,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import {
  type commonSubstitutions,
  scheduledFunctions,
  stateMachines,
  stepFunctions,
} from '../../functions/catalog.ts';
import { type PlatformConfig, retentionDays } from '../config.ts';
import { PlatformFunction } from '../constructs/platform-function.ts';
import { loadWorkflow } from '../workflow-definition.ts';

export interface WorkflowStackProps extends StackProps {
  config: PlatformConfig;
  table: ITable;
}

/** Actions the state machines' direct DynamoDB integrations may perform (DESIGN.md Decision 2). */
const DIRECT_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

/** Every step function, every state machine and the scheduled functions, all from the catalog. */
export class WorkflowStack extends Stack {
  /** By program code. */
  readonly stateMachines = new Map<string, StateMachine>();
  /** By step name. */
  readonly stepFunctions = new Map<string, PlatformFunction>();
  /** By scheduled function name. */
  readonly scheduledFunctions = new Map<string, PlatformFunction>();

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const logRetention = retentionDays(config.logRetentionDays);

    // A step that drives workflows needs the machines' ARNs while each machine needs the steps'
    // ARNs. Naming the machines up front and addressing them by formatted ARN breaks that cycle.
    const machineName = (program: string): string => `${this.stackName}-${program}`;
    const machinesByName = new Map<string, IStateMachine>(
      stateMachines.map((machine) => [
        machine.program,
        StateMachine.fromStateMachineArn(
          this,
          `${machine.program}Ref`,
          Arn.format(
            {
              service: 'states',
              resource: 'stateMachine',
              resourceName: machineName(machine.program),
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            },
            this,
          ),
        ),
      ]),
    );

    for (const step of stepFunctions) {
      const fn = new PlatformFunction(this, `Step-${step.name}`, {
        kind: 'steps',
        name: step.name,
        logLevel: config.logLevel,
        logRetention,
        timeout: Duration.seconds(60),
      });
      // Workflow tasks record transitions, tasks and certificates: all of them write.
      fn.bindTable(table, 'readwrite');
      if (step.usesWorkflows) fn.bindStateMachines(machinesByName);
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
        removalPolicy: RemovalPolicy.RETAIN,
      });

      const stateMachine = new StateMachine(this, machine.program, {
        stateMachineName: machineName(machine.program),
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromString(definition.text),
        definitionSubstitutions: Object.fromEntries(substitutionValues),
        logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
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
      new CfnOutput(this, `${machine.program}StateMachineArn`, { value: stateMachine.stateMachineArn });
    }

    for (const scheduled of scheduledFunctions) {
      const fn = new PlatformFunction(this, `Scheduled-${scheduled.name}`, {
        kind: 'steps',
        name: scheduled.name,
        logLevel: config.logLevel,
        logRetention,
        // Finish before the next tick so two runs rarely overlap.
        timeout: Duration.seconds(Math.max(30, Math.min(300, scheduled.rateMinutes * 60 - 30))),
      });
      fn.bindTable(table, 'readwrite');
      if (scheduled.usesWorkflows) fn.bindStateMachines(this.stateMachines);
      new Rule(this, `Schedule-${scheduled.name}`, {
        description: `Runs steps/${scheduled.name} every ${scheduled.rateMinutes} minutes`,
        schedule: Schedule.rate(Duration.minutes(scheduled.rateMinutes)),
        targets: [new LambdaFunction(fn.function, { retryAttempts: 2 })],
      });
      this.scheduledFunctions.set(scheduled.name, fn);
    }
  }
}
