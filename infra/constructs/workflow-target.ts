import { Arn, ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  CfnStateMachineAlias,
  CfnStateMachineVersion,
  type StateMachine,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/**
 * The alias every execution is started through (ADR 0004). A Standard execution runs for weeks (public
 * notices, human deadlines); started through the alias it stays on the version it started with, so a
 * deploy changes the definition of new executions only.
 */
export const STATE_MACHINE_ALIAS = 'live';

/** How a function reaches one program's workflow; plain strings, so any stack can hold one. */
export interface WorkflowTarget {
  program: string;
  /** The machine's name, which execution ARNs are formed from. */
  stateMachineName: string;
  /**
   * The unqualified machine ARN. Step Functions authorizes calls made with a version or alias ARN against
   * it (the alias is named by the `states:StateMachineQualifier` condition key); SendTask* and metrics use
   * it too.
   */
  stateMachineArn: string;
  /** `<stateMachineArn>:<aliasName>`: what the functions start executions with. */
  aliasArn: string;
  aliasName: string;
}

/** A target addressed by name only, for functions the machine itself invokes (no dependency cycle). */
export const workflowTargetByName = (scope: Construct, program: string, name: string): WorkflowTarget => {
  const format = (resourceName: string) =>
    Arn.format(
      { service: 'states', resource: 'stateMachine', resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME },
      Stack.of(scope),
    );
  return {
    program,
    stateMachineName: name,
    stateMachineArn: format(name),
    aliasArn: format(`${name}:${STATE_MACHINE_ALIAS}`),
    aliasName: STATE_MACHINE_ALIAS,
  };
};

/** The execution ARNs of a machine, whatever version or alias started them. */
export const executionArnsOf = (scope: Construct, target: WorkflowTarget): string =>
  Arn.format(
    {
      service: 'states',
      resource: 'execution',
      resourceName: `${target.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    },
    Stack.of(scope),
  );

export interface PublishedWorkflowProps {
  program: string;
  /** The literal name the machine was created with. */
  stateMachineName: string;
  stateMachine: StateMachine;
}

/**
 * A version published from the machine's current revision, and the alias pointing at it.
 *
 * The version's `StateMachineRevisionId` changes whenever the definition or configuration does, and that
 * property can only be changed by replacement, so every deploy that changes the machine publishes a new
 * version. Replaced versions are retained (UpdateReplacePolicy): executions running on them keep their
 * definition, and rolling back is pointing the alias at the previous version (docs/operations.md).
 * Deleting the machine deletes its versions and aliases with it.
 */
export class PublishedWorkflow extends Construct {
  readonly version: CfnStateMachineVersion;
  readonly alias: CfnStateMachineAlias;
  readonly target: WorkflowTarget;

  constructor(scope: Construct, id: string, props: PublishedWorkflowProps) {
    super(scope, id);
    this.version = new CfnStateMachineVersion(this, 'Version', {
      stateMachineArn: props.stateMachine.stateMachineArn,
      stateMachineRevisionId: props.stateMachine.stateMachineRevisionId,
      description: `${props.program}: published by the deploy that changed the definition`,
    });
    this.version.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.alias = new CfnStateMachineAlias(this, 'Alias', {
      name: STATE_MACHINE_ALIAS,
      description: `${props.program}: the version new executions start on`,
      deploymentPreference: { type: 'ALL_AT_ONCE', stateMachineVersionArn: this.version.attrArn },
    });

    this.target = {
      program: props.program,
      stateMachineName: props.stateMachineName,
      stateMachineArn: props.stateMachine.stateMachineArn,
      aliasArn: this.alias.attrArn,
      aliasName: STATE_MACHINE_ALIAS,
    };
  }

  /** Alarms CloudFormation watches after moving the alias; any of them in ALARM moves it back. */
  rollBackOn(alarmNames: readonly string[]): void {
    this.alias.deploymentPreference = {
      type: 'ALL_AT_ONCE',
      stateMachineVersionArn: this.version.attrArn,
      alarms: [...alarmNames],
    };
  }
}
