import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { ZodError, type z } from 'zod';
import type { LocalizedText } from '../../domain/shared/program.ts';
import { controlCharactersMessage, hasControlCharacters } from '../../domain/shared/text.ts';
import { type Caller, callerFromEvent } from './auth.ts';
import { ApiError, badRequest } from './errors.ts';
import { logger, metrics } from './powertools.ts';

export type Language = 'zh' | 'en';
export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** Bodies above this are refused before parsing; forms are small and attachments go elsewhere. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ApiRequest<Body, Query, Path> {
  event: ApiEvent;
  context: Context;
  caller: Caller;
  body: Body;
  query: Query;
  path: Path;
  headers: Record<string, string | undefined>;
  language: Language;
}

/** A request to a route the catalog declares `auth: 'none'`: no authorizer ran, so there is no caller. */
export interface PublicApiRequest<Body, Query, Path>
  extends Omit<ApiRequest<Body, Query, Path>, 'event' | 'caller'> {
  event: APIGatewayProxyEventV2;
  caller: undefined;
}

export interface ApiResponse {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Set by `respondBinary`: `body` holds bytes, sent base64-encoded with this content type. */
  binaryContentType?: string;
}

export const respond = (
  statusCode: number,
  body: unknown,
  headers?: Record<string, string>,
): ApiResponse => ({
  statusCode,
  body,
  ...(headers ? { headers } : {}),
});

/** A body that is not JSON, e.g. a PDF; API Gateway decodes the base64 and sends the bytes. */
export const respondBinary = (
  statusCode: number,
  bytes: Uint8Array,
  contentType: string,
  headers?: Record<string, string>,
): ApiResponse => ({
  statusCode,
  body: bytes,
  binaryContentType: contentType,
  ...(headers ? { headers } : {}),
});

interface HandlerSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  body?: B;
  query?: Q;
  path?: P;
}

interface PublicHandlerSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>
  extends HandlerSpec<B, Q, P> {
  /** Declares the route public (`auth: 'none'` in the catalog): anyone may call it, signed in or not. */
  public: true;
}

const languageOf = (headers: Record<string, string | undefined>): Language =>
  headers['accept-language']?.toLowerCase().startsWith('en') ? 'en' : 'zh';

/** Every response counts towards Http2xx / Http4xx / Http5xx, the API's error-rate metrics. */
const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult => {
  metrics.addMetric(`Http${Math.floor(statusCode / 100)}xx`, MetricUnit.Count, 1);
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
};

const binary = (
  statusCode: number,
  bytes: Uint8Array,
  contentType: string,
  headers: Record<string, string> = {},
): ApiResult => {
  metrics.addMetric(`Http${Math.floor(statusCode / 100)}xx`, MetricUnit.Count, 1);
  return {
    statusCode,
    headers: { 'content-type': contentType, ...headers },
    body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    isBase64Encoded: true,
  };
};

const errorBody = (code: string, text: LocalizedText, language: Language, details?: unknown) => ({
  error: { code, message: text[language], details: details ?? null },
});

const bodySizeLimit = (): MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async ({ event }) => {
    const size = event.body ? Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : 0;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(
        413,
        'PAYLOAD_TOO_LARGE',
        { zh: `请求体超过 ${MAX_BODY_BYTES} 字节上限`, en: `Request body exceeds ${MAX_BODY_BYTES} bytes` },
        { limit: MAX_BODY_BYTES, size },
      );
    }
  },
});

/**
 * A route without a body schema takes no body: an empty one or `{}` (what clients send to a bare POST) is
 * fine, anything else is refused rather than silently ignored, so a client never believes it sent data.
 */
const noBodyExpected = (): MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async ({ event }) => {
    const text = event.body
      ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
          .toString('utf8')
          .trim()
      : '';
    if (text === '' || /^\{\s*\}$/.test(text)) return;
    throw badRequest('BODY_NOT_EXPECTED', {
      zh: '此操作不接受请求体',
      en: 'This operation takes no request body',
    });
  },
});

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks every key and string of a body before any schema sees it. Keys named `__proto__`, `constructor`
 * or `prototype` are refused: JSON.parse makes them own keys and zod's records drop them silently, so such
 * a body would be accepted as something it does not say; no schema of the platform uses these names.
 * Strings holding control characters (line breaks and tabs apart) are refused wherever they sit, so that a
 * field a schema forgot, or a program's form field added later, cannot carry them into exports, notices
 * and logs; one-line fields refuse line breaks too, in their own schemas. Iterative, as a body may nest
 * thousands of levels.
 */
interface BodyNode {
  value: unknown;
  key?: PropertyKey;
  parent?: BodyNode;
}

/** The path of a node, built only when needed: copying it at every level would be quadratic. */
const pathOf = (node: BodyNode): PropertyKey[] => {
  const path: PropertyKey[] = [];
  for (let at: BodyNode | undefined = node; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
};

const refuseUnsafeBodyContent = (): MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async ({ event }) => {
    const pending: BodyNode[] = [{ value: event.body }];
    for (let node = pending.pop(); node; node = pending.pop()) {
      const { value } = node;
      if (typeof value === 'string' && hasControlCharacters(value, { multiline: true })) {
        throw new ZodError([
          { code: 'custom', path: pathOf(node), message: controlCharactersMessage, input: value },
        ]);
      }
      if (value === null || typeof value !== 'object') continue;
      for (const [key, child] of Object.entries(value)) {
        if (PROTOTYPE_KEYS.has(key)) {
          throw badRequest(
            'FORBIDDEN_KEY',
            { zh: `请求体不得包含字段 ${key}`, en: `The request body may not contain the key ${key}` },
            { key },
          );
        }
        if (hasControlCharacters(key, { multiline: false })) {
          throw new ZodError([
            { code: 'custom', path: pathOf(node), message: controlCharactersMessage, input: key },
          ]);
        }
        pending.push({ value: child, key: Array.isArray(value) ? Number(key) : key, parent: node });
      }
    }
  },
});

