import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, expect, describe as group, it } from 'vitest';
import {
  describe,
  fixture,
  type Harness,
  history,
  type LambdaHandler,
  startHarness,
  tokensOf,
  waitForEnd,
} from './harness.ts';

const run = promisify(execFile);
let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function open(
  machines: Record<string, string>,
  handlers: Record<string, LambdaHandler> = {},
  timeScale = 1000,
): Promise<Harness> {
  harness = await startHarness(
    {
      timeScale,
      stateMachines: Object.entries(machines).map(([name, definition]) => ({ name, definition })),
    },
    new Map(Object.entries(handlers)),
  );
  return harness;
}

async function start(h: Harness, machine: string, input: unknown, name?: string): Promise<string> {
  const { executionArn } = await h.client.send(
    new StartExecutionCommand({ stateMachineArn: h.arn(machine), input: JSON.stringify(input), name }),
  );
  if (!executionArn) throw new Error('no executionArn');
  return executionArn;
}

class TransientError extends Error {
  override name = 'TransientError';
}

group('lambda steps', () => {
  it('runs lambda:invoke and a plain function ARN to success with AWS-shaped results and history', async () => {
    const h = await open(
      { steps: fixture('lambda-steps.asl.json') },
      {
        addOne: (payload) => ({ value: (payload as { value: number }).value + 1 }),
        double: (payload) => ({ value: (payload as { value: number }).value * 2 }),
      },
    );
    const arn = await start(h, 'steps', { value: 20 });
    expect(arn).toMatch(/^arn:aws:states:us-east-1:000000000000:execution:steps:[0-9a-f-]{36}$/);
    await h.sfn.settled();
    const description = await describe(h.client, arn);
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? '')).toEqual({ result: 42, statusCode: 200 });
    expect(description.startDate).toBeInstanceOf(Date);
    expect(description.stopDate).toBeInstanceOf(Date);
    expect(h.invocations[0]?.payload).toEqual({ value: 20, executionArn: arn, stateName: 'AddOne' });

    const events = await history(h.client, arn);
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events[1]?.stateEnteredEventDetails).toEqual({
      name: 'AddOne',
      input: JSON.stringify({ value: 20 }),
      inputDetails: { truncated: false },
    });
    const succeeded = JSON.parse(events[4]?.taskSucceededEventDetails?.output ?? '');
    expect(succeeded).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { value: 21 }, StatusCode: 200 });
    expect(succeeded.SdkHttpMetadata.HttpStatusCode).toBe(200);
    expect(events[0]?.timestamp).toBeInstanceOf(Date);

    const reversed = await h.client.send(
      new GetExecutionHistoryCommand({ executionArn: arn, reverseOrder: true, maxResults: 3 }),
    );
    expect(reversed.events?.map((event) => event.type)).toEqual([
      'ExecutionSucceeded',
      'PassStateExited',
      'PassStateEntered',
    ]);
    const next = await h.client.send(
      new GetExecutionHistoryCommand({
        executionArn: arn,
        reverseOrder: true,
        maxResults: 3,
        nextToken: reversed.nextToken,
      }),
    );
    expect(next.events?.[0]?.type).toBe('TaskStateExited');
  });

  it('retries transient Lambda failures with scaled intervals, then succeeds', async () => {
    let calls = 0;
    const h = await open(
      { retry: fixture('retry-catch.asl.json') },
      {
        flaky: () => {
          calls++;
          if (calls < 3) throw new TransientError('try again');
          return 'ok';
        },
      },
    );
    const started = Date.now();
    const arn = await start(h, 'retry', {});
    await h.sfn.settled();
    const description = await describe(h.client, arn);
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? '')).toEqual({ answer: 'ok' });
    expect(calls).toBe(3);
    // Intervals of 20 s and 40 s at timeScale 1000.
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(Date.now() - started).toBeLessThan(2000);
    const types = (await history(h.client, arn)).map((event) => event.type);
    expect(types.filter((type) => type === 'TaskFailed')).toHaveLength(2);
    expect(types.filter((type) => type === 'TaskStateEntered')).toHaveLength(1);
  });

  it('catches a Lambda error by States.TaskFailed with the AWS error and cause', async () => {
    const h = await open(
      { retry: fixture('retry-catch.asl.json') },
      {
        flaky: () => {
          throw Object.assign(new Error('the budget is exhausted'), { name: 'BudgetExhausted' });
        },
      },
    );
    const arn = await start(h, 'retry', {});
    await h.sfn.settled();
    const description = await describe(h.client, arn);
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? '')).toEqual({
      recovered: true,
      error: 'BudgetExhausted',
      cause: JSON.stringify({ errorMessage: 'the budget is exhausted', errorType: 'BudgetExhausted' }),
    });
  });

  it('fails the execution when retries are exhausted and nothing catches', async () => {
    const h = await open(
      {
        plain: JSON.stringify({
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: 'broken', Payload: {} },
              Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2 }],
              End: true,
            },
          },
        }),
      },
      {
        broken: () => {
          throw new TypeError('x is undefined');
        },
      },
    );
    const arn = await start(h, 'plain', {});
    await h.sfn.settled();
    const description = await describe(h.client, arn);
    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('TypeError');
    expect(JSON.parse(description.cause ?? '')).toEqual({
      errorMessage: 'x is undefined',
      errorType: 'TypeError',
    });
    expect(h.invocations).toHaveLength(3);
    const last = (await history(h.client, arn)).at(-1);
    expect(last?.type).toBe('ExecutionFailed');
    expect(last?.executionFailedEventDetails).toEqual({ error: 'TypeError', cause: description.cause });
  });

  it('fails a state whose resource is not supported, naming the resource', async () => {
    const h = await open({ unsupported: fixture('unsupported.asl.json') });
    const arn = await start(h, 'unsupported', {});
    await h.sfn.settled();
    const description = await describe(h.client, arn);
    expect(description.status).toBe('FAILED');
    expect(description.cause).toContain('arn:aws:states:::sqs:sendMessage');
  });
});

