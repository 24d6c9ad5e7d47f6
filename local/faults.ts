import { createHash } from 'node:crypto';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';

/**
 * Fault injection for the local cloud: a share of DynamoDB requests and of the Lambda invocations a state
 * machine makes fail the way AWS fails them transiently, so tests can prove that every workflow still
 * completes through its Retry blocks and that no side effect happens twice.
 *
 * - DynamoDB: a proxy in front of dynalite answers a share of requests with an error the SDK treats as
 *   transient (500 InternalServerError, 400 ThrottlingException or ProvisionedThroughputExceededException),
 *   without forwarding them, so the request did not happen. The SDK retries them (3 attempts by default);
 *   what is left over reaches the handler, fails the step, and the step's Retry runs it again.
 * - Lambda, before: the invocation fails without the handler running (Lambda.TooManyRequestsException or
 *   Lambda.ServiceException), as a throttled or failed invoke does.
 * - Lambda, after: the handler runs to the end, then the caller sees Lambda.ServiceException, as when the
 *   service fails to return a result it has. The worst case for idempotency: the side effects happened,
 *   the state fails anyway and its Retry runs the handler a second time.
 *
 * Decisions are a pure function of the seed and the order of calls on each channel, so one seed gives
 * one fault sequence for the same sequence of calls.
 */
export interface FaultOptions {
  /** Share in [0, 1] of DynamoDB requests (handlers and direct integrations) answered with a transient error. */
  dynamodb?: number;
  /** Share in [0, 1] of Lambda invocations by state machines failed before the handler runs. */
  lambda?: number;
  /** Share in [0, 1] of Lambda invocations by state machines failed after the handler ran. */
  lambdaAfter?: number;
  /** Seed of the fault sequence; the same seed gives the same decisions for the same order of calls. */
  seed?: number;
  /**
   * Transient means it passes: the same invocation (function and payload, task token aside) is failed at
   * most this many times in a row, so a Retry with more attempts always gets through (default 2).
   * DynamoDB requests have no such bound: the SDK's own retries and the steps' Retry absorb them.
   */
  maxConsecutiveLambdaFaults?: number;
}

export interface FaultCounts {
  dynamodbRequests: number;
  dynamodbFaults: number;
  lambdaInvocations: number;
  lambdaFaultsBefore: number;
  lambdaFaultsAfter: number;
}

const checkShare = (name: string, value: number | undefined) => {
  if (value === undefined) return;
  if (!(value >= 0 && value <= 1)) throw new Error(`Fault share ${name} must be in [0, 1], got ${value}`);
};

/**
 * mulberry32: small, fast and good enough to spread faults evenly; the same seed gives the same sequence of
 * numbers in [0, 1).
 */
export const mulberry32 = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const channelSeed = (seed: number, channel: string) =>
  createHash('sha256').update(`${seed}:${channel}`).digest().readUInt32LE(0);

/** An error as the state machine's Lambda integration reports it: `name` is the ASL error. */
export class LambdaServiceError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Drops the task token: a callback state's Retry is the same call with a new token. */
const invocationKey = (functionArn: string, payload: unknown) =>
  `${functionArn}\u0000${JSON.stringify(payload, (key, value: unknown) => (key === 'taskToken' ? undefined : value))}`;

export class FaultInjector {
  private options: Required<Omit<FaultOptions, 'seed'>> & { seed: number };
  private dynamoRandom: () => number;
  private lambdaRandom: () => number;
  /** Consecutive injected faults per invocation key; cleared when the invocation gets through. */
  private readonly streaks = new Map<string, number>();
  private readonly tally: FaultCounts = {
    dynamodbRequests: 0,
    dynamodbFaults: 0,
    lambdaInvocations: 0,
    lambdaFaultsBefore: 0,
    lambdaFaultsAfter: 0,
  };

  constructor(options: FaultOptions = {}) {
    this.options = FaultInjector.normalize(options, undefined);
    this.dynamoRandom = mulberry32(channelSeed(this.options.seed, 'dynamodb'));
    this.lambdaRandom = mulberry32(channelSeed(this.options.seed, 'lambda'));
  }

  private static normalize(
    options: FaultOptions,
    previous: FaultInjector['options'] | undefined,
  ): FaultInjector['options'] {
    checkShare('dynamodb', options.dynamodb);
    checkShare('lambda', options.lambda);
    checkShare('lambdaAfter', options.lambdaAfter);
    const maxConsecutive = options.maxConsecutiveLambdaFaults ?? previous?.maxConsecutiveLambdaFaults ?? 2;
    if (!(Number.isInteger(maxConsecutive) && maxConsecutive >= 0)) {
      throw new Error(`maxConsecutiveLambdaFaults must be a whole number, got ${maxConsecutive}`);
    }
    return {
      dynamodb: options.dynamodb ?? previous?.dynamodb ?? 0,
      lambda: options.lambda ?? previous?.lambda ?? 0,
      lambdaAfter: options.lambdaAfter ?? previous?.lambdaAfter ?? 0,
      seed: options.seed ?? previous?.seed ?? 1,
      maxConsecutiveLambdaFaults: maxConsecutive,
    };
  }

