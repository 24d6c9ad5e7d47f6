import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { type ApiRoute, apiRoutes } from '../functions/catalog.ts';
import { DEMO_PASSWORD, demoUsers, findDemoUser } from './demo-users.ts';
import type { LocalIdentityProvider } from './identity.ts';
import type { LambdaRuntime } from './lambda-runtime.ts';

/** The console and the API share one origin locally; the API lives under this prefix. */
export const API_PREFIX = '/api';
/** API Gateway's own payload limit; the handlers enforce a much smaller one. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  parameterNames: string[];
}

const compile = (route: ApiRoute): CompiledRoute => {
  const parameterNames: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    parameterNames.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), parameterNames };
};

const compiledRoutes = apiRoutes.map(compile);

const sendJson = (res: ServerResponse, statusCode: number, body: unknown) => {
  res.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

const errorJson = (code: string, message: string) => ({ error: { code, message, details: null } });

const readBody = async (req: IncomingMessage): Promise<Buffer | 'too-large'> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
};

/** API Gateway hands JWT claims to Lambda as strings, arrays as `[a b]`; mirror that exactly. */
const claimsAsApiGatewayDoes = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    ]),
  );

const headerMap = (req: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
};

export interface HttpApiOptions {
  runtime: LambdaRuntime;
  identity: LocalIdentityProvider;
  accountId: string;
}

/**
 * The HTTP API of the local cloud: the same route table as infra/, API Gateway v2 (payload 2.0) events,
 * JWT verification as the authorizer does it, plus a local-only login for the demo accounts.
 */
export const createHttpApi = ({ runtime, identity, accountId }: HttpApiOptions) => {
  const login = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === 'too-large' ? undefined : JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
    const user = typeof username === 'string' ? findDemoUser(username) : undefined;
    if (!user || password !== DEMO_PASSWORD) {
      sendJson(res, 401, errorJson('INVALID_CREDENTIALS', '用户名或密码错误 / Invalid username or password'));
      return;
    }
    sendJson(res, 200, { idToken: await identity.issueIdToken(user), user });
  };

  return async (req: IncomingMessage, res: ServerResponse, path: string, rawQueryString: string) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (path === '/local/login' && method === 'POST') return login(req, res);
    if (path === '/local/users' && method === 'GET') {
      return sendJson(res, 200, { password: DEMO_PASSWORD, items: demoUsers });
    }

    const candidates = compiledRoutes.filter((compiled) => compiled.pattern.test(path));
    const match = candidates.find((compiled) => compiled.route.method === method);
    if (!match) {
      return candidates.length > 0
        ? sendJson(res, 405, errorJson('METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`))
        : sendJson(res, 404, errorJson('ROUTE_NOT_FOUND', `No route for ${method} ${path}`));
    }

    const headers = headerMap(req);
    let claims: Record<string, string> | undefined;
    if (match.route.auth === 'jwt') {
      const token = headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
      const payload = token ? await identity.verify(token) : undefined;
      if (!payload) return sendJson(res, 401, errorJson('UNAUTHORIZED', '未登录或登录已失效 / Unauthorized'));
      claims = claimsAsApiGatewayDoes(payload);
    }

    const raw = await readBody(req);
    if (raw === 'too-large')
      return sendJson(res, 413, errorJson('PAYLOAD_TOO_LARGE', 'Request entity too large'));
    const values = match.pattern.exec(path)?.slice(1) ?? [];
    const pathParameters = Object.fromEntries(
      match.parameterNames.map((name, index) => [name, decodeURIComponent(values[index] ?? '')]),
    );
    const query = new URLSearchParams(rawQueryString);
    const queryStringParameters: Record<string, string> = {};
    for (const key of new Set(query.keys())) queryStringParameters[key] = query.getAll(key).join(',');
    const routeKey = `${match.route.method} ${match.route.path}`;
    const now = new Date();
    const textual =
      raw.length === 0 || /json|text|xml|form/.test(headers['content-type'] ?? 'application/json');

    const event = {
      version: '2.0',
      routeKey,
      rawPath: `${API_PREFIX}${path}`,
      rawQueryString,
      headers,
      ...(rawQueryString ? { queryStringParameters } : {}),
      ...(match.parameterNames.length > 0 ? { pathParameters } : {}),
      ...(raw.length > 0 ? { body: textual ? raw.toString('utf8') : raw.toString('base64') } : {}),
      isBase64Encoded: raw.length > 0 && !textual,
      requestContext: {
        accountId,
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: `${API_PREFIX}${path}`,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
      },
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

    try {
      const result = (await runtime.invoke(
        `api/${match.route.handler}`,
        event,
      )) as APIGatewayProxyStructuredResultV2;
      const responseHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(result.headers ?? {})) responseHeaders[name] = String(value);
      res.writeHead(result.statusCode ?? 200, responseHeaders);
      res.end(
        result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''),
      );
    } catch (error) {
      // API Gateway answers 500 when the integration itself fails.
      console.error(`[local] ${routeKey} failed:`, error);
      sendJson(res, 500, errorJson('INTERNAL_ERROR', 'Internal server error'));
    }
  };
};
