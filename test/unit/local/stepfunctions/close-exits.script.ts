// Run as a child process by executions.test.ts: after close() nothing may keep the process alive.
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { fixture, startHarness } from './harness.ts';

let release: () => void = () => {};
const harness = await startHarness(
  {
    stateMachines: [
      { name: 'wait', definition: fixture('wait.asl.json') },
      { name: 'review', definition: fixture('callback.asl.json') },
      { name: 'steps', definition: fixture('lambda-steps.asl.json') },
      { name: 'timeouts', definition: fixture('callback-timeouts.asl.json') },
    ],
    timeScale: 1,
  },
  new Map<string, (payload: unknown) => unknown>([
    ['createTask', () => ({})],
    [
      'addOne',
      () =>
        new Promise((resolve) => {
          release = () => resolve({ value: 1 });
        }),
    ],
  ]),
);
const starts: Array<[string, unknown]> = [
  ['wait', { seconds: 1_000_000 }],
  ['review', { round: 1 }],
  ['steps', { value: 1 }],
  ['timeouts', {}],
];
for (const [machine, input] of starts) {
  await harness.client.send(
    new StartExecutionCommand({ stateMachineArn: harness.arn(machine), input: JSON.stringify(input) }),
  );
}
await new Promise((resolve) => setTimeout(resolve, 50));
setTimeout(() => release(), 20);
await harness.close();
process.stdout.write('closed\n');
