import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as delay, setImmediate as immediate } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ExecutionError, type RunOptions, StateMachine } from 'aws-local-stepfunctions';
import {
  buildMachineModel,
  LOCAL_EXECUTION_CONTEXT_KEY,
  type MachineModel,
  readPath,
  type StateInfo,
} from './definition.ts';
import { abandonedError, SfnApiError, StateError } from './errors.ts';
import {
  callDynamoDb,
  functionArn,
  isJsonObject,
  lambdaError,
  lambdaInvokeResult,
  toJson,
} from './integrations.ts';
import { Run } from './run.ts';
import { type ExecutionStore, fileStore, memoryStore, type StoredExecution } from './store.ts';
import type { CallbackRecord, ExecutionState, ExecutionStatus, HistoryEvent, Json } from './types.ts';

export interface LocalStateMachineSpec {
  name: string;
  /** ASL JSON text, placeholders already substituted. */
  definition: string;
}

export interface LocalStepFunctionsOptions {
  region: string;
  accountId: string;
  /** Persist under this folder (created); null keeps everything in memory. */
  dataDir: string | null;
  /** 1 = real time; 1000 = a Wait, TimeoutSeconds, HeartbeatSeconds or Retry interval of 1000 s lasts 1 s. */
  timeScale: number;
  stateMachines: LocalStateMachineSpec[];
  /** Runs a Lambda function in-process; rejects with an Error whose `name` is the Lambda error type. */
  invokeLambda: (functionArn: string, payload: unknown) => Promise<unknown>;
  /** Endpoint for the `arn:aws:states:::dynamodb:*` direct integrations. */
  dynamodbEndpoint: string;
  log?: (message: string) => void;
}

interface Execution extends StoredExecution {
  machine: MachineModel;
  run: Run | null;
}

type Outcome =
  | { kind: 'success'; output: Json }
  | { kind: 'failure'; error: string; cause: string }
  | { kind: 'timeout'; error: 'States.Timeout' | 'States.HeartbeatTimeout'; cause: string };

interface Waiter {
  execution: Execution;
  run: Run;
  record: CallbackRecord;
  done: boolean;
  parked: boolean;
  cancelTimers: Array<() => void>;
  resolve: (value: Json) => void;
  reject: (error: Error) => void;
}

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type LibraryEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/**
 * A parked callback or Wait restarts its run before the library's own Task timer (2^31-1 ms, see
 * LIBRARY_TASK_TIMEOUT_SECONDS) could fire, exactly as after a process restart.
 */
const REARM_MS = 20 * 24 * 3600 * 1000;
const MAX_INPUT_BYTES = 256 * 1024;
const CALLBACK_RESOURCE = 'invoke.waitForTaskToken';
const INVALID_NAME_CHARS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

function isValidName(name: string): boolean {
  if (name.length === 0 || name.length > 80 || INVALID_NAME_CHARS.test(name)) return false;
  for (const char of name) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return true;
}

/**
 * The library only counts an error as a timeout (excluded from States.TaskFailed) when it is an instance of
 * its unexported StatesTimeoutError; a run that times out at once hands us that class's prototype.
 */
let timeoutPrototype: Promise<object | null> | null = null;
function captureTimeoutPrototype(): Promise<object | null> {
  timeoutPrototype ??= (async () => {
    const machine = new StateMachine(
      {
        StartAt: 'probe',
        States: {
          probe: { Type: 'Task', Resource: 'arn:aws:states:::local:probe', TimeoutSeconds: 0.001, End: true },
        },
      },
      { validationOptions: { noValidate: true } },
    );
    let settle: (value: null) => void = () => {};
    const never = new Promise<null>((resolve) => {
      settle = resolve;
    });
    const run = machine.run(null, { overrides: { taskResourceLocalHandlers: { probe: () => never } } });
    try {
      await run.result;
      return null;
    } catch (error) {
      const cause = error instanceof ExecutionError ? error.cause : null;
      return cause instanceof Error && cause.name === 'States.Timeout'
        ? (Object.getPrototypeOf(cause) as object)
        : null;
    } finally {
      settle(null);
    }
  })();
  return timeoutPrototype;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

function seconds(ms: number): number {
  return ms / 1000;
}

function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function readPageToken(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {
      offset?: unknown;
    };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) {
      return parsed.offset;
    }
  } catch {
    // falls through to the error below
  }
  throw new SfnApiError('InvalidToken', `Invalid Token: '${String(token)}'`);
}

function pageSize(value: unknown): number {
  if (value === undefined || value === null || value === 0) return 100;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) {
    throw new SfnApiError('ValidationException', 'maxResults must be an integer between 0 and 1000');
  }
  return value;
}

function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw new SfnApiError('ValidationException', `1 validation error detected: '${key}' must not be null`);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SfnApiError('ValidationException', `'${key}' must be a string`);
  return value;
}

