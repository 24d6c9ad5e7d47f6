import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export interface LambdaRuntimeOptions {
  region: string;
  accountId: string;
  /** Root folder of `functions/`. */
  functionsDir: string;
  /** Milliseconds a function may run, as its `getRemainingTimeInMillis` reports. */
  timeoutMs?: number;
}

/**
 * Runs handlers from `functions/` in this process with Lambda-shaped events and contexts. Each module is
 * imported once, like a warm Lambda container, so module-level clients behave as in AWS.
 */
export class LambdaRuntime {
  private readonly modules = new Map<string, Promise<Handler>>();

  constructor(private readonly options: LambdaRuntimeOptions) {}

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${name}`;
  }

  /** `api/create-application` or `steps/create-human-task`; also accepts the function's ARN. */
  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':').pop() ?? nameOrArn) : nameOrArn;
    const handler = await this.load(name);
    return handler(structuredClone(event), this.context(name));
  }

  private load(name: string): Promise<Handler> {
    let loading = this.modules.get(name);
    if (!loading) {
      const [folder, file] = name.includes('/') ? name.split('/') : ['steps', name];
      const url = pathToFileURL(`${this.options.functionsDir}/${folder}/${file}.ts`).href;
      loading = import(url).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${name} exports no handler`);
        return module.handler;
      });
      this.modules.set(name, loading);
    }
    return loading;
  }

  private context(name: string): Context {
    const deadline = Date.now() + (this.options.timeoutMs ?? 30_000);
    const unsupported = () => {
      throw new Error('Callback-style completion is not supported; return a promise');
    };
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: name.replace('/', '-'),
      functionVersion: '$LATEST',
      invokedFunctionArn: this.functionArn(name.replace('/', '-')),
      memoryLimitInMB: '512',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: unsupported,
      fail: unsupported,
      succeed: unsupported,
    };
  }
}