group('callbacks', () => {
  const createTask = { createTask: () => ({ created: true }) };

  it('completes on SendTaskSuccess, with a fresh token for each entry of the same state', async () => {
    const h = await open({ review: fixture('callback.asl.json') }, createTask);
    const arn = await start(h, 'review', { round: 1 });
    await h.sfn.settled();
    expect((await describe(h.client, arn)).status).toBe('RUNNING');
    const [first] = tokensOf(h.invocations, 'createTask');
    expect(h.invocations[0]?.payload).toMatchObject({ round: 1, executionArn: arn, stateName: 'Review' });
    await h.client.send(
      new SendTaskSuccessCommand({
        taskToken: first,
        output: JSON.stringify({ action: 'RETURN', comment: 'fix' }),
      }),
    );
    await h.sfn.settled();
    const tokens = tokensOf(h.invocations, 'createTask');
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).not.toBe(tokens[0]);
    expect(h.invocations[1]?.payload).toMatchObject({ round: 2 });
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: first, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await h.client.send(
      new SendTaskSuccessCommand({
        taskToken: tokens[1],
        output: JSON.stringify({ action: 'APPROVE', comment: 'ok' }),
      }),
    );
    await h.sfn.settled();
    const description = await describe(h.client, arn);
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? '')).toEqual({ approvedInRound: 2, comment: 'ok' });
    const types = (await history(h.client, arn)).map((event) => event.type);
    expect(types.filter((type) => type === 'TaskSubmitted')).toHaveLength(2);
    expect(types.filter((type) => type === 'TaskSucceeded')).toHaveLength(2);
  });

  it('fails the state on SendTaskFailure with the given error and cause', async () => {
    const h = await open({ review: fixture('callback.asl.json') }, createTask);
    const arn = await start(h, 'review', { round: 1 });
    await h.sfn.settled();
    const [token] = tokensOf(h.invocations, 'createTask');
    await h.client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'incomplete file' }),
    );
    await h.sfn.settled();
    const description = await describe(h.client, arn);
    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('Rejected');
    expect(description.cause).toBe('incomplete file');
    const events = await history(h.client, arn);
    expect(events.find((event) => event.type === 'TaskFailed')?.taskFailedEventDetails).toMatchObject({
      error: 'Rejected',
      cause: 'incomplete file',
      resource: 'invoke.waitForTaskToken',
    });
  });

  it('lets exactly one of several concurrent SendTaskSuccess calls win', async () => {
    const h = await open({ review: fixture('callback.asl.json') }, createTask);
    const arn = await start(h, 'review', { round: 1 });
    await h.sfn.settled();
    const [token] = tokensOf(h.invocations, 'createTask');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        h.client.send(
          new SendTaskSuccessCommand({
            taskToken: token,
            output: JSON.stringify({ action: 'APPROVE', comment: `${index}` }),
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ name: 'TaskTimedOut' });
    }
    await h.sfn.settled();
    expect((await describe(h.client, arn)).status).toBe('SUCCEEDED');
  });

  it('times out with States.Timeout when heartbeats keep arriving but TimeoutSeconds passes', async () => {
    // timeScale 250: HeartbeatSeconds 80 is 320 ms, TimeoutSeconds 300 is 1.2 s; heartbeats every 40 ms.
    const h = await open({ timeouts: fixture('callback-timeouts.asl.json') }, createTask, 250);
    const arn = await start(h, 'timeouts', {});
    await h.sfn.settled();
    const [token] = tokensOf(h.invocations, 'createTask');
    const beat = setInterval(() => {
      h.client.send(new SendTaskHeartbeatCommand({ taskToken: token })).catch(() => {});
    }, 40);
    try {
      const description = await waitForEnd(h.client, arn);
      expect(JSON.parse(description.output ?? '')).toEqual({ outcome: 'timeout', error: 'States.Timeout' });
    } finally {
      clearInterval(beat);
    }
    const events = await history(h.client, arn);
    expect(events.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe(
      'States.Timeout',
    );
    await expect(h.client.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('times out with States.HeartbeatTimeout when no heartbeat arrives', async () => {
    const h = await open({ timeouts: fixture('callback-timeouts.asl.json') }, createTask);
    const started = Date.now();
    const arn = await start(h, 'timeouts', {});
    const description = await waitForEnd(h.client, arn);
    expect(JSON.parse(description.output ?? '')).toEqual({
      outcome: 'heartbeat',
      error: 'States.HeartbeatTimeout',
    });
    expect(Date.now() - started).toBeLessThan(280);
  });

  it('stops an execution parked in a callback: ABORTED, the token is closed', async () => {
    const h = await open({ review: fixture('callback.asl.json') }, createTask);
    const arn = await start(h, 'review', { round: 1 });
    await h.sfn.settled();
    const [token] = tokensOf(h.invocations, 'createTask');
    const { stopDate } = await h.client.send(
      new StopExecutionCommand({ executionArn: arn, error: 'Withdrawn', cause: 'applicant withdrew' }),
    );
    expect(stopDate).toBeInstanceOf(Date);
    const description = await describe(h.client, arn);
    expect(description.status).toBe('ABORTED');
    expect(description.error).toBe('Withdrawn');
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    const events = await history(h.client, arn);
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
    expect(events.at(-1)?.executionAbortedEventDetails).toEqual({
      error: 'Withdrawn',
      cause: 'applicant withdrew',
    });
  });
});

group('nested states', () => {
  it('runs Task states inside Parallel branches and Map iterations', async () => {
    const h = await open(
      { fan: fixture('parallel-map.asl.json') },
      {
        echo: (payload) => payload,
        square: (payload) => (payload as number) ** 2,
      },
    );
    const arn = await start(h, 'fan', { items: [1, 2, 3] });
    await h.sfn.settled();
    const description = await describe(h.client, arn);
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? '')).toEqual([{ side: 'left' }, [1, 4, 9]]);
    const types = (await history(h.client, arn)).map((event) => event.type);
    expect(types.filter((type) => type === 'MapIterationSucceeded')).toHaveLength(3);
    expect(types.at(-1)).toBe('ExecutionSucceeded');
  });
});

