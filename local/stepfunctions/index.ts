// aws-local-stepfunctions needs Promise.withResolvers (Node 22+); install it before the library loads.
import '../polyfills.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalStepFunctionsEngine, type LocalStepFunctionsOptions } from './engine.ts';
import { SfnApiError } from './errors.ts';

export type { LocalStateMachineSpec, LocalStepFunctionsOptions } from './engine.ts';

export interface LocalStepFunctions {
  /** Node http listener for the AWS JSON 1.0 protocol (POST /, X-Amz-Target: AWSStepFunctions.<Action>). */
  handleRequest: (req: IncomingMessage, res: ServerResponse) => void;
  /** arn:<partition>:states:<region>:<account>:stateMachine:<name> */
  stateMachineArn(name: string): string;
  /** Resumes every persisted RUNNING execution (call once at start-up, after Lambda handlers are ready). */
  resumeAll(): Promise<void>;
  /** Resolves when no execution is executing a non-waiting step (all finished or parked in a callback/Wait). */
  settled(): Promise<void>;
  /** Stops timers and runs without finishing executions (they stay RUNNING and resume next start); flushes. */
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Action = (engine: LocalStepFunctionsEngine, body: Body) => Body | Promise<Body>;

const ACTIONS: Record<string, Action> = {
  StartExecution: (engine, body) => engine.startExecution(body),
  DescribeExecution: (engine, body) => engine.describeExecution(body),
  GetExecutionHistory: (engine, body) => engine.getExecutionHistory(body),
  ListExecutions: (engine, body) => engine.listExecutions(body),
  StopExecution: (engine, body) => engine.stopExecution(body),
  SendTaskSuccess: (engine, body) => engine.sendTaskSuccess(body),
  SendTaskFailure: (engine, body) => engine.sendTaskFailure(body),
  SendTaskHeartbeat: (engine, body) => engine.sendTaskHeartbeat(body),
  DescribeStateMachine: (engine, body) => engine.describeStateMachine(body),
  ListStateMachines: (engine, body) => engine.listStateMachines(body),
};

const MAX_BODY_BYTES = 1024 * 1024;

function send(res: ServerResponse, status: number, body: Body): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: SfnApiError): void {
  res.setHeader('x-amzn-errortype', error.type);
  send(res, error.status, { __type: error.type, message: error.message });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SfnApiError('ValidationException', 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(
  engine: LocalStepFunctionsEngine,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (engine.isClosed)
      throw new SfnApiError('ServiceUnavailable', 'The local Step Functions is closed', 503);
    if (req.method !== 'POST') throw new SfnApiError('UnknownOperationException', 'Only POST is supported');
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, actionName] = target.split('.');
    const action = prefix === 'AWSStepFunctions' && actionName ? ACTIONS[actionName] : undefined;
    if (!action) throw new SfnApiError('UnknownOperationException', `Unknown operation ${target}`);
    const text = await readBody(req);
    let body: unknown = {};
    if (text.trim()) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new SfnApiError('SerializationException', 'The request body is not JSON');
      }
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new SfnApiError('SerializationException', 'The request body must be a JSON object');
    }
    send(res, 200, await action(engine, body as Body));
  } catch (error) {
    if (error instanceof SfnApiError) {
      sendError(res, error);
    } else {
      sendError(res, new SfnApiError('InternalFailure', String(error), 500));
    }
  }
}

export async function createLocalStepFunctions(
  options: LocalStepFunctionsOptions,
): Promise<LocalStepFunctions> {
  const engine = new LocalStepFunctionsEngine(options);
  await engine.init();
  const log = options.log ?? ((message: string) => console.error(message));
  return {
    handleRequest: (req, res) => {
      handle(engine, req, res).catch((error: unknown) =>
        log(`stepfunctions: request failed: ${String(error)}`),
      );
    },
    stateMachineArn: (name) => engine.stateMachineArn(name),
    resumeAll: () => engine.resumeAll(),
    settled: () => engine.settled(),
    close: () => engine.close(),
  };
}
