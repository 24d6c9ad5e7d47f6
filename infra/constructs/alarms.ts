import { Arn, ArnFormat, Duration, Stack, Token } from 'aws-cdk-lib';
import {
  Alarm,
  type CfnAlarm,
  ComparisonOperator,
  type IAlarm,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct, IConstruct } from 'constructs';

/** The period every platform alarm evaluates: short enough to page within minutes, long enough to sum. */
export const ALARM_PERIOD = Duration.minutes(5);

export interface PlatformAlarmProps {
  metric: IMetric;
  /** The alarm fires at this value or above. @default 1 */
  threshold?: number;
  /** @default 1 */
  evaluationPeriods?: number;
  description: string;
}

/**
 * An alarm named `<stack>-<suffix>`: the name is a literal string, so the dashboard stack and a state
 * machine alias's deployment preference can refer to it without a cross-stack reference. It notifies the
 * alarm topic when it fires and when it recovers; no data is no problem (a quiet hour in a pilot zone).
 */
export const platformAlarm = (
  scope: Construct,
  suffix: string,
  topic: ITopic,
  props: PlatformAlarmProps,
): Alarm => {
  const stack = Stack.of(scope);
  const alarm = new Alarm(scope, `Alarm-${suffix}`, {
    alarmName: `${stack.stackName}-${suffix}`,
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold ?? 1,
    evaluationPeriods: props.evaluationPeriods ?? 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  const action = new SnsAction(topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
};

/** Every platform alarm under `scope` (the stacks of one region), for the dashboard. */
export const alarmsUnder = (scopes: readonly IConstruct[]): Alarm[] =>
  scopes.flatMap((scope) => scope.node.findAll().filter((child): child is Alarm => child instanceof Alarm));

/**
 * An alarm of another stack, addressed by its literal name (no export, no import): `scope`'s stack must be
 * deployed after the alarm's (the dashboard stack depends on every other stack).
 */
export const alarmByName = (scope: Construct, id: string, alarm: Alarm): IAlarm => {
  // `alarm.alarmName` is a Ref (it would make an export); the L1 holds the literal name platformAlarm gave.
  const name = (alarm.node.defaultChild as CfnAlarm).alarmName;
  if (typeof name !== 'string' || Token.isUnresolved(name))
    throw new Error(`alarm ${alarm.node.path} has no literal name`);
  return Alarm.fromAlarmArn(
    scope,
    id,
    Arn.format(
      {
        service: 'cloudwatch',
        resource: 'alarm',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      },
      Stack.of(scope),
    ),
  );
};
