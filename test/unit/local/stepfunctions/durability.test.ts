import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describe, fixture, type Harness, history, startHarness, tokensOf, waitForEnd } from './harness.ts';

let dataDir = '';
const open: Harness[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-sfn-'));
});

afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function instance(timeScale = 1000): Promise<Harness> {
  const harness = await startHarness(
    {
      dataDir,
      timeScale,
      stateMachines: [
        { name: 'review', definition: fixture('callback.asl.json') },
        { name: 'wait', definition: fixture('wait.asl.json') },
      ],
    },
    new Map([['createTask', () => ({ created: true })]]),
  );
  open.push(harness);
  return harness;
}

async function closeInstance(harness: Harness): Promise<void> {
  open.splice(open.indexOf(harness), 1);
  await harness.close();
}

async function start(harness: Harness, machine: string, input: unknown, name: string): Promise<string> {
  const { executionArn } = await harness.client.send(
    new StartExecutionCommand({ stateMachineArn: harness.arn(machine), name, input: JSON.stringify(input) }),
  );
  if (!executionArn) throw new Error('no executionArn');
  return executionArn;
}

it('resumes a callback after a restart with the same token and completes with full history', async () => {
  const first = await instance();
  const arn = await start(first, 'review', { round: 1 }, 'app-42');
  await first.sfn.settled();
  const [token] = tokensOf(first.invocations, 'createTask');
  expect(token).toBeTruthy();
  await closeInstance(first);
  expect(readdirSync(join(dataDir, 'executions')).sort()).toEqual([
    'review~app-42.events.ndjson',
    'review~app-42.json',
  ]);

  const second = await instance();
  expect((await describe(second.client, arn)).status).toBe('RUNNING');
  await second.sfn.resumeAll();
  await second.sfn.settled();
  expect(tokensOf(second.invocations, 'createTask')).toEqual([token]);
  expect(second.invocations[0]?.payload).toMatchObject({ round: 1, executionArn: arn, stateName: 'Review' });

  await second.client.send(
    new SendTaskSuccessCommand({
      taskToken: token,
      output: JSON.stringify({ action: 'APPROVE', comment: 'fine' }),
    }),
  );
  await second.sfn.settled();
  const description = await describe(second.client, arn);
  expect(description.status).toBe('SUCCEEDED');
  expect(JSON.parse(description.output ?? '')).toEqual({ approvedInRound: 1, comment: 'fine' });

  const events = await history(second.client, arn);
  expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
  expect(events.map((event) => event.type)).toEqual([
    'ExecutionStarted',
    'TaskStateEntered',
    'TaskScheduled',
    'TaskStarted',
    'TaskSubmitted',
    'TaskSucceeded',
    'TaskStateExited',
    'ChoiceStateEntered',
    'ChoiceStateExited',
    'PassStateEntered',
    'PassStateExited',
    'ExecutionSucceeded',
  ]);
  await closeInstance(second);

  // A finished execution stays finished and is not resumed again.
  const third = await instance();
  await third.sfn.resumeAll();
  await third.sfn.settled();
  expect(third.invocations).toEqual([]);
  expect((await describe(third.client, arn)).status).toBe('SUCCEEDED');
});

it('keeps a decision sent before resumeAll and applies it when the execution resumes', async () => {
  const first = await instance();
  const arn = await start(first, 'review', { round: 1 }, 'early');
  await first.sfn.settled();
  const [token] = tokensOf(first.invocations, 'createTask');
  await closeInstance(first);

  const second = await instance();
  await second.client.send(
    new SendTaskSuccessCommand({
      taskToken: token,
      output: JSON.stringify({ action: 'APPROVE', comment: 'early' }),
    }),
  );
  await expect(
    second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
  ).rejects.toMatchObject({ name: 'TaskTimedOut' });
  await second.sfn.resumeAll();
  await second.sfn.settled();
  expect(second.invocations).toEqual([]);
  expect(JSON.parse((await describe(second.client, arn)).output ?? '')).toEqual({
    approvedInRound: 1,
    comment: 'early',
  });
});

it('continues a callback TimeoutSeconds with the remaining time after a restart', async () => {
  // 86400 s at timeScale 100000 is 864 ms.
  const first = await instance(100_000);
  const started = Date.now();
  const arn = await start(first, 'review', { round: 1 }, 'deadline');
  await first.sfn.settled();
  await new Promise((resolve) => setTimeout(resolve, 450));
  await closeInstance(first);

  const second = await instance(100_000);
  await second.sfn.resumeAll();
  const description = await waitForEnd(second.client, arn);
  expect(description.status).toBe('FAILED');
  expect(description.error).toBe('States.Timeout');
  const total = Date.now() - started;
  expect(total).toBeGreaterThanOrEqual(850);
  expect(total).toBeLessThan(1500);
});

it('resumes a Wait for its remaining time only', async () => {
  const first = await instance();
  const started = Date.now();
  const arn = await start(first, 'wait', { seconds: 1000 }, 'pause');
  await new Promise((resolve) => setTimeout(resolve, 600));
  await closeInstance(first);

  const second = await instance();
  const resumedAt = Date.now();
  await second.sfn.resumeAll();
  const description = await waitForEnd(second.client, arn);
  expect(description.status).toBe('SUCCEEDED');
  expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  expect(Date.now() - resumedAt).toBeLessThan(800);
  const types = (await history(second.client, arn)).map((event) => event.type);
  expect(types).toEqual([
    'ExecutionStarted',
    'WaitStateEntered',
    'WaitStateExited',
    'PassStateEntered',
    'PassStateExited',
    'ExecutionSucceeded',
  ]);
});