const zodIssues = (error: ZodError) =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));

const toErrorResult = (error: unknown, language: Language): ApiResult => {
  if (error instanceof ApiError) {
    return json(error.statusCode, errorBody(error.code, error.text, language, error.details), error.headers);
  }
  if (error instanceof ZodError) {
    return json(
      400,
      errorBody(
        'VALIDATION_FAILED',
        { zh: '请求数据校验失败', en: 'The request is invalid' },
        language,
        zodIssues(error),
      ),
    );
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return json(
      409,
      errorBody(
        'REQUEST_IN_PROGRESS',
        {
          zh: '相同幂等键的请求正在处理中，请稍后重试',
          en: 'A request with this Idempotency-Key is still in progress; retry shortly',
        },
        language,
      ),
      { 'retry-after': '1' },
    );
  }
  if (error instanceof IdempotencyValidationError) {
    return json(
      422,
      errorBody(
        'IDEMPOTENCY_KEY_REUSED',
        {
          zh: '幂等键已用于不同的请求内容',
          en: 'This Idempotency-Key was used with a different request body',
        },
        language,
      ),
    );
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = error instanceof Error ? error.message : '';
    if (message.startsWith('Invalid or malformed JSON')) {
      return json(
        400,
        errorBody('MALFORMED_JSON', { zh: '请求体不是有效的 JSON', en: 'Malformed JSON body' }, language),
      );
    }
    if (status === 415) {
      return json(
        415,
        errorBody(
          'UNSUPPORTED_MEDIA_TYPE',
          { zh: '请求须为 application/json', en: 'Content-Type must be application/json' },
          language,
        ),
      );
    }
    return json(status, errorBody('BAD_REQUEST', { zh: '请求无效', en: message || 'Bad request' }, language));
  }
  logger.error('Unhandled error', error as Error);
  return json(
    500,
    errorBody('INTERNAL_ERROR', { zh: '服务器内部错误', en: 'Internal server error' }, language),
  );
};

/** Turns every failure into the platform's JSON error shape; runs last so it sees all other middleware. */
const jsonErrorHandler = (): MiddlewareObj<ApiEvent, ApiResult> => ({
  onError: async (request) => {
    const headers = (request.event.headers ?? {}) as Record<string, string | undefined>;
    request.response = toErrorResult(request.error, languageOf(headers));
  },
});

type RequestWith<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, C> = Omit<
  ApiRequest<z.infer<B>, z.infer<Q>, z.infer<P>>,
  'caller'
> & { caller: C };

/** The middleware chain around `logic`; signed-in and public handlers differ only in `callerOf`. */
const buildHandler = <B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, C>(
  spec: HandlerSpec<B, Q, P>,
  callerOf: (event: ApiEvent) => C,
  logic: (request: RequestWith<B, Q, P, C>) => Promise<ApiResponse>,
) => {
  const core = async (event: ApiEvent, context: Context): Promise<ApiResult> => {
    const headers = (event.headers ?? {}) as Record<string, string | undefined>;
    const caller = callerOf(event);
    const request: RequestWith<B, Q, P, C> = {
      event,
      context,
      caller,
      body: (spec.body ? spec.body.parse(event.body) : undefined) as z.infer<B>,
      query: (spec.query ? spec.query.parse(event.queryStringParameters ?? {}) : {}) as z.infer<Q>,
      path: (spec.path
        ? spec.path.parse(event.pathParameters ?? {})
        : (event.pathParameters ?? {})) as z.infer<P>,
      headers,
      language: languageOf(headers),
    };
    const response = await logic(request);
    if (response.binaryContentType !== undefined && response.body instanceof Uint8Array) {
      return binary(response.statusCode, response.body, response.binaryContentType, response.headers);
    }
    return json(response.statusCode, response.body, response.headers);
  };

  const handler = middy<ApiEvent, ApiResult>()
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .use(httpHeaderNormalizer())
    .use(bodySizeLimit());
  if (spec.body) handler.use(httpJsonBodyParser()).use(refuseUnsafeBodyContent());
  else handler.use(noBodyExpected());
  return handler.use(jsonErrorHandler()).handler(core);
};

/**
 * Builds an HTTP handler: Powertools → header normalisation, size limit, JSON parsing and zod validation →
 * the JSON error handler last. Logic receives validated input and the authenticated caller only.
 */
export const createApiHandler = <
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodType<Record<string, string | undefined>>,
  P extends z.ZodType = z.ZodType<Record<string, string | undefined>>,
>(
  spec: HandlerSpec<B, Q, P>,
  logic: (request: ApiRequest<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<ApiResponse>,
) => buildHandler(spec, callerFromEvent, logic);

/**
 * The same chain for a route the catalog declares `auth: 'none'`. No JWT is read, even if one is sent:
 * logic gets `caller: undefined` and must decide on validated input alone.
 */
export const createPublicApiHandler = <
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodType<Record<string, string | undefined>>,
  P extends z.ZodType = z.ZodType<Record<string, string | undefined>>,
>(
  spec: PublicHandlerSpec<B, Q, P>,
  logic: (request: PublicApiRequest<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<ApiResponse>,
) => buildHandler(spec, () => undefined, logic);
