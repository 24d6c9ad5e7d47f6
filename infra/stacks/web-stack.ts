import {
  Annotations,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  CachePolicy,
  type CfnDistribution,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { Partition, PlatformConfig } from '../config.ts';

export interface WebStackProps extends StackProps {
  config: PlatformConfig;
  partition: Partition;
}

/**
 * Hosting for the console (web/): a private bucket behind CloudFront. Content is uploaded by the
 * release pipeline, not by this stack. In AWS China CloudFront only serves an ICP-filed custom
 * domain with an IAM server certificate (ADR 0002); both are optional here so synth never needs them.
 */
export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://host` the console is served from; the API admits only this origin. */
  readonly consoleOrigin: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config, partition } = props;
    const { consoleDomain: domain, consoleCertificate: certificate } = config;
    if (domain && !certificate) {
      throw new Error(
        'consoleDomain needs consoleCertificate (ACM ARN in aws, IAM server certificate ID in aws-cn)',
      );
    }

    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes through bucket ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // nag: access logs of the access-log bucket would have to go to itself.
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // AWS::CloudFront::OriginAccessControl does not exist in the China regions' resource
    // specification (CDK's CloudFormation validation reports it), so they keep an access identity.
    const originAccess = config.originAccess ?? (partition === 'aws-cn' ? 'oai' : 'oac');
    const origin =
      originAccess === 'oai'
        ? S3BucketOrigin.withOriginAccessIdentity(this.bucket)
        : S3BucketOrigin.withOriginAccessControl(this.bucket);

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Console security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: {
          // connect-src stays https: because the API and identity-provider hosts are only known after
          // this stack (the API admits this origin, so it is created later).
          contentSecurityPolicy:
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https:; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'",
          override: true,
        },
      },
    });

    // An own cache policy: the managed policies are referenced by fixed IDs that this app does not
    // want to depend on in both partitions.
    const cache = new CachePolicy(this, 'Cache', {
      comment: 'Console static assets',
      defaultTtl: Duration.hours(1),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const acmCertificate =
      domain && certificate && partition === 'aws'
        ? Certificate.fromCertificateArn(this, 'Certificate', certificate)
        : undefined;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${this.stackName} console`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cache,
        compress: true,
      },
      // The console is a single-page app: unknown paths are client-side routes.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(acmCertificate && domain
        ? {
            certificate: acmCertificate,
            domainNames: [domain],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    if (partition === 'aws-cn' && domain && certificate) {
      // CloudFront in China takes certificates from IAM, not ACM, which the L2 construct cannot express.
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domain]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: certificate,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      });
    }
    if (partition === 'aws-cn' && !domain) {
      Annotations.of(this).addWarningV2(
        'pilot-zone:console-domain',
        'CloudFront in AWS China does not serve *.cloudfront.cn: set consoleDomain (ICP-filed) and consoleCertificate before going live (ADR 0002).',
      );
    }

    if (!domain) {
      // nag: the default CloudFront certificate fixes the TLS floor; a custom domain lifts it.
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without consoleDomain the distribution uses the default CloudFront certificate, whose TLS floor cannot be raised; with a domain TLSv1.2_2021 applies (ADR 0002).',
      });
    } else if (partition === 'aws-cn') {
      // nag: cdk-nag reads the L1 properties, not raw overrides (its documented limitation), so it
      // cannot see the TLSv1.2_2021 floor set above.
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Remediated by the property override above: the IAM server certificate is served with TLSv1.2_2021, which cdk-nag cannot see in a raw override.',
      });
    }
    // nag: users are in mainland China and abroad; blocking countries would block applicants.
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'The console serves applicants in mainland China and abroad (cross-border enterprises); no geo restriction.',
    });
    // nag: the distribution serves static files only, and edge WAF does not exist in AWS China.
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'Static assets only; the API is protected by the JWT authorizer and stage throttling. CloudFront-scoped WAF is not offered in the AWS China regions.',
    });
    if (originAccess === 'oai') {
      // nag: OAC is not in the China regions' resource specification; OAI is the only private option there.
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR7',
        reason:
          'Origin access control is not offered in the AWS China regions, so the origin uses an access identity there (ADR 0002).',
      });
    }

    this.consoleOrigin =
      config.consoleOrigin ?? `https://${domain ?? this.distribution.distributionDomainName}`;

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'ConsoleUrl', { value: this.consoleOrigin });
  }
}
