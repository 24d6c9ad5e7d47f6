import { type ChildProcess, spawn } from 'node:child_process';
import { projectRoot } from '../../local/cloud.ts';
import { logLinesOf } from './resilience.ts';

/** `npm start`'s program running as a separate process, as an operator runs it. */
export interface LocalProcess {
  child: ChildProcess;
  apiUrl: string;
  dynamodbEndpoint: string;
  /** Handler error logs (Powertools' JSON lines on stderr). */
  errorLogs: Record<string, unknown>[];
  /** What it printed (its `[local]` log lines). */
  output: () => string;
}

const running = new Set<ChildProcess>();

/** Starts local/main.ts on a data folder without demo data or a console build; resolves once it is ready. */
export const startLocalProcess = (
  dataDir: string,
  { port = 0, timeScale, logLevel = 'SILENT' }: { port?: number; timeScale?: number; logLevel?: string } = {},
): Promise<LocalProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'local/main.ts',
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--no-seed',
        '--skip-web-build',
        ...(timeScale === undefined ? [] : ['--time-scale', String(timeScale)]),
      ],
      {
        cwd: projectRoot,
        env: { ...process.env, POWERTOOLS_LOG_LEVEL: logLevel },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.add(child);
    const errorLogs: Record<string, unknown>[] = [];
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /LOCAL_CLOUD_READY (\S+)/.exec(output);
      const dynamodb = /DynamoDB\s+(http:\/\/\S+)/.exec(output);
      if (ready?.[1] && dynamodb?.[1]) {
        resolve({
          child,
          apiUrl: `${ready[1]}/api`,
          dynamodbEndpoint: dynamodb[1],
          errorLogs,
          output: () => output,
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      const complete = errors.lastIndexOf('\n') + 1;
      errorLogs.push(...logLinesOf(errors.slice(0, complete)));
      errors = errors.slice(complete);
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      reject(new Error(`local cloud exited (${code ?? signal}) before it was ready:\n${output}\n${errors}`));
    });
  });

/** Sends the signal and resolves with the exit code once the process has gone. */
export const stopLocalProcess = (child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
    child.kill(signal);
  });

/** For afterAll: whatever a failed test left running. */
export const killLocalProcesses = (): void => {
  for (const child of running) child.kill('SIGKILL');
};
