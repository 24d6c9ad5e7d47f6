import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot, startLocalCloud } from './cloud.ts';
import { DEMO_PASSWORD, demoUsers } from './demo-users.ts';
import { seedDemoData } from './seed.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'data-dir': { type: 'string', default: join(projectRoot, '.data') },
    reset: { type: 'boolean', default: false },
    'in-memory': { type: 'boolean', default: false },
    'time-scale': { type: 'string', default: '1' },
    'no-seed': { type: 'boolean', default: false },
    'skip-web-build': { type: 'boolean', default: false },
    'fault-rate': { type: 'string' },
    'fault-seed': { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm start -- [options]
  --port N          HTTP port of the console and API (default 3000; 0 = any free port)
  --data-dir DIR    where data persists (default .data/)
  --reset           delete the data folder first
  --in-memory       keep nothing on disk
  --time-scale N    run timers N times faster (waits, deadlines, retries)
  --no-seed         do not load demo data
  --skip-web-build  serve whatever web/dist holds
  --fault-rate R    fail a share R (0–1) of DynamoDB requests and of workflow Lambda invocations (before and
                    after the handler runs) with transient errors, to exercise Retry and idempotency
  --fault-seed N    seed of the fault sequence (default 1)`);
  process.exit(0);
}

const port = Number(values.port);
const timeScale = Number(values['time-scale']);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid --port ${values.port}`);
if (!(timeScale > 0)) throw new Error(`Invalid --time-scale ${values['time-scale']}`);
const faultRate = values['fault-rate'] === undefined ? undefined : Number(values['fault-rate']);
const faultSeed = Number(values['fault-seed']);
if (faultRate !== undefined && !(faultRate >= 0 && faultRate <= 1)) {
  throw new Error(`Invalid --fault-rate ${values['fault-rate']} (a share between 0 and 1)`);
}
if (!Number.isInteger(faultSeed)) throw new Error(`Invalid --fault-seed ${values['fault-seed']}`);

const webDir = join(projectRoot, 'web', 'dist');
// A build takes about a second; always building means the console never lags behind its sources.
if (!values['skip-web-build']) {
  console.log('Building the console…');
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

const cloud = await startLocalCloud({
  port,
  dataDir: values['in-memory'] ? null : resolve(values['data-dir']),
  reset: values.reset,
  timeScale,
  webDir,
  log: (message) => console.log(`[local] ${message}`),
  ...(faultRate === undefined
    ? {}
    : { faults: { dynamodb: faultRate, lambda: faultRate, lambdaAfter: faultRate, seed: faultSeed } }),
});

let shuttingDown = false;
const shutdown = async (signal: string) => {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`\n${signal}: stopping; waiting executions resume on the next start.`);
  await cloud.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

if (!values['no-seed']) {
  const seeded = await seedDemoData(cloud.apiUrl, cloud.dynamodbEndpoint, cloud.tableName);
  if (seeded) console.log('Demo data loaded.');
}

console.log(`
Pilot-zone workflow platform (local cloud) is running
  Console   ${cloud.url}/
  API       ${cloud.apiUrl}
  DynamoDB  ${cloud.dynamodbEndpoint}   Step Functions  ${cloud.sfnEndpoint}   S3  ${cloud.s3Endpoint}
  Data      ${values['in-memory'] ? 'in memory' : resolve(values['data-dir'])}${
    faultRate === undefined
      ? ''
      : `\n  Faults    ${faultRate} of DynamoDB requests and workflow Lambda invocations (seed ${faultSeed})`
  }

Demo accounts (password "${DEMO_PASSWORD}"):
${demoUsers.map((user) => `  ${user.username.padEnd(20)} ${user.role.padEnd(20)} ${user.name}`).join('\n')}

LOCAL_CLOUD_READY ${cloud.url}`);