group('waits', () => {
  it('times the execution out after the machine TimeoutSeconds (scaled)', async () => {
    const h = await open({ limited: fixture('execution-timeout.asl.json') });
    const arn = await start(h, 'limited', {});
    const description = await waitForEnd(h.client, arn);
    expect(description.status).toBe('TIMED_OUT');
    expect((await history(h.client, arn)).at(-1)?.type).toBe('ExecutionTimedOut');
  });

  it('scales a Wait by timeScale', async () => {
    const h = await open({ wait: fixture('wait.asl.json') });
    const started = Date.now();
    const arn = await start(h, 'wait', { seconds: 150 });
    const description = await waitForEnd(h.client, arn);
    const elapsed = Date.now() - started;
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? '')).toEqual({ waited: 150 });
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(2000);
    const types = (await history(h.client, arn)).map((event) => event.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('stops an execution during a Wait', async () => {
    const h = await open({ wait: fixture('wait.asl.json') });
    const arn = await start(h, 'wait', { seconds: 1_000_000 });
    await h.sfn.settled();
    await h.client.send(new StopExecutionCommand({ executionArn: arn }));
    const description = await describe(h.client, arn);
    expect(description.status).toBe('ABORTED');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const types = (await history(h.client, arn)).map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
  });
});

group('lifecycle', () => {
  it('close() stops waits, callbacks and in-flight runs so the process can exit', async () => {
    const script = join(import.meta.dirname, 'close-exits.script.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      cwd: join(import.meta.dirname, '../../../..'),
      timeout: 20_000,
    });
    expect(stdout).toContain('closed');
  });
});

