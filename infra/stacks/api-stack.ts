import { Annotations, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Stats } from 'aws-cdk-lib/aws-cloudwatch';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { roleNames, roleSchema } from '../../domain/shared/roles.ts';
import { type ApiRoute, apiRoutes } from '../../functions/catalog.ts';
import { certificateFontAssets } from '../../functions/shared/certificate-fonts.ts';
import {
  identityModeFor,
  type Partition,
  PLACEHOLDER_OIDC_ISSUER,
  type PlatformConfig,
  retentionDays,
} from '../config.ts';
import { ALARM_PERIOD, platformAlarm } from '../constructs/alarms.ts';
import {
  type AttachmentAccess,
  PlatformFunction,
  type PlatformFunctionProps,
  type TableAccess,
} from '../constructs/platform-function.ts';
import type { WorkflowTarget } from '../constructs/workflow-target.ts';

export interface ApiStackProps extends StackProps {
  config: PlatformConfig;
  partition: Partition;
  table: ITable;
  /** By program: the alias every execution is started through (ADR 0004). */
  workflows: ReadonlyMap<string, WorkflowTarget>;
  /** The attachment bucket; only routes declaring `attachments` in the catalog get access to it. */
  attachments: IBucket;
  /** The console's origin, the only one CORS admits. */
  consoleOrigin: string;
  /** Every alarm of this stack notifies it (MonitoringStack). */
  alarmTopic: ITopic;
}

/** Attributes the handlers scope every request by (DESIGN.md, Roles). Set by administrators only. */
export const CUSTOM_ATTRIBUTES = ['zone', 'district', 'orgId', 'orgName'] as const;

/** Headers the console sends; anything else is refused at preflight. */
const CORS_HEADERS = ['authorization', 'content-type', 'accept-language', 'idempotency-key', 'if-match'];

interface HandlerNeeds {
  access: TableAccess;
  usesWorkflows: boolean;
  /** Empty: neither ATTACHMENTS_BUCKET nor any S3 right. */
  attachments: ReadonlySet<AttachmentAccess>;
}

/** Function settings a handler needs beyond the defaults, with the reason next to each entry. */
type HandlerFunctionOptions = Pick<PlatformFunctionProps, 'memorySize' | 'timeout' | 'bundledFiles'>;

/** By handler module (functions/api/<name>.ts); every key must be a catalog handler. */
export const handlerFunctionOptions: Readonly<Record<string, HandlerFunctionOptions>> = {
  // ADR 0003: pdfkit reads the two Noto Serif SC files at run time, which esbuild does not bundle, so
  // they are copied to fonts/ beside index.mjs. Rendering peaks at ~230 MB; 1024 MB also doubles the
  // CPU share, keeping arm64 latency well inside the 10 s timeout.
  'get-certificate': { memorySize: 1024, bundledFiles: certificateFontAssets },
  // Up to 10,000 audit events read from as many as 13 month partitions and written by exceljs in memory:
  // 1024 MB for the CPU share, and the HTTP API's 29 s integration limit rather than the 10 s default.
  'export-audit-events': { memorySize: 1024, timeout: Duration.seconds(29) },
};

/** One function per handler module; a handler serving several routes gets the union of their needs. */
const handlerNeeds = (routes: readonly ApiRoute[]): Map<string, HandlerNeeds> => {
  const needs = new Map<string, HandlerNeeds>();
  for (const route of routes) {
    const previous = needs.get(route.handler);
    needs.set(route.handler, {
      access: previous?.access === 'readwrite' || route.access === 'readwrite' ? 'readwrite' : 'read',
      usesWorkflows: (previous?.usesWorkflows ?? false) || route.usesWorkflows === true,
      attachments: new Set([
        ...(previous?.attachments ?? []),
        ...(route.attachments ? [route.attachments] : []),
      ]),
    });
  }
  return needs;
};

