import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describe, fixture, type Harness, history, REGION, startHarness } from './harness.ts';

// dynalite ships no types; this is the one call the test needs.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}) => Server;

const TABLE = 'platform';
let server: Server;
let endpoint = '';
let harness: Harness;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dynamodb = new DynamoDBClient({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await dynamodb.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  harness = await startHarness({
    dynamodbEndpoint: endpoint,
    stateMachines: [{ name: 'counter', definition: fixture('dynamodb.asl.json', { TableName: TABLE }) }],
  });
});

afterAll(async () => {
  await harness?.close();
  dynamodb?.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('runs updateItem, maps a failed condition to DynamoDB.ConditionalCheckFailedException, and reads back', async () => {
  const { executionArn } = await harness.client.send(
    new StartExecutionCommand({
      stateMachineArn: harness.arn('counter'),
      input: JSON.stringify({ id: '7' }),
    }),
  );
  if (!executionArn) throw new Error('no executionArn');
  await harness.sfn.settled();
  const description = await describe(harness.client, executionArn);
  expect(description.status).toBe('SUCCEEDED');
  const output = JSON.parse(description.output ?? '');
  expect(output.updated).toEqual({ count: '1' });
  expect(output.read).toEqual({ count: '1' });
  expect(output.conflict.Error).toBe('DynamoDB.ConditionalCheckFailedException');

  const item = await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'APP#7' } } }));
  expect(item.Item?.startedAt?.S).toBe(description.startDate?.toISOString());

  const events = await history(harness.client, executionArn);
  const scheduled = events.find((event) => event.type === 'TaskScheduled');
  expect(scheduled?.taskScheduledEventDetails).toMatchObject({
    resourceType: 'dynamodb',
    resource: 'updateItem',
  });
  const failed = events.find((event) => event.type === 'TaskFailed');
  expect(failed?.taskFailedEventDetails).toMatchObject({
    resourceType: 'dynamodb',
    resource: 'putItem',
    error: 'DynamoDB.ConditionalCheckFailedException',
  });
});
