import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
} from '@aws-sdk/client-sfn';
import {
  createLocalStepFunctions,
  type LocalStepFunctions,
  type LocalStepFunctionsOptions,
} from '../../../../local/stepfunctions/index.ts';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

/** Reads a fixture and fills `${Name}` placeholders the way the local cloud does. */
export function fixture(file: string, substitutions: Record<string, string> = {}): string {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', file), 'utf8');
  return text.replace(/\$\{(\w+)\}/g, (_whole, name: string) => substitutions[name] ?? functionArn(name));
}

export type LambdaHandler = (payload: unknown) => unknown;

export interface Invocation {
  functionName: string;
  payload: unknown;
}

export interface Harness {
  sfn: LocalStepFunctions;
  client: SFNClient;
  invocations: Invocation[];
  handlers: Map<string, LambdaHandler>;
  arn(name: string): string;
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<LocalStepFunctionsOptions> & Pick<LocalStepFunctionsOptions, 'stateMachines'>,
  handlers: Map<string, LambdaHandler> = new Map(),
): Promise<Harness> {
  const invocations: Invocation[] = [];
  const logs: string[] = [];
  const sfn = await createLocalStepFunctions({
    region: REGION,
    accountId: ACCOUNT,
    dataDir: null,
    timeScale: 1000,
    dynamodbEndpoint: 'http://127.0.0.1:9',
    log: (message) => logs.push(message),
    invokeLambda: async (arn, payload) => {
      const functionName = arn.split(':function:')[1] ?? arn;
      invocations.push({ functionName, payload });
      const handler = handlers.get(functionName);
      if (!handler)
        throw Object.assign(new Error(`No handler for ${functionName}`), { name: 'ResourceNotFound' });
      return handler(payload);
    },
    ...options,
  });
  const server: Server = createServer(sfn.handleRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new SFNClient({
    region: REGION,
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    sfn,
    client,
    invocations,
    handlers,
    arn: (name) => sfn.stateMachineArn(name),
    async close() {
      client.destroy();
      await sfn.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function describe(
  client: SFNClient,
  executionArn: string,
): Promise<DescribeExecutionCommandOutput> {
  return client.send(new DescribeExecutionCommand({ executionArn }));
}

/** Polls until the execution leaves RUNNING (for waits, which `settled()` treats as parked). */
export async function waitForEnd(
  client: SFNClient,
  executionArn: string,
  timeoutMs = 5000,
): Promise<DescribeExecutionCommandOutput> {
  const started = Date.now();
  for (;;) {
    const description = await describe(client, executionArn);
    if (description.status !== 'RUNNING') return description;
    if (Date.now() - started > timeoutMs)
      throw new Error(`${executionArn} still RUNNING after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function history(client: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Task tokens handed to the task-creating function, in order. */
export function tokensOf(invocations: Invocation[], functionName: string): string[] {
  return invocations
    .filter((invocation) => invocation.functionName === functionName)
    .map((invocation) => (invocation.payload as { taskToken: string }).taskToken);
}