/** The HTTP API of the catalog, its functions, and the identity provider behind its JWT authorizer. */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions = new Map<string, PlatformFunction>();
  readonly userPool: UserPool | undefined;
  readonly userPoolClient: UserPoolClient | undefined;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const logRetention = retentionDays(config.logRetentionDays);

    let authorizer: IHttpRouteAuthorizer;
    if (identityModeFor(config, props.partition) === 'cognito') {
      const identity = this.createUserPool(props.consoleOrigin, config);
      this.userPool = identity.userPool;
      this.userPoolClient = identity.client;
      authorizer = new HttpUserPoolAuthorizer('Jwt', identity.userPool, {
        userPoolClients: [identity.client],
      });
    } else {
      if (config.oidcIssuer === PLACEHOLDER_OIDC_ISSUER) {
        Annotations.of(this).addWarningV2(
          'pilot-zone:oidc-placeholder',
          'oidcIssuer is the synth placeholder; pass -c oidcIssuer=... -c oidcAudience=... before deploying (ADR 0001).',
        );
      }
      authorizer = new HttpJwtAuthorizer('Jwt', config.oidcIssuer, { jwtAudience: config.oidcAudience });
      new CfnOutput(this, 'OidcIssuer', { value: config.oidcIssuer });
    }

    const methods = [...new Set(apiRoutes.map((route) => route.method))];
    this.api = new HttpApi(this, 'Api', {
      apiName: this.stackName,
      description: 'Pilot-zone workflow platform API (routes from functions/catalog.ts)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.consoleOrigin],
        allowMethods: [...methods.map((method) => CorsHttpMethod[method]), CorsHttpMethod.OPTIONS],
        allowHeaders: CORS_HEADERS,
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: logRetention,
      removalPolicy: config.stageSettings.removalPolicy,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.apiThrottleRate, burstLimit: config.apiThrottleBurst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const needsByHandler = handlerNeeds(apiRoutes);
    for (const handler of Object.keys(handlerFunctionOptions)) {
      if (!needsByHandler.has(handler))
        throw new Error(`handlerFunctionOptions names ${handler}, no catalog handler`);
    }
    for (const [handler, needs] of needsByHandler) {
      const fn = new PlatformFunction(this, `Route-${handler}`, {
        ...handlerFunctionOptions[handler],
        kind: 'api',
        name: handler,
        logLevel: config.logLevel,
        logRetention,
        logRemovalPolicy: config.stageSettings.removalPolicy,
      });
      fn.bindTable(table, needs.access);
      if (needs.usesWorkflows) fn.bindStateMachines(props.workflows);
      for (const access of needs.attachments) fn.bindAttachments(props.attachments, access);
      fn.addAlarms(props.alarmTopic);
      this.functions.set(handler, fn);
    }

    for (const route of apiRoutes) {
      const fn = this.functions.get(route.handler);
      if (!fn) throw new Error(`no function for handler ${route.handler}`);
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(
          `${route.method}${route.path}`.replace(/[^A-Za-z0-9]+/g, '-'),
          fn.function,
        ),
        authorizer: route.auth === 'jwt' ? authorizer : new HttpNoneAuthorizer(),
      });
      if (route.auth === 'none' && httpRoute) {
        // nag: a public route is a catalog decision, reviewed there, not an oversight here.
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `functions/catalog.ts declares ${route.method} ${route.path} public (auth: none).`,
        });
      }
    }

    // Handlers answer every expected failure with a 4xx and log the unexpected ones before a 500 (http.ts).
    platformAlarm(this, 'Api-5xx', props.alarmTopic, {
      metric: this.api.metricServerError({ period: ALARM_PERIOD, statistic: Stats.SUM }),
      description:
        'The HTTP API answered 5xx: an unhandled handler error (logged as "Unhandled error"), a timeout or an integration failure.',
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }

  private createUserPool(
    consoleOrigin: string,
    config: PlatformConfig,
  ): { userPool: UserPool; client: UserPoolClient } {
    const userPool = new UserPool(this, 'Users', {
      userPoolName: this.stackName,
      // Accounts are created by the office or the admin after checking the organization.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      featurePlan: FeaturePlan.ESSENTIALS,
      customAttributes: Object.fromEntries(
        CUSTOM_ATTRIBUTES.map((name) => [name, new StringAttribute({ mutable: true, maxLen: 256 })]),
      ),
      // The accounts, their groups and scoping attributes are the stage's: kept in prod, disposable in dev.
      deletionProtection: config.stageSettings.deletionProtection,
      removalPolicy: config.stageSettings.removalPolicy,
    });
    // nag: Plus tier is a cost decision; MFA-required and closed sign-up cover the main account-takeover paths.
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus plan (threat protection) is billed per monthly active user; MFA is required for every user and sign-up is closed, so Essentials is the accepted trade-off.',
    });

    roleSchema.options.forEach((role, index) => {
      new UserPoolGroup(this, `Group-${role}`, {
        userPool,
        groupName: role,
        description: `${roleNames[role].zh} / ${roleNames[role].en}`,
        precedence: index,
      });
    });

    const client = userPool.addClient('Console', {
      userPoolClientName: 'console',
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${consoleOrigin}/`],
        logoutUrls: [`${consoleOrigin}/`],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...CUSTOM_ATTRIBUTES),
      // Zone, district and organization decide what a user may see: users must not be able to edit them.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    return { userPool, client };
  }
}
