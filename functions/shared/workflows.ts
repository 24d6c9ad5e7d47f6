import {
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { TaskResult } from '../../domain/shared/application.ts';
import { sfnClient } from './clients.ts';

export const startWorkflow = async (
  stateMachineArn: string,
  name: string,
  input: unknown,
): Promise<string> => {
  const { executionArn } = await sfnClient.send(
    new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
  );
  if (!executionArn) throw new Error('StartExecution returned no executionArn');
  return executionArn;
};

export type DeliveryOutcome = 'delivered' | 'gone' | 'retry-later';

/** Errors meaning the waiting state no longer exists, so redelivering can never succeed. */
const goneErrors = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export const deliverTaskResult = async (taskToken: string, result: TaskResult): Promise<DeliveryOutcome> => {
  try {
    await sfnClient.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(result) }));
    return 'delivered';
  } catch (error) {
    if (error instanceof Error && goneErrors.has(error.name)) return 'gone';
    return 'retry-later';
  }
};

export const stopWorkflow = async (executionArn: string, cause: string): Promise<void> => {
  try {
    await sfnClient.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause }));
  } catch (error) {
    // Already finished executions cannot be stopped; the application state is what matters.
    if (!(error instanceof Error && error.name === 'ExecutionDoesNotExist')) throw error;
  }
};

export interface ExecutionStep {
  at: string;
  type: string;
  state?: string | undefined;
  error?: string | undefined;
}

export const executionSteps = async (executionArn: string): Promise<ExecutionStep[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfnClient.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events.map((event) => ({
    at: (event.timestamp ?? new Date(0)).toISOString(),
    type: event.type ?? 'Unknown',
    state: event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name,
    error: event.executionFailedEventDetails?.error ?? event.taskFailedEventDetails?.error,
  }));
};
