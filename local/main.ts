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
  --skip-web-build  serve whatever web/dist holds`);
  process.exit(0);
}

const port = Number(values.port);
const timeScale = Number(values['time-scale']);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid --port ${values.port}`);
if (!(timeScale > 0)) throw new Error(`Invalid --time-scale ${values['time-scale']}`);

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
  Data      ${values['in-memory'] ? 'in memory' : resolve(values['data-dir'])}

Demo accounts (password "${DEMO_PASSWORD}"):
${demoUsers.map((user) => `  ${user.username.padEnd(20)} ${user.role.padEnd(20)} ${user.name}`).join('\n')}

LOCAL_CLOUD_READY ${cloud.url}`);
