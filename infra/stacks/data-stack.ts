import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { tableDesign } from '../../functions/catalog.ts';
import type { PlatformConfig } from '../config.ts';

export interface DataStackProps extends StackProps {
  config: PlatformConfig;
  /**
   * Origins the console is served from (`https://host`), the only ones the attachment bucket's CORS
   * admits: the browser PUTs and GETs attachments directly with presigned URLs.
   */
  consoleOrigins: readonly string[];
}

/** Headers the console sends with a presigned upload; anything else is refused at preflight. */
export const ATTACHMENT_CORS_HEADERS = ['content-type', 'x-amz-checksum-sha256'];

/**
 * The single table of DESIGN.md, described by `tableDesign` in the catalog, and the bucket that holds
 * the documents applicants attach to their applications (under `attachments/`, see bindAttachments).
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly attachments: Bucket;
  /** Server access logs of the attachment bucket. */
  readonly attachmentAccessLogs: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    if (props.consoleOrigins.length === 0) throw new Error('the attachment bucket needs a console origin');

    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Applications, decisions and the audit chain are records of administrative acts.
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: tableDesign.ttlAttribute,
    });

    for (const index of tableDesign.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

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

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'AttachmentsBucketName', { value: this.attachments.bucketName });
  }
}
