import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { PlatformConfig } from '../config.ts';

export interface MonitoringStackProps extends StackProps {
  config: PlatformConfig;
}

/**
 * The alarm topic every other stack's alarms notify. Deployed first (the others import the topic), so it
 * holds nothing that depends on them; the dashboard, which does, has its own stack deployed last.
 */
export class MonitoringStack extends Stack {
  readonly alarmTopic: Topic;
  readonly alarmKey: Key;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;

    // A customer managed key: CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key.
    this.alarmKey = new Key(this, 'AlarmTopicKey', {
      description: `${this.stackName}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: config.stageSettings.removalPolicy,
    });
    this.alarmKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );

    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: `${config.prefix} ${config.stage} alarms`,
      masterKey: this.alarmKey,
      enforceSSL: true,
    });
    if (config.alarmEmail) {
      // The address must confirm the subscription from the e-mail SNS sends before it receives alarms.
      this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    }

    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}
