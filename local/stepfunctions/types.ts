export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One AWS-shaped history event; `timestamp` is epoch milliseconds here and seconds on the wire. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** A `.waitForTaskToken` state entry that waits for SendTaskSuccess/Failure. */
export interface CallbackRecord {
  token: string;
  executionArn: string;
  stateName: string;
  enteredAt: number;
  /** Real-clock deadlines (already divided by timeScale); null when the state sets none. */
  timeoutAt: number | null;
  heartbeatAt: number | null;
  heartbeatMs: number | null;
  resource: string;
  /** A decision that arrived while no run was active (before resumeAll); applied when the run resumes. */
  completion?: { kind: 'success'; output: Json } | { kind: 'failure'; error: string; cause: string };
}

/** The last top-level state entered: a resumed execution restarts from it with the same raw input. */
export interface CurrentState {
  stateName: string;
  input: Json;
  enteredAt: number;
  /** Real-clock end of a Wait state, so a resumed Wait sleeps only what is left. */
  waitUntil: number | null;
}

/** Everything persisted about an execution except its history (kept in a separate append-only file). */
export interface ExecutionState {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  startDate: number;
  stopDate: number | null;
  /** Real-clock end of the machine's top-level TimeoutSeconds. */
  deadline: number | null;
  current: CurrentState | null;
  callbacks: CallbackRecord[];
}