group('API', () => {
  it('is idempotent for the same name and input, and refuses a different input', async () => {
    const h = await open({ wait: fixture('wait.asl.json') });
    const stateMachineArn = h.arn('wait');
    const first = await h.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'app-1', input: '{"seconds":100000}' }),
    );
    const again = await h.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'app-1', input: '{"seconds":100000}' }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn, name: 'app-1', input: '{"seconds":1}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists', $metadata: { httpStatusCode: 400 } });
  });

  it('answers AWS errors for bad requests and unknown resources', async () => {
    const h = await open({ wait: fixture('wait.asl.json') });
    const stateMachineArn = h.arn('wait');
    const unknownExecution = 'arn:aws:states:us-east-1:000000000000:execution:wait:nope';
    await expect(
      h.client.send(new StopExecutionCommand({ executionArn: unknownExecution })),
    ).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(describe(h.client, unknownExecution)).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: h.arn('missing') })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn, input: '{not json' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn, name: 'has space' })),
    ).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: 'garbage', output: '{}' })),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
    const forgedToken = `${Buffer.from(unknownExecution).toString('base64url')}.${'A'.repeat(43)}`;
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: forgedToken, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await expect(
      h.client.send(new SendTaskHeartbeatCommand({ taskToken: forgedToken })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
  });

  it('lists and describes state machines and executions with filters and paging', async () => {
    const h = await open({ wait: fixture('wait.asl.json'), review: fixture('callback.asl.json') });
    const stateMachineArn = h.arn('wait');
    const described = await h.client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({ name: 'wait', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition ?? '')).toEqual(JSON.parse(fixture('wait.asl.json')));
    const machines = await h.client.send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines?.map((machine) => machine.name).sort()).toEqual(['review', 'wait']);

    const quick = await start(h, 'wait', { seconds: 0 }, 'quick');
    await waitForEnd(h.client, quick);
    const slow = [];
    for (const name of ['slow-1', 'slow-2', 'slow-3'])
      slow.push(await start(h, 'wait', { seconds: 100000 }, name));
    const running = await h.client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 2 }),
    );
    expect(running.executions).toHaveLength(2);
    expect(running.nextToken).toBeTruthy();
    const rest = await h.client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', nextToken: running.nextToken }),
    );
    expect(
      [...(running.executions ?? []), ...(rest.executions ?? [])].map((item) => item.name).sort(),
    ).toEqual(['slow-1', 'slow-2', 'slow-3']);
    const succeeded = await h.client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED' }),
    );
    expect(succeeded.executions?.map((item) => item.name)).toEqual(['quick']);
    expect(succeeded.executions?.[0]?.stopDate).toBeInstanceOf(Date);
  });
});
