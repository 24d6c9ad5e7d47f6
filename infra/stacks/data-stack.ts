import {
  Annotations,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { Stats } from 'aws-cdk-lib/aws-cloudwatch';
import {
  AttributeType,
  BillingMode,
  type ITable,
  Operation,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { tableDesign } from '../../functions/catalog.ts';
import { type ExistingTable, type PlatformConfig, retentionDays } from '../config.ts';
import { ALARM_PERIOD, platformAlarm } from '../constructs/alarms.ts';
import { TransitionEvents } from '../constructs/transition-events.ts';

export interface DataStackProps extends StackProps {
  config: PlatformConfig;
  /**
   * Origins the console is served from (`https://host`), the only ones the attachment bucket's CORS
   * admits: the browser PUTs and GETs attachments directly with presigned URLs.
   */
  consoleOrigins: readonly string[];
  /** Every alarm of this stack notifies it (MonitoringStack). */
  alarmTopic: ITopic;
}

/**
 * Every operation the functions, the Powertools idempotency store and the state machines' direct
 * integrations use on the table. An alarm's metric math takes at most 10 metrics, so the list is explicit.
 */
export const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.SCAN,
  Operation.BATCH_GET_ITEM,
  Operation.BATCH_WRITE_ITEM,
] as const;

/** Headers the console sends with a presigned upload; anything else is refused at preflight. */
export const ATTACHMENT_CORS_HEADERS = ['content-type', 'x-amz-checksum-sha256'];

/**
 * The single table of DESIGN.md, described by `tableDesign` in the catalog, and the bucket that holds
 * the documents applicants attach to their applications (under `attachments/`, see bindAttachments).
 */
export class DataStack extends Stack {
  /** Created by this stack, or adopted after a point-in-time restore (`-c tableName=...`). */
  readonly table: ITable;
  readonly attachments: Bucket;
  /** Server access logs of the attachment bucket. */
  readonly attachmentAccessLogs: Bucket;
  /** The `pilot-zone` bus and the pipe that feeds it from the table's stream. */
  readonly transitionEvents: TransitionEvents;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    if (props.consoleOrigins.length === 0) throw new Error('the attachment bucket needs a console origin');

    const { stageSettings } = config;
    this.table = config.existingTable
      ? this.adoptTable(config.existingTable)
      : this.createTable(config, stageSettings);

    // Both buckets are retained in every stage: emptying them on `cdk destroy` would need the
    // auto-delete custom resource (a Lambda with a managed-policy role in this stack), and attachments
    // are evidence even in a test deployment. Their names are generated, so a retained dev bucket never
    // blocks the next deploy; docs/operations.md lists them for manual removal.
    // An own log bucket rather than the web stack's: logging into it would need its bucket policy to
    // name this bucket while this stack already imports the console origin from there (a cycle).
    this.attachmentAccessLogs = new Bucket(this, 'AttachmentAccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // nag: as in the web stack, the access-log bucket is the one bucket that is not logged.
    Validations.of(this.attachmentAccessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the attachment bucket; logging it into itself would loop.',
    });

    // Encryption, public access and TLS as for the console's bucket (SSE-S3: presigned URLs then need
    // no KMS grant). Retained like the table, and never emptied by the stack (no autoDeleteObjects):
    // the attachments are evidence of the applications they belong to. Versioned, so an overwrite or
    // a delete leaves the earlier object recoverable.
    this.attachments = new Bucket(this, 'Attachments', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      serverAccessLogsBucket: this.attachmentAccessLogs,
      serverAccessLogsPrefix: 'attachments/',
      // Uploads are single presigned PUTs; a multipart upload left behind would be billed forever.
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      cors: [
        {
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: [...props.consoleOrigins],
          allowedHeaders: ATTACHMENT_CORS_HEADERS,
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // On-demand tables throttle only beyond the account's table quotas or a hot partition.
    const { alarmTopic } = props;
    const tableMetric = { period: ALARM_PERIOD, statistic: Stats.SUM };
    platformAlarm(this, 'Table-ThrottledRequests', alarmTopic, {
      metric: this.table.metricThrottledRequestsForOperations({
        ...tableMetric,
        operations: [...TABLE_OPERATIONS],
      }),
      description:
        'Requests to the table were throttled (a hot partition or the on-demand table quota; docs/operations.md, Scale).',
    });
    platformAlarm(this, 'Table-ReadThrottleEvents', alarmTopic, {
      metric: this.table.metric('ReadThrottleEvents', tableMetric),
      description: 'Reads of the table were throttled.',
    });
    platformAlarm(this, 'Table-WriteThrottleEvents', alarmTopic, {
      metric: this.table.metric('WriteThrottleEvents', tableMetric),
      description: 'Writes to the table were throttled.',
    });
    platformAlarm(this, 'Table-SystemErrors', alarmTopic, {
      metric: this.table.metricSystemErrorsForOperations({
        ...tableMetric,
        operations: [...TABLE_OPERATIONS],
      }),
      description: 'DynamoDB answered 5xx; the SDK retries, so repeated errors point at a service event.',
    });

    this.transitionEvents = new TransitionEvents(this, 'TransitionEvents', {
      table: this.table,
      eventBusName: config.eventBusName,
      alarmTopic,
      removalPolicy: stageSettings.removalPolicy,
      logRetention: retentionDays(config.logRetentionDays),
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'AttachmentsBucketName', { value: this.attachments.bucketName });
  }

  private createTable(config: PlatformConfig, stageSettings: PlatformConfig['stageSettings']): Table {
    const table = new Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // In prod, applications, decisions and the audit chain are records of administrative acts: the
      // table keeps 35 days of PITR, cannot be deleted, and outlives its stack. Dev data is the demo
      // seed, so `cdk destroy` may take the table with it (ADR 0004).
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: stageSettings.pointInTimeRecovery },
      deletionProtection: stageSettings.deletionProtection,
      removalPolicy: stageSettings.removalPolicy,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: tableDesign.ttlAttribute,
      // New images only: the transition-events pipe reads new audit events (TransitionEvents).
      stream: StreamViewType.NEW_IMAGE,
    });
    if (!stageSettings.pointInTimeRecovery) {
      // nag: PITR is a prod setting; a dev table holds the demo seed and is reloaded with `npm start -- --reset`.
      Validations.of(table).acknowledge({
        id: 'AwsSolutions-DDB3',
        reason: `Stage ${config.stage} holds demo data only (ADR 0004); stage prod enables point-in-time recovery.`,
      });
    }
    for (const index of tableDesign.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    return table;
  }

  /**
   * A restored table, by name: no resource here, and a literal name in every other stack, so none of them
   * imports it from this one (docs/operations.md, Restore, explains the deploy order this allows).
   */
  private adoptTable(existing: ExistingTable): ITable {
    Annotations.of(this).addWarningV2(
      'pilot-zone:adopted-table',
      `The table is ${existing.tableName}, adopted by name: its stream, TTL, PITR and deletion protection are set by the restore runbook (docs/operations.md), not by this stack.`,
    );
    return Table.fromTableAttributes(this, 'Table', {
      tableName: existing.tableName,
      tableStreamArn: existing.tableStreamArn,
      globalIndexes: tableDesign.indexes.map((index) => index.name),
    });
  }
}
