import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { type Alarm, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALARM_PERIOD, platformAlarm } from './alarms.ts';

export interface DeadLetterQueueProps {
  /** What ends up here, for the alarm's description. */
  subject: string;
  /** Suffix of the alarm's name. */
  alarmSuffix: string;
  alarmTopic: ITopic;
  removalPolicy: RemovalPolicy;
}

/** The longest SQS keeps a message: time to find the cause and redrive (docs/operations.md). */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * Where an asynchronous delivery goes once its retries are spent. SSE-SQS (no key to grant: EventBridge,
 * Lambda and Pipes all write to it), TLS only, and an alarm on the first message: nothing is expected here.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
      removalPolicy: props.removalPolicy,
    });
    this.alarm = platformAlarm(this, props.alarmSuffix, props.alarmTopic, {
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: ALARM_PERIOD,
        statistic: Stats.MAXIMUM,
      }),
      description: `${props.subject} reached its dead-letter queue; find the cause, then redrive (docs/operations.md).`,
    });
  }
}
