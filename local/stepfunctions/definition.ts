import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Json, JsonObject } from './types.ts';

/**
 * The library enforces a Task timeout of its own (60 s by default) with an unscaled timer. Our overrides do
 * the scaled timing, so every Task gets the longest delay a Node timer accepts (2^31-1 ms) instead.
 */
export const LIBRARY_TASK_TIMEOUT_SECONDS = 2_147_483;
/** Resource of the Task that stands in for a Wait state, so waits run through our own (scaled, resumable) timer. */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';
/** Context key replacing `$$.Execution`: the library overwrites Execution.Input/StartTime on every (resumed) run. */
export const LOCAL_EXECUTION_CONTEXT_KEY = 'LocalExecution';

export type TaskKind =
  | 'lambdaInvoke'
  | 'lambdaCallback'
  | 'lambdaArn'
  | 'dynamodb'
  | 'wait'
  | { unsupported: string };

export interface StateInfo {
  name: string;
  type: string;
  topLevel: boolean;
  resource: string | null;
  kind: TaskKind | null;
  dynamodbAction: string | null;
  timeoutSeconds: number | null;
  timeoutSecondsPath: string | null;
  heartbeatSeconds: number | null;
  heartbeatSecondsPath: string | null;
  wait: { seconds?: number; timestamp?: string; secondsPath?: string; timestampPath?: string } | null;
}

export interface MachineModel {
  name: string;
  arn: string;
  definitionText: string;
  startAt: string;
  timeoutSeconds: number | null;
  states: Map<string, StateInfo>;
  /** The definition handed to the library (waits replaced, timeouts stripped, retries scaled). */
  runnable: StateMachineDefinition;
}

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke$/;
const LAMBDA_CALLBACK = /^arn:aws[\w-]*:states:::lambda:invoke\.waitForTaskToken$/;
const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;
const DYNAMODB = /^arn:aws[\w-]*:states:::dynamodb:(getItem|putItem|updateItem|deleteItem)$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function classify(resource: string): { kind: TaskKind; dynamodbAction: string | null } {
  if (LAMBDA_INVOKE.test(resource)) return { kind: 'lambdaInvoke', dynamodbAction: null };
  if (LAMBDA_CALLBACK.test(resource)) return { kind: 'lambdaCallback', dynamodbAction: null };
  if (LAMBDA_ARN.test(resource)) return { kind: 'lambdaArn', dynamodbAction: null };
  const dynamo = DYNAMODB.exec(resource);
  if (dynamo?.[1]) return { kind: 'dynamodb', dynamodbAction: dynamo[1] };
  return { kind: { unsupported: resource }, dynamodbAction: null };
}

const EXECUTION_PATH = /\$\$\.Execution(?![\w])/g;
const STATE_NAME_PATH = '$$.State.Name';

/** Rewrites context references in one path or intrinsic-function string. */
function rewriteExpression(value: string, stateName: string): string {
  let out = value.replace(EXECUTION_PATH, `$$$$.${LOCAL_EXECUTION_CONTEXT_KEY}`);
  // `$$.State.Name` is one value per run in the library; a quoted literal is right for every state.
  if (out !== STATE_NAME_PATH && out.includes(STATE_NAME_PATH) && !/['{}\\]/.test(stateName)) {
    out = out.split(STATE_NAME_PATH).join(`'${stateName}'`);
  }
  return out;
}

function rewriteTemplate(value: Json, stateName: string): Json {
  if (Array.isArray(value)) return value.map((item) => rewriteTemplate(item, stateName));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === 'string' && (key.endsWith('.$') || key === 'Variable' || key.endsWith('Path'))) {
      if (key.endsWith('.$') && inner === STATE_NAME_PATH) {
        out[key.slice(0, -2)] = stateName;
      } else {
        out[key] = rewriteExpression(inner, stateName);
      }
    } else {
      out[key] = rewriteTemplate(inner, stateName);
    }
  }
  return out;
}

function scaleRetry(retry: Json, timeScale: number): Json {
  if (!Array.isArray(retry)) return retry;
  return retry.map((retrier) => {
    if (!isObject(retrier)) return retrier;
    const scaled: JsonObject = {
      ...retrier,
      IntervalSeconds: (num(retrier.IntervalSeconds) ?? 1) / timeScale,
    };
    const maxDelay = num(retrier.MaxDelaySeconds);
    if (maxDelay !== null) scaled.MaxDelaySeconds = maxDelay / timeScale;
    return scaled;
  });
}

