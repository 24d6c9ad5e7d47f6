import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect } from 'vitest';
import { ApiClient, eventually } from '../../local/api-client.ts';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../local/cloud.ts';
import { sampleParkForm, waitForTask } from '../../local/park-demo.ts';

export { ApiClient, eventually, sampleParkForm, waitForTask };

export interface TestCloud {
  cloud: LocalCloud;
  documents: DynamoDBDocumentClient;
  login(username: string): Promise<ApiClient>;
}

/** One in-memory local cloud per test file (handlers read process-wide configuration). */
export const withLocalCloud = (options: LocalCloudOptions = {}): TestCloud => {
  const context = {} as TestCloud;
  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    context.cloud = await startLocalCloud({ port: 0, dataDir: null, ...options });
    context.documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: context.cloud.dynamodbEndpoint }),
    );
    context.login = (username) => ApiClient.login(context.cloud.apiUrl, username);
  });
  afterAll(async () => {
    context.documents?.destroy();
    await context.cloud?.stop();
  });
  return context;
};

/** Every item in the table, for proving that a refused request changed nothing. */
export const snapshotTable = async (documents: DynamoDBDocumentClient, tableName: string) => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
};

export const tasksOfApplication = async (
  documents: DynamoDBDocumentClient,
  tableName: string,
  id: string,
) => {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :app AND begins_with(gsi2sk, :task)',
      ExpressionAttributeValues: { ':app': `APP#${id}`, ':task': 'TASK#' },
    }),
  );
  return Items;
};

export interface ApplicationView {
  id: string;
  status: string;
  stage?: string;
  revision: number;
  certificate?: { number: string; validFrom: string; validUntil: string; sequence: number };
  executionArn?: string;
  form: Record<string, unknown>;
}

export const submitPark = async (client: ApiClient, overrides = {}) => {
  const reply = await client.post<{ application: ApplicationView }>('/applications', {
    program: 'PARK_CERT',
    form: sampleParkForm(overrides),
  });
  if (reply.status !== 201) throw new Error(`submit failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.application;
};

export const waitForStatus = (client: ApiClient, id: string, status: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const { body } = await client.get<{ application: ApplicationView }>(`/applications/${id}`);
      return body.application?.status === status ? body.application : undefined;
    },
    { what: `${id} to reach ${status}`, timeoutMs },
  );

interface ErrorReply {
  error: { code: string; message: string };
}

/**
 * Sends a refused request twice (Chinese, then English), checks the status and code of both, that the
 * first reads in Chinese and the second starts in English, and returns both reasons.
 */
export const expectRefusal = async (
  send: (headers?: Record<string, string>) => Promise<{ status: number; body: unknown }>,
  status: number,
  code: string,
) => {
  const replies = [await send(), await send({ 'accept-language': 'en' })];
  for (const reply of replies) {
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect((reply.body as ErrorReply).error.code).toBe(code);
  }
  const [zh, en] = replies.map((reply) => (reply.body as ErrorReply).error.message) as [string, string];
  expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(en).toMatch(/^[A-Z][\x20-\x7e]+/);
  return { zh, en };
};