  /** Changes some shares (or the seed, which restarts the sequences); unnamed ones keep their value. */
  configure(options: FaultOptions): void {
    const next = FaultInjector.normalize(options, this.options);
    if (next.seed !== this.options.seed) {
      this.dynamoRandom = mulberry32(channelSeed(next.seed, 'dynamodb'));
      this.lambdaRandom = mulberry32(channelSeed(next.seed, 'lambda'));
    }
    this.options = next;
  }

  get settings(): Readonly<FaultInjector['options']> {
    return this.options;
  }

  counts(): FaultCounts {
    return { ...this.tally };
  }

  /** The error to answer a DynamoDB request with, or null to let it through. */
  dynamodbFault(): { status: number; type: string; message: string } | null {
    this.tally.dynamodbRequests += 1;
    const roll = this.dynamoRandom();
    if (roll >= this.options.dynamodb) return null;
    this.tally.dynamodbFaults += 1;
    // Which error: spread evenly over the three by where the roll fell inside the faulty share.
    const which = Math.floor((roll / this.options.dynamodb) * 3);
    if (which === 0) {
      return { status: 500, type: 'InternalServerError', message: 'Internal server error (injected)' };
    }
    if (which === 1) {
      return {
        status: 400,
        type: 'ThrottlingException',
        message: 'Rate of requests exceeds the allowed throughput (injected)',
      };
    }
    return {
      status: 400,
      type: 'ProvisionedThroughputExceededException',
      message: 'The level of configured provisioned throughput for the table was exceeded (injected)',
    };
  }

  /**
   * Wraps the invoke a state machine uses: a share fails before the handler runs, a share after it ran.
   * Other callers (the HTTP API, scheduled functions, tests) invoke the runtime directly, without faults.
   */
  wrapLambda(
    invoke: (functionArn: string, payload: unknown) => Promise<unknown>,
  ): (functionArn: string, payload: unknown) => Promise<unknown> {
    return async (functionArn, payload) => {
      this.tally.lambdaInvocations += 1;
      const before = this.lambdaRandom() < this.options.lambda;
      const after = this.lambdaRandom() < this.options.lambdaAfter;
      // Keys only matter while some invocation has a streak, or for one about to fail.
      const key = before || after || this.streaks.size > 0 ? invocationKey(functionArn, payload) : '';
      const streak = this.streaks.get(key) ?? 0;
      const allowed = streak < this.options.maxConsecutiveLambdaFaults;
      if (allowed && before) {
        this.streaks.set(key, streak + 1);
        this.tally.lambdaFaultsBefore += 1;
        const throttled = this.lambdaRandom() < 0.5;
        throw throttled
          ? new LambdaServiceError('Lambda.TooManyRequestsException', 'Rate Exceeded. (injected)')
          : new LambdaServiceError(
              'Lambda.ServiceException',
              'Lambda service error before the function ran (injected)',
            );
      }
      const result = await invoke(functionArn, payload);
      if (allowed && after) {
        this.streaks.set(key, streak + 1);
        this.tally.lambdaFaultsAfter += 1;
        throw new LambdaServiceError(
          'Lambda.ServiceException',
          'Lambda service error after the function ran; its result was lost (injected)',
        );
      }
      this.streaks.delete(key);
      return result;
    };
  }
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * An HTTP proxy in front of dynalite that answers the requests the injector picks with a transient error,
 * shaped as DynamoDB's JSON protocol answers (`__type` with the service's namespace, `x-amzn-ErrorType`),
 * and forwards the rest unchanged.
 */
export const createDynamoDbFaultProxy = (
  target: { host: string; port: number },
  injector: FaultInjector,
): { server: Server; destroyConnections: () => void } => {
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    readBody(req)
      .then((body) => {
        const fault = injector.dynamodbFault();
        if (fault) {
          const text = JSON.stringify({
            __type: `com.amazonaws.dynamodb.v20120810#${fault.type}`,
            message: fault.message,
          });
          res.writeHead(fault.status, {
            'content-type': 'application/x-amz-json-1.0',
            'content-length': Buffer.byteLength(text),
            'x-amzn-requestid': crypto.randomUUID(),
            'x-amzn-errortype': fault.type,
          });
          res.end(text);
          return;
        }
        const upstream = request(
          {
            host: target.host,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
            agent: keepAlive,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (error) => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
        upstream.end(body);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });
  return { server, destroyConnections: () => keepAlive.destroy() };
};
