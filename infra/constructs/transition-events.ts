import { CfnOutput, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.ts';

/** `source` of every transition event on the bus. */
export const TRANSITION_EVENT_SOURCE = 'pilot-zone.workflow';

/** The sort-key prefix of audit events (functions/shared/keys.ts `auditPrefix`). */
export const AUDIT_SORT_KEY_PREFIX = 'AUDIT#';

/**
 * Only new audit events (the chain is append-only: one INSERT per transition or decision). Pipes filter
 * DynamoDB stream records on their raw JSON, so the item's attributes keep their type keys.
 */
export const TRANSITION_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { sk: { S: [{ prefix: AUDIT_SORT_KEY_PREFIX }] } } },
};

/**
 * The event's `detail`: what identifies the transition, never what a person wrote or who they are (no
 * actor id or name, no reason, no form data), so integrations receive no personal data. Only attributes
 * every audit event has (domain/shared/audit.ts): a missing path would fail the transformation.
 * Consumers that need more read the application through the API.
 */
export const TRANSITION_DETAIL_TEMPLATE = `{
  "applicationId": "<$.dynamodb.NewImage.applicationId.S>",
  "seq": <$.dynamodb.NewImage.seq.N>,
  "at": "<$.dynamodb.NewImage.at.S>",
  "action": "<$.dynamodb.NewImage.action.S>",
  "actorRole": "<$.dynamodb.NewImage.actor.M.role.S>",
  "hash": "<$.dynamodb.NewImage.hash.S>"
}`;

export interface TransitionEventsProps {
  table: ITable;
  /** The custom bus's name, unique per account and region. */
  eventBusName: string;
  alarmTopic: ITopic;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
}

/**
 * DESIGN.md (Notifications): "an event per transition for integration". The table's stream feeds a pipe
 * that keeps new audit events only and puts each on the `pilot-zone` bus as `source: pilot-zone.workflow`,
 * `detail-type: <action>`. Pipes keep the stream's order per shard; a batch that still fails after its
 * retries goes to a dead-letter queue, which alarms (docs/operations.md).
 */
export class TransitionEvents extends Construct {
  readonly bus: EventBus;
  readonly pipe: CfnPipe;
  readonly deadLetters: DeadLetterQueue;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TransitionEventsProps) {
    super(scope, id);
    const { table } = props;
    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error('transition events need the table stream (NEW_IMAGE)');

    this.bus = new EventBus(this, 'Bus', {
      eventBusName: props.eventBusName,
      description: 'Pilot-zone platform: one event per workflow transition and decision',
    });

    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      subject: 'A batch of transition events',
      alarmSuffix: 'TransitionEvents-DeadLetters',
      alarmTopic: props.alarmTopic,
      removalPolicy: props.removalPolicy,
    });

    // nag: SQS3 recognises a queue as a DLQ only when another queue's redrive policy or a function's
    // DeadLetterConfig names it; this one is the pipe's (sourceParameters...deadLetterConfig below).
    Validations.of(this.deadLetters.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the transition-events pipe (DynamoDbStreamParameters.DeadLetterConfig), which cdk-nag does not inspect.',
    });

    const logs = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    // The trust is limited to pipes of this account (confused-deputy protection).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Reads the table stream, puts transition events on the bus',
    });
    // DynamoDB's own example scopes the stream actions to stream ARNs; this one is the table's only stream.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ],
        resources: [streamArn],
      }),
    );
    this.bus.grantPutEventsTo(this.role);
    this.deadLetters.queue.grantSendMessages(this.role);
    logs.grantWrite(this.role);

    this.pipe = new CfnPipe(this, 'Pipe', {
      description: 'Audit events from the table stream to the pilot-zone bus',
      roleArn: this.role.roleArn,
      source: streamArn,
      sourceParameters: {
        filterCriteria: { filters: [{ pattern: JSON.stringify(TRANSITION_FILTER) }] },
        dynamoDbStreamParameters: {
          startingPosition: 'LATEST',
          batchSize: 10,
          maximumBatchingWindowInSeconds: 1,
          // Finite, so a poisoned batch reaches the dead-letter queue instead of blocking its shard.
          maximumRetryAttempts: 5,
          maximumRecordAgeInSeconds: Duration.hours(6).toSeconds(),
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: this.deadLetters.queue.queueArn },
        },
      },
      target: this.bus.eventBusArn,
      targetParameters: {
        inputTemplate: TRANSITION_DETAIL_TEMPLATE,
        eventBridgeEventBusParameters: {
          source: TRANSITION_EVENT_SOURCE,
          // A dynamic path parameter: the whole value is a path into the stream record.
          detailType: '$.dynamodb.NewImage.action.S',
        },
      },
      // Errors only, without execution data: a record carries the audit item, which may hold personal data.
      logConfiguration: {
        level: 'ERROR',
        cloudwatchLogsLogDestination: { logGroupArn: logs.logGroupArn },
      },
      desiredState: 'RUNNING',
    });
    // The role's policy must exist before the pipe starts polling with it.
    this.pipe.node.addDependency(this.role);

    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'EventBusArn', { value: this.bus.eventBusArn });
  }
}