export class LocalStepFunctionsEngine {
  private readonly log: (message: string) => void;
  private readonly partition: string;
  private readonly machines = new Map<string, MachineModel>();
  private readonly executions = new Map<string, Execution>();
  private readonly waiting = new Map<string, Waiter>();
  private readonly creationDate = Date.now();
  private readonly dynamodb: DynamoDBClient;
  private readonly store: ExecutionStore;
  private timeoutProto: object | null = null;
  private starting = 0;
  private closed = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.log = options.log ?? ((message) => console.error(message));
    this.partition = partitionOf(options.region);
    if (!(options.timeScale > 0)) throw new Error('timeScale must be a positive number');
    for (const spec of options.stateMachines) {
      const arn = this.stateMachineArn(spec.name);
      this.machines.set(arn, buildMachineModel(spec.name, arn, spec.definition, options.timeScale));
    }
    this.dynamodb = new DynamoDBClient({
      region: options.region,
      endpoint: options.dynamodbEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    this.store = options.dataDir === null ? memoryStore() : fileStore(options.dataDir, this.log);
  }

  async init(): Promise<void> {
    this.timeoutProto = await captureTimeoutPrototype();
    for (const stored of await this.store.load()) {
      const machine = this.machines.get(stored.state.stateMachineArn);
      if (!machine) {
        this.log(`stepfunctions: ${stored.state.executionArn} belongs to an unknown state machine; ignored`);
        continue;
      }
      this.executions.set(stored.state.executionArn, { ...stored, machine, run: null });
    }
  }

  stateMachineArn(name: string): string {
    return `arn:${this.partition}:states:${this.options.region}:${this.options.accountId}:stateMachine:${name}`;
  }

  private executionArn(machineName: string, name: string): string {
    return `arn:${this.partition}:states:${this.options.region}:${this.options.accountId}:execution:${machineName}:${name}`;
  }

  private get roleArn(): string {
    return `arn:${this.partition}:iam::${this.options.accountId}:role/local-stepfunctions`;
  }

  private scaledMs(secondsValue: number): number {
    return (secondsValue * 1000) / this.options.timeScale;
  }

  // ---------------------------------------------------------------- history

  private emit(execution: Execution, run: Run | null, type: string, details?: Record<string, unknown>): void {
    if (run?.aborted) return;
    const last = execution.events[execution.events.length - 1];
    const event: HistoryEvent = {
      id: (last?.id ?? 0) + 1,
      previousEventId: last?.id ?? 0,
      timestamp: Date.now(),
      type,
    };
    if (details) event[detailsKey(type)] = details;
    execution.events.push(event);
    this.store.save(execution);
  }

  private onLibraryEvent(execution: Execution, run: Run, event: LibraryEvent): void {
    switch (event.type) {
      case 'StateEntered': {
        const info = execution.machine.states.get(event.state.name);
        const skip = run.skipEntered === event.state.name;
        run.skipEntered = null;
        if (skip) return;
        this.emit(execution, run, `${info?.type ?? event.state.type}StateEntered`, {
          name: event.state.name,
          input: JSON.stringify(event.state.input),
          inputDetails: { truncated: false },
        });
        if (info?.topLevel) {
          execution.state.current = {
            stateName: event.state.name,
            input: toJson(event.state.input),
            enteredAt: event.timestamp,
            waitUntil: null,
          };
        }
        return;
      }
      case 'StateExited': {
        const info = execution.machine.states.get(event.state.name);
        this.emit(execution, run, `${info?.type ?? event.state.type}StateExited`, {
          name: event.state.name,
          output: JSON.stringify(event.state.output ?? null),
          outputDetails: { truncated: false },
        });
        return;
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        this.emit(execution, run, event.type, { name: event.parentState.name, index: event.index });
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- runs

  private context(execution: Execution, run: Run): RunOptions['context'] {
    const { state } = execution;
    const base = { Id: state.executionArn, Name: state.name, RoleArn: this.roleArn, RedriveCount: 0 };
    return {
      Execution: base,
      [LOCAL_EXECUTION_CONTEXT_KEY]: {
        ...base,
        Input: JSON.parse(state.input) as Json,
        StartTime: new Date(state.startDate).toISOString(),
      },
      StateMachine: { Id: state.stateMachineArn, Name: state.stateMachineName },
      Task: { Token: run.placeholder },
      // The library copies the context once per run; a getter keeps EnteredTime current for each state.
      State: {
        get EnteredTime() {
          return new Date().toISOString();
        },
        RetryCount: 0,
      },
    };
  }

  private startRun(execution: Execution, startAt: string, input: Json, run: Run): void {
    const { machine } = execution;
    execution.run = run;
    const handlers: TaskHandlers = {};
    for (const info of machine.states.values()) {
      if (info.kind === null) continue;
      handlers[info.name] = (taskInput) =>
        run.track(Promise.race([this.runTask(execution, run, info, toJson(taskInput)), run.abandoned]));
    }
    const definition =
      startAt === machine.startAt ? machine.runnable : { ...machine.runnable, StartAt: startAt };
    let library: ReturnType<StateMachine['run']>;
    try {
      const stateMachine = new StateMachine(definition, { validationOptions: { noValidate: true } });
      library = stateMachine.run(input as Parameters<StateMachine['run']>[0], {
        overrides: { taskResourceLocalHandlers: handlers },
        context: this.context(execution, run),
      });
    } catch (error) {
      execution.run = null;
      this.finish(execution, 'FAILED', { error: 'States.Runtime', cause: String(error) });
      return;
    }
    run.abortLibrary = library.abort;
    const consumer = (async () => {
      for await (const event of library.eventLogs) {
        if (run.aborted) break;
        try {
          this.onLibraryEvent(execution, run, event);
        } catch (error) {
          this.log(`stepfunctions: history of ${execution.state.executionArn}: ${String(error)}`);
        }
      }
    })();
    run.finished = Promise.allSettled([library.result, consumer]).then(([result]) => {
      if (run.aborted) return;
      if (result.status === 'fulfilled') {
        this.finish(execution, 'SUCCEEDED', { output: JSON.stringify(result.value ?? null) });
        return;
      }
      const reason: unknown = result.reason;
      const cause = reason instanceof ExecutionError ? reason.cause : reason;
      if (cause instanceof Error)
        this.finish(execution, 'FAILED', { error: cause.name, cause: cause.message });
      else this.finish(execution, 'FAILED', { error: 'States.Runtime', cause: String(cause) });
    });
    run.finished.catch((error: unknown) => this.log(`stepfunctions: ${String(error)}`));
    const { deadline } = execution.state;
    if (deadline !== null) {
      run.timer(deadline - Date.now(), () => {
        this.finish(execution, 'TIMED_OUT', {
          error: 'States.Timeout',
          cause: 'The execution ran longer than the TimeoutSeconds of the state machine',
        });
      });
    }
  }

  private finish(
    execution: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    result: { output?: string; error?: string; cause?: string },
  ): void {
    const { state } = execution;
    if (state.status !== 'RUNNING') return;
    const run = execution.run;
    execution.run = null;
    run?.abandon();
    state.status = status;
    state.stopDate = Date.now();
    state.output = result.output ?? null;
    state.error = result.error ?? null;
    state.cause = result.cause ?? null;
    state.current = null;
    state.callbacks = [];
    const failure = { error: state.error ?? undefined, cause: state.cause ?? undefined };
    if (status === 'SUCCEEDED') {
      this.emit(execution, null, 'ExecutionSucceeded', {
        output: state.output,
        outputDetails: { truncated: false },
      });
    } else if (status === 'FAILED') this.emit(execution, null, 'ExecutionFailed', failure);
    else if (status === 'ABORTED') this.emit(execution, null, 'ExecutionAborted', failure);
    else this.emit(execution, null, 'ExecutionTimedOut', failure);
    this.store.save(execution);
  }

  /** Continues a RUNNING execution from its last top-level state. */
  private resume(execution: Execution): void {
    if (this.closed || execution.run || execution.state.status !== 'RUNNING') return;
    const { state, machine } = execution;
    if (state.deadline !== null && state.deadline <= Date.now()) {
      this.finish(execution, 'TIMED_OUT', {
        error: 'States.Timeout',
        cause: 'The execution ran longer than the TimeoutSeconds of the state machine',
      });
      return;
    }
    const current = state.current;
    if (!current || !machine.states.has(current.stateName)) {
      this.startRun(execution, machine.startAt, JSON.parse(state.input) as Json, new Run({}));
      return;
    }
    const reuse = state.callbacks.find((callback) => callback.stateName === current.stateName) ?? null;
    // Callbacks of nested states belong to entries the resumed run will make again, with new tokens.
    state.callbacks = reuse ? [reuse] : [];
    const resumeWait =
      current.waitUntil === null ? null : { stateName: current.stateName, until: current.waitUntil };
    this.store.save(execution);
    this.startRun(
      execution,
      current.stateName,
      current.input,
      new Run({ reuse, resumeWait, skipEntered: current.stateName }),
    );
  }

  private async restart(execution: Execution): Promise<void> {
    const run = execution.run;
    if (!run) return;
    run.abandon();
    execution.run = null;
    await run.finished;
    this.resume(execution);
  }

  // ---------------------------------------------------------------- tasks

  private timeoutError(name: 'States.Timeout' | 'States.HeartbeatTimeout', cause: string): Error {
    const error = new Error(cause);
    if (this.timeoutProto) Object.setPrototypeOf(error, this.timeoutProto);
    error.name = name;
    Object.assign(error, { retryable: true, catchable: true });
    return error;
  }

  private timingSeconds(
    execution: Execution,
    info: StateInfo,
    literal: number | null,
    path: string | null,
    input: Json,
  ): number | null {
    if (literal !== null) return literal;
    if (path === null) return null;
    // The path applies to the state input; for top-level states the raw input is known, else use what we have.
    const current = execution.state.current;
    const source = current?.stateName === info.name ? current.input : input;
    const value = readPath(path, source);
    return typeof value === 'number' && value > 0 ? value : null;
  }

  private async runTask(execution: Execution, run: Run, info: StateInfo, input: Json): Promise<Json> {
    // Lets the event consumer record this state's StateEntered (and raw input) before the task adds events.
    await immediate();
    if (run.aborted) throw abandonedError();
    const kind = info.kind;
    if (kind === 'wait') return this.runWait(execution, run, info, input);
    if (kind === 'lambdaCallback') return this.runCallback(execution, run, info, input);
    const timeout = this.timingSeconds(execution, info, info.timeoutSeconds, info.timeoutSecondsPath, input);
    const timeoutMs = timeout === null ? null : this.scaledMs(timeout);
    if (kind === 'lambdaInvoke') {
      const params = isJsonObject(input) ? input : {};
      if (typeof params.FunctionName !== 'string') {
        throw new StateError(
          'States.Runtime',
          `State ${info.name}: lambda:invoke needs a FunctionName string`,
        );
      }
      const arn = functionArn(
        params.FunctionName,
        this.partition,
        this.options.region,
        this.options.accountId,
      );
      const payload = params.Payload ?? {};
      return this.runStep(execution, run, 'lambda', 'invoke', input, timeout, timeoutMs, async () =>
        lambdaInvokeResult(await this.invoke(arn, payload)),
      );
    }
    if (kind === 'lambdaArn') {
      const resource = info.resource ?? '';
      this.emit(execution, run, 'LambdaFunctionScheduled', {
        resource,
        input: JSON.stringify(input),
        inputDetails: { truncated: false },
        ...(timeout === null ? {} : { timeoutInSeconds: timeout }),
      });
      this.emit(execution, run, 'LambdaFunctionStarted');
      try {
        const output = toJson(await this.withTimeout(run, timeoutMs, this.invoke(resource, input)));
        if (run.aborted) throw abandonedError();
        this.emit(execution, run, 'LambdaFunctionSucceeded', {
          output: JSON.stringify(output),
          outputDetails: { truncated: false },
        });
        return output;
      } catch (error) {
        if (run.aborted) throw abandonedError();
        if (error instanceof Error && error.name === 'States.Timeout') {
          this.emit(execution, run, 'LambdaFunctionTimedOut', { error: error.name, cause: error.message });
          throw error;
        }
        const failure = lambdaError(error);
        this.emit(execution, run, 'LambdaFunctionFailed', { error: failure.name, cause: failure.message });
        throw failure;
      }
    }
    if (kind === 'dynamodb') {
      const action = info.dynamodbAction ?? '';
      return this.runStep(execution, run, 'dynamodb', action, input, timeout, timeoutMs, () =>
        callDynamoDb(this.dynamodb, action, input),
      );
    }
    const resource = typeof kind === 'object' && kind !== null ? kind.unsupported : String(info.resource);
    const failure = new StateError(
      'States.Runtime',
      `State ${info.name}: resource ${resource} is not supported by the local Step Functions`,
      { retryable: false },
    );
    this.emit(execution, run, 'TaskFailed', {
      resourceType: 'unknown',
      resource,
      error: failure.name,
      cause: failure.message,
    });
    throw failure;
  }

  private invoke(arn: string, payload: unknown): Promise<unknown> {
    return Promise.resolve().then(() => this.options.invokeLambda(arn, payload));
  }

  private withTimeout<T>(run: Run, timeoutMs: number | null, work: Promise<T>): Promise<T> {
    if (timeoutMs === null) return work;
    let cancel = () => {};
    const timeout = new Promise<never>((_, reject) => {
      cancel = run.timer(timeoutMs, () =>
        reject(this.timeoutError('States.Timeout', 'The task ran longer than its TimeoutSeconds')),
      );
    });
    return Promise.race([work, timeout]).finally(cancel);
  }

  private async runStep(
    execution: Execution,
    run: Run,
    resourceType: string,
    resource: string,
    input: Json,
    timeout: number | null,
    timeoutMs: number | null,
    work: () => Promise<Json>,
  ): Promise<Json> {
    this.emit(execution, run, 'TaskScheduled', {
      resourceType,
      resource,
      region: this.options.region,
      parameters: JSON.stringify(input),
      ...(timeout === null ? {} : { timeoutInSeconds: timeout }),
    });
    this.emit(execution, run, 'TaskStarted', { resourceType, resource });
    try {
      const output = await this.withTimeout(run, timeoutMs, work());
      if (run.aborted) throw abandonedError();
      this.emit(execution, run, 'TaskSucceeded', {
        resourceType,
        resource,
        output: JSON.stringify(output),
        outputDetails: { truncated: false },
      });
      return output;
    } catch (error) {
      if (run.aborted) throw abandonedError();
      if (error instanceof Error && error.name === 'States.Timeout') {
        this.emit(execution, run, 'TaskTimedOut', {
          resourceType,
          resource,
          error: error.name,
          cause: error.message,
        });
        throw error;
      }
      const failure =
        error instanceof StateError
          ? error
          : resourceType === 'lambda'
            ? lambdaError(error)
            : toStateError(error);
      this.emit(execution, run, 'TaskFailed', {
        resourceType,
        resource,
        error: failure.name,
        cause: failure.message,
      });
      throw failure;
    }
  }

  private async runWait(execution: Execution, run: Run, info: StateInfo, input: Json): Promise<Json> {
    let until: number;
    if (run.resumeWait?.stateName === info.name) {
      until = run.resumeWait.until;
      run.resumeWait = null;
    } else {
      until = Date.now() + this.waitMs(info, input);
    }
    const current = execution.state.current;
    if (info.topLevel && current?.stateName === info.name) {
      current.waitUntil = until;
      this.store.save(execution);
    }
    run.parked++;
    const cancelRearm = run.timer(REARM_MS, () => void this.restart(execution));
    try {
      await run.sleep(until - Date.now());
    } finally {
      run.parked--;
      cancelRearm();
    }
    if (run.aborted) throw abandonedError();
    return input;
  }

  private waitMs(info: StateInfo, input: Json): number {
    const wait = info.wait ?? {};
    let secondsValue: number | null = wait.seconds ?? null;
    let timestamp: string | null = wait.timestamp ?? null;
    if (wait.secondsPath) {
      const value = readPath(wait.secondsPath, input);
      if (typeof value !== 'number' || value < 0) {
        throw new StateError(
          'States.Runtime',
          `State ${info.name}: SecondsPath ${wait.secondsPath} is not a number`,
        );
      }
      secondsValue = value;
    }
    if (wait.timestampPath) {
      const value = readPath(wait.timestampPath, input);
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
        throw new StateError(
          'States.Runtime',
          `State ${info.name}: TimestampPath ${wait.timestampPath} is not a timestamp`,
        );
      }
      timestamp = value;
    }
    if (secondsValue !== null) return this.scaledMs(secondsValue);
    // A timestamp is a point in real time; only the distance to it is scaled.
    if (timestamp !== null) return Math.max(0, (Date.parse(timestamp) - Date.now()) / this.options.timeScale);
    return 0;
  }

  private mintToken(executionArn: string): string {
    return `${Buffer.from(executionArn).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
  }

  private tokenExecution(token: string): string | null {
    const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match?.[1]) return null;
    const arn = Buffer.from(match[1], 'base64url').toString('utf8');
    return arn.startsWith('arn:') ? arn : null;
  }

  private async runCallback(execution: Execution, run: Run, info: StateInfo, input: Json): Promise<Json> {
    const { state } = execution;
    const now = Date.now();
    let record: CallbackRecord;
    const reused = run.reuse?.stateName === info.name ? run.reuse : null;
    if (reused) {
      record = reused;
      run.reuse = null;
    } else {
      const timeout = this.timingSeconds(
        execution,
        info,
        info.timeoutSeconds,
        info.timeoutSecondsPath,
        input,
      );
      const heartbeat = this.timingSeconds(
        execution,
        info,
        info.heartbeatSeconds,
        info.heartbeatSecondsPath,
        input,
      );
      const heartbeatMs = heartbeat === null ? null : this.scaledMs(heartbeat);
      record = {
        token: this.mintToken(state.executionArn),
        executionArn: state.executionArn,
        stateName: info.name,
        enteredAt: now,
        timeoutAt: timeout === null ? null : now + this.scaledMs(timeout),
        heartbeatAt: heartbeatMs === null ? null : now + heartbeatMs,
        heartbeatMs,
        resource: info.resource ?? '',
      };
      state.callbacks.push(record);
    }
    const effective = replaceString(input, run.placeholder, record.token);
    const params = isJsonObject(effective) ? effective : {};
    if (!reused) {
      this.emit(execution, run, 'TaskScheduled', {
        resourceType: 'lambda',
        resource: CALLBACK_RESOURCE,
        region: this.options.region,
        parameters: JSON.stringify(effective),
        ...(info.timeoutSeconds === null ? {} : { timeoutInSeconds: info.timeoutSeconds }),
        ...(info.heartbeatSeconds === null ? {} : { heartbeatInSeconds: info.heartbeatSeconds }),
      });
    }

    let resolveResult: (value: Json) => void = () => {};
    let rejectResult: (error: Error) => void = () => {};
    const result = new Promise<Json>((resolve, reject) => {
      resolveResult = resolve;
      rejectResult = reject;
    });
    result.catch(() => {});
    const waiter: Waiter = {
      execution,
      run,
      record,
      done: false,
      parked: false,
      cancelTimers: [],
      resolve: resolveResult,
      reject: rejectResult,
    };
    this.waiting.set(record.token, waiter);
    this.armCallbackTimers(waiter);
    const stopListening = run.onAbandon(() => {
      if (waiter.done) return;
      waiter.done = true;
      this.releaseWaiter(waiter);
      rejectResult(abandonedError());
    });
    result.then(stopListening, stopListening);

    // The token must be on disk before the task-creating function can hand it to anyone.
    await this.store.flush(execution);
    if (run.aborted) throw abandonedError();
    if (record.completion) {
      const completion = record.completion;
      this.settle(waiter, completion);
      return result;
    }
    if (!reused)
      this.emit(execution, run, 'TaskStarted', { resourceType: 'lambda', resource: CALLBACK_RESOURCE });
    if (typeof params.FunctionName !== 'string') {
      const cause = `State ${info.name}: lambda:invoke.waitForTaskToken needs a FunctionName string`;
      this.settle(waiter, { kind: 'failure', error: 'States.Runtime', cause });
      return result;
    }
    const arn = functionArn(params.FunctionName, this.partition, this.options.region, this.options.accountId);
    try {
      const invocation = await this.invoke(arn, params.Payload ?? {});
      if (!reused && !run.aborted && !waiter.done) {
        this.emit(execution, run, 'TaskSubmitted', {
          resourceType: 'lambda',
          resource: CALLBACK_RESOURCE,
          output: JSON.stringify(lambdaInvokeResult(invocation)),
          outputDetails: { truncated: false },
        });
      }
    } catch (error) {
      // The task-creating function failed: the state fails like the invocation would in AWS.
      const failure = lambdaError(error);
      if (!waiter.done) this.settle(waiter, { kind: 'failure', error: failure.name, cause: failure.message });
      return result;
    }
    if (!waiter.done && !run.aborted) {
      waiter.parked = true;
      run.parked++;
      const cancelRearm = run.timer(REARM_MS, () => void this.restart(execution));
      waiter.cancelTimers.push(cancelRearm);
    }
    return result;
  }

  private armCallbackTimers(waiter: Waiter): void {
    for (const cancel of waiter.cancelTimers) cancel();
    waiter.cancelTimers = [];
    const { record, run } = waiter;
    if (record.timeoutAt !== null) {
      waiter.cancelTimers.push(
        run.timer(record.timeoutAt - Date.now(), () =>
          this.settle(waiter, {
            kind: 'timeout',
            error: 'States.Timeout',
            cause: 'The callback was not completed within the TimeoutSeconds of the state',
          }),
        ),
      );
    }
    if (record.heartbeatAt !== null) {
      waiter.cancelTimers.push(
        run.timer(record.heartbeatAt - Date.now(), () =>
          this.settle(waiter, {
            kind: 'timeout',
            error: 'States.HeartbeatTimeout',
            cause: 'No heartbeat arrived within the HeartbeatSeconds of the state',
          }),
        ),
      );
    }
  }

  /** Takes the waiter out of every index; the caller decides the outcome. */
  private releaseWaiter(waiter: Waiter): void {
    if (this.waiting.get(waiter.record.token) === waiter) this.waiting.delete(waiter.record.token);
    for (const cancel of waiter.cancelTimers) cancel();
    waiter.cancelTimers = [];
    if (waiter.parked) {
      waiter.parked = false;
      waiter.run.parked--;
    }
  }

  /** Completes a callback exactly once. */
  private settle(waiter: Waiter, outcome: Outcome): void {
    if (waiter.done) return;
    waiter.done = true;
    this.releaseWaiter(waiter);
    const { execution, run, record } = waiter;
    execution.state.callbacks = execution.state.callbacks.filter((callback) => callback !== record);
    const base = { resourceType: 'lambda', resource: CALLBACK_RESOURCE };
    if (outcome.kind === 'success') {
      this.emit(execution, run, 'TaskSucceeded', {
        ...base,
        output: JSON.stringify(outcome.output),
        outputDetails: { truncated: false },
      });
      waiter.resolve(outcome.output);
    } else if (outcome.kind === 'failure') {
      this.emit(execution, run, 'TaskFailed', { ...base, error: outcome.error, cause: outcome.cause });
      waiter.reject(new StateError(outcome.error, outcome.cause));
    } else {
      this.emit(execution, run, 'TaskTimedOut', { ...base, error: outcome.error, cause: outcome.cause });
      waiter.reject(this.timeoutError(outcome.error, outcome.cause));
    }
    this.store.save(execution);
  }

  // ---------------------------------------------------------------- API actions

  private machine(arn: string): MachineModel {
    const machine = this.machines.get(arn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private execution(arn: string): Execution {
    const execution = this.executions.get(arn);
    if (!execution) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  async startExecution(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const machine = this.machine(requireString(body, 'stateMachineArn'));
    const name = optionalString(body, 'name') ?? randomUUID();
    if (!isValidName(name)) {
      throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    }
    const input = optionalString(body, 'input') ?? '{}';
    if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
      throw new SfnApiError('InvalidExecutionInput', 'The input exceeds the maximum size of 262144 bytes');
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(input) as Json;
    } catch (error) {
      throw new SfnApiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const executionArn = this.executionArn(machine.name, name);
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.state.status === 'RUNNING' && existing.state.input === input) {
        return { executionArn, startDate: seconds(existing.state.startDate) };
      }
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const startDate = Date.now();
    const state: ExecutionState = {
      executionArn,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      name,
      status: 'RUNNING',
      input,
      output: null,
      error: null,
      cause: null,
      startDate,
      stopDate: null,
      deadline: machine.timeoutSeconds === null ? null : startDate + this.scaledMs(machine.timeoutSeconds),
      current: null,
      callbacks: [],
    };
    const execution: Execution = { state, events: [], persistedEvents: 0, machine, run: null };
    this.executions.set(executionArn, execution);
    this.emit(execution, null, 'ExecutionStarted', {
      input,
      inputDetails: { truncated: false },
      roleArn: this.roleArn,
    });
    this.starting++;
    try {
      await this.store.flush(execution);
      if (!this.closed && state.status === 'RUNNING' && !execution.run) {
        this.startRun(execution, machine.startAt, parsed, new Run({}));
      }
    } finally {
      this.starting--;
    }
    return { executionArn, startDate: seconds(startDate) };
  }

  describeExecution(body: Record<string, unknown>): Record<string, unknown> {
    const { state } = this.execution(requireString(body, 'executionArn'));
    const response: Record<string, unknown> = {
      executionArn: state.executionArn,
      stateMachineArn: state.stateMachineArn,
      name: state.name,
      status: state.status,
      startDate: seconds(state.startDate),
      input: state.input,
      inputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
    if (state.stopDate !== null) response.stopDate = seconds(state.stopDate);
    if (state.output !== null) {
      response.output = state.output;
      response.outputDetails = { included: true };
    }
    if (state.error !== null) response.error = state.error;
    if (state.cause !== null) response.cause = state.cause;
    return response;
  }

  getExecutionHistory(body: Record<string, unknown>): Record<string, unknown> {
    const execution = this.execution(requireString(body, 'executionArn'));
    const limit = pageSize(body.maxResults);
    const offset = readPageToken(body.nextToken);
    const includeData = body.includeExecutionData !== false;
    const ordered = body.reverseOrder === true ? [...execution.events].reverse() : execution.events;
    const page = ordered.slice(offset, offset + limit).map((event) => ({
      ...(includeData ? event : stripData(event)),
      timestamp: seconds(event.timestamp),
    }));
    const response: Record<string, unknown> = { events: page };
    if (offset + limit < ordered.length) response.nextToken = pageToken(offset + limit);
    return response;
  }

  listExecutions(body: Record<string, unknown>): Record<string, unknown> {
    const machine = this.machine(requireString(body, 'stateMachineArn'));
    const status = optionalString(body, 'statusFilter');
    const limit = pageSize(body.maxResults);
    const offset = readPageToken(body.nextToken);
    const matching = [...this.executions.values()]
      .map((execution) => execution.state)
      .filter((state) => state.stateMachineArn === machine.arn && (!status || state.status === status))
      .reverse()
      .sort((a, b) => b.startDate - a.startDate);
    const response: Record<string, unknown> = {
      executions: matching.slice(offset, offset + limit).map((state) => ({
        executionArn: state.executionArn,
        stateMachineArn: state.stateMachineArn,
        name: state.name,
        status: state.status,
        startDate: seconds(state.startDate),
        ...(state.stopDate === null ? {} : { stopDate: seconds(state.stopDate) }),
        redriveCount: 0,
      })),
    };
    if (offset + limit < matching.length) response.nextToken = pageToken(offset + limit);
    return response;
  }

  async stopExecution(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const execution = this.execution(requireString(body, 'executionArn'));
    const error = optionalString(body, 'error');
    const cause = optionalString(body, 'cause');
    if (execution.state.status === 'RUNNING') {
      this.finish(execution, 'ABORTED', {
        ...(error === undefined ? {} : { error }),
        ...(cause === undefined ? {} : { cause }),
      });
      await this.store.flush(execution);
    }
    return { stopDate: seconds(execution.state.stopDate ?? Date.now()) };
  }

  private closedTaskError(token: string): never {
    const arn = this.tokenExecution(token);
    if (!arn) throw new SfnApiError('InvalidToken', 'Invalid Token: the task token is malformed');
    if (!this.executions.has(arn)) {
      throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist: the task token is not known');
    }
    throw new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
  }

  /** A callback persisted by a RUNNING execution that has not been resumed yet (start-up window). */
  private dormantCallback(token: string): { execution: Execution; record: CallbackRecord } | null {
    const arn = this.tokenExecution(token);
    const execution = arn === null ? undefined : this.executions.get(arn);
    if (!execution || execution.run || execution.state.status !== 'RUNNING') return null;
    const record = execution.state.callbacks.find(
      (callback) => callback.token === token && !callback.completion,
    );
    return record ? { execution, record } : null;
  }

  async sendTaskSuccess(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const token = requireString(body, 'taskToken');
    const outputText = requireString(body, 'output');
    let output: Json;
    try {
      output = JSON.parse(outputText) as Json;
    } catch (error) {
      throw new SfnApiError('InvalidOutput', `Invalid Output: '${(error as Error).message}'`);
    }
    return this.complete(token, { kind: 'success', output });
  }

  async sendTaskFailure(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const token = requireString(body, 'taskToken');
    return this.complete(token, {
      kind: 'failure',
      error: optionalString(body, 'error') ?? '',
      cause: optionalString(body, 'cause') ?? '',
    });
  }

  private async complete(
    token: string,
    outcome: Extract<Outcome, { kind: 'success' | 'failure' }>,
  ): Promise<Record<string, unknown>> {
    const waiter = this.waiting.get(token);
    if (waiter && !waiter.done) {
      this.settle(waiter, outcome);
      return {};
    }
    const dormant = this.dormantCallback(token);
    if (dormant) {
      dormant.record.completion = outcome;
      await this.store.flush(dormant.execution);
      return {};
    }
    this.closedTaskError(token);
  }

  async sendTaskHeartbeat(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const token = requireString(body, 'taskToken');
    const waiter = this.waiting.get(token);
    if (waiter && !waiter.done) {
      if (waiter.record.heartbeatMs !== null) {
        waiter.record.heartbeatAt = Date.now() + waiter.record.heartbeatMs;
        this.armCallbackTimers(waiter);
        this.store.save(waiter.execution);
      }
      return {};
    }
    const dormant = this.dormantCallback(token);
    if (dormant) {
      if (dormant.record.heartbeatMs !== null) {
        dormant.record.heartbeatAt = Date.now() + dormant.record.heartbeatMs;
        this.store.save(dormant.execution);
      }
      return {};
    }
    this.closedTaskError(token);
  }

  describeStateMachine(body: Record<string, unknown>): Record<string, unknown> {
    const machine = this.machine(requireString(body, 'stateMachineArn'));
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.definitionText,
      roleArn: this.roleArn,
      type: 'STANDARD',
      creationDate: seconds(this.creationDate),
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  listStateMachines(body: Record<string, unknown>): Record<string, unknown> {
    const limit = pageSize(body.maxResults);
    const offset = readPageToken(body.nextToken);
    const all = [...this.machines.values()];
    const response: Record<string, unknown> = {
      stateMachines: all.slice(offset, offset + limit).map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.name,
        type: 'STANDARD',
        creationDate: seconds(this.creationDate),
      })),
    };
    if (offset + limit < all.length) response.nextToken = pageToken(offset + limit);
    return response;
  }

  // ---------------------------------------------------------------- lifecycle

  async resumeAll(): Promise<void> {
    for (const execution of this.executions.values()) {
      if (execution.state.status !== 'RUNNING' || execution.run) continue;
      try {
        this.resume(execution);
      } catch (error) {
        this.log(`stepfunctions: cannot resume ${execution.state.executionArn}: ${String(error)}`);
      }
    }
  }

  private isQuiet(): boolean {
    if (this.starting > 0) return false;
    for (const execution of this.executions.values()) {
      if (execution.run && execution.run.parked === 0) return false;
    }
    return true;
  }

  async settled(): Promise<void> {
    for (;;) {
      await immediate();
      if (this.isQuiet()) {
        await delay(5);
        if (this.isQuiet()) return;
      } else {
        await delay(2);
      }
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const runs: Run[] = [];
    for (const execution of this.executions.values()) {
      const run = execution.run;
      if (!run) continue;
      execution.run = null;
      run.abandon();
      runs.push(run);
    }
    await Promise.allSettled(runs.map((run) => run.finished));
    // Lambda invocations already under way cannot be cancelled; give them a bounded chance to end.
    const inflight = runs.flatMap((run) => [...run.inflight]);
    if (inflight.length > 0) {
      const bound = new AbortController();
      await Promise.race([
        Promise.allSettled(inflight),
        delay(5000, undefined, { signal: bound.signal }).catch(() => {}),
      ]);
      bound.abort();
    }
    await this.store.close();
    this.dynamodb.destroy();
  }
}

function toStateError(error: unknown): StateError {
  if (error instanceof StateError) return error;
  if (error instanceof Error) return new StateError(error.name || 'States.TaskFailed', error.message);
  return new StateError('States.TaskFailed', String(error));
}

function replaceString(value: Json, search: string, replacement: string): Json {
  if (typeof value === 'string')
    return value.includes(search) ? value.split(search).join(replacement) : value;
  if (Array.isArray(value)) return value.map((item) => replaceString(item, search, replacement));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, replaceString(inner, search, replacement)]),
    );
  }
  return value;
}

const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

function stripData(event: HistoryEvent): HistoryEvent {
  const out: HistoryEvent = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !DATA_FIELDS.has(field)));
    }
  }
  return out;
}
