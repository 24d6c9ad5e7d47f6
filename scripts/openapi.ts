import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parkCertificationFormSchema } from '../domain/park/form.ts';
import { applicationSchema, humanTaskSchema } from '../domain/shared/application.ts';
import { auditEventSchema } from '../domain/shared/audit.ts';
import {
  createApplicationBodySchema,
  decisionBodySchema,
  resubmitBodySchema,
  withdrawBodySchema,
} from '../domain/shared/requests.ts';
import { apiRoutes } from '../functions/catalog.ts';
import { pageQuerySchema } from '../functions/shared/pagination.ts';

interface Operation {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response: z.ZodType;
  status?: number;
  idempotent?: boolean;
}

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.string().nullable() });
const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

/** One entry per handler in the route table; the test suite fails when a route has none. */
export const operations: Record<string, Operation> = {
  'list-programs': {
    summary: '业务类型目录 / Program catalogue, with each form as JSON Schema',
    response: z.object({ items: z.array(z.record(z.string(), z.unknown())) }),
  },
  'create-application': {
    summary: '提交申请 / Submit an application (form per program; PARK_CERT form shown in components)',
    body: createApplicationBodySchema,
    response: z.object({ application: applicationSchema }),
    status: 201,
    idempotent: true,
  },
  'list-applications': {
    summary: '本单位申请列表 / Applications of the caller’s organization, newest first',
    query: pageQuerySchema,
    response: page(applicationSchema),
  },
  'get-application': {
    summary: '申请详情 / One application with its tasks',
    response: z.object({ application: applicationSchema, tasks: z.array(humanTaskSchema) }),
  },
  'get-application-history': {
    summary: '审计记录与流程历史 / Audit trail (hash chain verified) and execution history',
    response: z.object({
      audit: z.array(auditEventSchema),
      chain: z.object({ valid: z.boolean(), brokenAt: z.number().nullable() }),
      execution: z.array(z.object({ at: z.string(), type: z.string(), state: z.string().optional() })),
    }),
  },
  'resubmit-application': {
    summary: '补正后重新提交 / Resubmit after a return for revision',
    body: resubmitBodySchema,
    response: z.object({ application: applicationSchema, delivery: z.string() }),
  },
  'withdraw-application': {
    summary: '撤回申请 / Withdraw; stops the workflow and removes open tasks',
    body: withdrawBodySchema,
    response: z.object({ application: applicationSchema }),
  },
  'list-inbox': {
    summary: '待办 / Open tasks in the caller’s queue (role and scope), by due date',
    query: pageQuerySchema,
    response: page(humanTaskSchema),
  },
  'claim-task': {
    summary: '认领任务 / Claim a review task',
    response: z.object({ task: humanTaskSchema }),
  },
  'decide-task': {
    summary: '审核决定 / Approve, reject or return; exactly one concurrent decision wins',
    body: decisionBodySchema,
    response: z.object({ task: humanTaskSchema, delivery: z.enum(['delivered', 'gone', 'retry-later']) }),
  },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

const errorResponses = {
  '400': {
    description: 'Invalid input',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
  '401': {
    description: 'Not signed in',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
  '403': {
    description: 'Outside role or scope',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
  '404': {
    description: 'Not found (or not visible)',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
  '409': {
    description: 'Conflict with the current state',
    content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
  },
};

export const buildOpenApi = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) {
    const operation = operations[route.handler];
    if (!operation) throw new Error(`No OpenAPI entry for ${route.handler}`);
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
        name: match[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema: jsonSchema(schema as z.ZodType, 'input'),
      })),
      ...(operation.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
            },
          ]
        : []),
      {
        name: 'Accept-Language',
        in: 'header',
        required: false,
        schema: { type: 'string', enum: ['zh-CN', 'en'] },
      },
    ];
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.handler,
      summary: operation.summary,
      security: route.auth === 'jwt' ? [{ jwt: [] }] : [],
      parameters,
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(operation.status ?? 200)]: {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(operation.response, 'output') } },
        },
        ...errorResponses,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: '跨境电商综试区业务协同平台 API / Pilot-zone workflow platform API',
      version: '0.1.0',
      description:
        'Generated from the zod schemas and the route table (npm run openapi). Every error is { error: { code, message, details } }.',
    },
    components: {
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ParkCertificationForm: jsonSchema(parkCertificationFormSchema, 'input') },
    },
    paths,
  };
};

export const openApiPath = join(import.meta.dirname, '..', 'docs', 'api', 'openapi.json');

if (process.argv[1] === import.meta.filename) {
  writeFileSync(openApiPath, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
  console.log(`wrote ${openApiPath}`);
}