function transformStates(
  states: JsonObject,
  topLevel: boolean,
  timeScale: number,
  infos: Map<string, StateInfo>,
): JsonObject {
  const out: JsonObject = {};
  for (const [name, raw] of Object.entries(states)) {
    if (!isObject(raw)) throw new Error(`State ${name} is not an object`);
    if (infos.has(name))
      throw new Error(`State name ${name} is used twice; the local runtime needs unique names`);
    const type = str(raw.Type) ?? '';
    const info: StateInfo = {
      name,
      type,
      topLevel,
      resource: null,
      kind: null,
      dynamodbAction: null,
      timeoutSeconds: null,
      timeoutSecondsPath: null,
      heartbeatSeconds: null,
      heartbeatSecondsPath: null,
      wait: null,
    };
    infos.set(name, info);
    const state = rewriteTemplate(
      Object.fromEntries(
        Object.entries(raw).filter(
          ([key]) => !['Branches', 'Iterator', 'ItemProcessor', 'Result'].includes(key),
        ),
      ),
      name,
    ) as JsonObject;
    if ('Result' in raw) state.Result = raw.Result ?? null;
    if ('Retry' in state) state.Retry = scaleRetry(state.Retry ?? null, timeScale);

    if (type === 'Task') {
      const resource = str(raw.Resource) ?? '';
      const { kind, dynamodbAction } = classify(resource);
      Object.assign(info, {
        resource,
        kind,
        dynamodbAction,
        timeoutSeconds: num(raw.TimeoutSeconds),
        timeoutSecondsPath: str(raw.TimeoutSecondsPath),
        heartbeatSeconds: num(raw.HeartbeatSeconds),
        heartbeatSecondsPath: str(raw.HeartbeatSecondsPath),
      });
      delete state.TimeoutSecondsPath;
      delete state.HeartbeatSeconds;
      delete state.HeartbeatSecondsPath;
      state.TimeoutSeconds = LIBRARY_TASK_TIMEOUT_SECONDS;
    } else if (type === 'Wait') {
      info.kind = 'wait';
      info.wait = {};
      const seconds = num(raw.Seconds);
      if (seconds !== null) info.wait.seconds = seconds;
      const timestamp = str(raw.Timestamp);
      if (timestamp !== null) info.wait.timestamp = timestamp;
      const secondsPath = str(raw.SecondsPath);
      if (secondsPath !== null) info.wait.secondsPath = secondsPath;
      const timestampPath = str(raw.TimestampPath);
      if (timestampPath !== null) info.wait.timestampPath = timestampPath;
      // A Task without Parameters/ResultPath whose handler returns its input behaves like a Wait (InputPath, OutputPath).
      const replacement: JsonObject = {
        Type: 'Task',
        Resource: LOCAL_WAIT_RESOURCE,
        TimeoutSeconds: LIBRARY_TASK_TIMEOUT_SECONDS,
      };
      for (const key of ['InputPath', 'OutputPath', 'Next', 'End', 'Comment']) {
        if (key in state) replacement[key] = state[key] ?? null;
      }
      out[name] = replacement;
      continue;
    } else if (type === 'Parallel') {
      const branches = Array.isArray(raw.Branches) ? raw.Branches : [];
      state.Branches = branches.map((branch) => transformMachine(branch, false, timeScale, infos));
    } else if (type === 'Map') {
      for (const key of ['Iterator', 'ItemProcessor'] as const) {
        const inner = raw[key];
        if (inner !== undefined) state[key] = transformMachine(inner, false, timeScale, infos);
      }
    }
    out[name] = state;
  }
  return out;
}

function transformMachine(
  machine: Json,
  topLevel: boolean,
  timeScale: number,
  infos: Map<string, StateInfo>,
): JsonObject {
  if (!isObject(machine) || !isObject(machine.States)) throw new Error('State machine has no States');
  const out: JsonObject = { ...machine, States: transformStates(machine.States, topLevel, timeScale, infos) };
  delete out.TimeoutSeconds;
  return out;
}

/** asl-validator takes ~200 ms per definition; restarts within one process (tests) need it once. */
const validated = new Set<string>();

/** Validates an ASL definition and prepares the form the library runs. Throws on invalid definitions. */
export function buildMachineModel(
  name: string,
  arn: string,
  definitionText: string,
  timeScale: number,
): MachineModel {
  let parsed: Json;
  try {
    parsed = JSON.parse(definitionText) as Json;
  } catch (error) {
    throw new Error(`State machine ${name}: definition is not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new Error(`State machine ${name}: definition is not an object`);
  if (!validated.has(definitionText)) {
    try {
      // The constructor runs asl-validator with ARN and path checks; the runnable form below skips validation.
      new StateMachine(parsed as unknown as StateMachineDefinition);
    } catch (error) {
      throw new Error(`State machine ${name}: ${(error as Error).message}`);
    }
    validated.add(definitionText);
  }
  const states = new Map<string, StateInfo>();
  const runnable = transformMachine(parsed, true, timeScale, states);
  return {
    name,
    arn,
    definitionText,
    startAt: str(parsed.StartAt) ?? '',
    timeoutSeconds: num(parsed.TimeoutSeconds),
    states,
    runnable: runnable as unknown as StateMachineDefinition,
  };
}

/** Minimal JSONPath for the `*Path` timing fields: `$`, `$.a.b`, `$.a[0]`, `$['a']`. */
export function readPath(path: string, input: Json): Json | undefined {
  if (!path.startsWith('$')) return undefined;
  const parts = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]/g)];
  let value: Json | undefined = input;
  for (const part of parts) {
    const key = part[1] ?? part[3];
    if (key !== undefined) value = isObject(value) ? value[key] : undefined;
    else if (part[2] !== undefined) value = Array.isArray(value) ? value[Number(part[2])] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}
