/**
 * Cold-start proxy (`npm run bench:cold-start`): bundles every deployable function (functions/catalog.ts:
 * API handlers, workflow steps, scheduled functions) with esbuild the way infra/constructs/platform-function.ts
 * has CDK's NodejsFunction do it, and reports each bundle's size and its module initialisation time: a fresh
 * `node` process per measurement imports the bundle with the environment a deployed function starts with
 * (endpoints pointing nowhere), median of COLD_START_RUNS runs. Against a baseline bundle that imports only
 * the DynamoDB document client, bundled and measured the same way, as ratios.
 * Not a test: it prints figures, writes bench/results/cold-start.json and exits 0.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import {
  ATTACHMENTS_BUCKET_VARIABLE,
  apiRoutes,
  scheduledFunctions,
  stateMachineArnVariable,
  stateMachines,
  stepFunctions,
  TABLE_NAME_VARIABLE,
} from '../functions/catalog.ts';
import { handlerFunctionOptions } from '../infra/stacks/api-stack.ts';
import { machineAtStart, summarize, withLoadAtEnd } from './stats.ts';

const RUNS = Number(process.env.COLD_START_RUNS ?? 11);
/** Measured again without --enable-source-maps, to show what the option costs at start-up. */
const SOURCE_MAP_SAMPLE = [
  'baseline',
  'api/list-inbox',
  'api/create-application',
  'api/decide-task',
  'steps/create-human-task',
  'api/export-audit-events',
];
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(projectRoot, 'bench', 'results', 'cold-start.json');
const say = (message: string) => process.stdout.write(`${message}\n`);

/** Copied from infra/constructs/platform-function.ts (not exported there): recreates `require` in ESM. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __platformCreateRequire } from 'node:module'; const require = __platformCreateRequire(import.meta.url);";

interface Target {
  /** `api/create-application`, `steps/create-human-task`, `baseline`. */
  name: string;
  kind: 'api' | 'step' | 'scheduled' | 'baseline';
  /** A module path, or the source itself (the baseline, resolved from the project root). */
  entry: string | { source: string };
  extraFiles: readonly { from: string; to: string }[];
}

const BASELINE_SOURCE = `// Only what every data-reading handler needs: the DynamoDB document client, created as functions/shared/clients.ts does.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
export const handler = async () => ({ statusCode: 200 });
`;

const targetsOf = (): Target[] => {
  const apiHandlers = [...new Set(apiRoutes.map((route) => route.handler))];
  return [
    { name: 'baseline', kind: 'baseline', entry: { source: BASELINE_SOURCE }, extraFiles: [] },
    ...apiHandlers.map(
      (handler): Target => ({
        name: `api/${handler}`,
        kind: 'api',
        entry: join(projectRoot, 'functions', 'api', `${handler}.ts`),
        extraFiles: handlerFunctionOptions[handler]?.bundledFiles ?? [],
      }),
    ),
    ...stepFunctions.map(
      (step): Target => ({
        name: `steps/${step.name}`,
        kind: 'step',
        entry: join(projectRoot, 'functions', 'steps', `${step.name}.ts`),
        extraFiles: [],
      }),
    ),
    ...scheduledFunctions.map(
      (scheduled): Target => ({
        name: `steps/${scheduled.name}`,
        kind: 'scheduled',
        entry: join(projectRoot, 'functions', 'steps', `${scheduled.name}.ts`),
        extraFiles: [],
      }),
    ),
  ];
};

interface Bundle {
  target: Target;
  dir: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  extraBytes: number;
}

/** NodejsFunction's esbuild arguments as PlatformFunction sets them (see buildEsbuildArgs in aws-cdk-lib). */
const bundle = async (target: Target, outRoot: string): Promise<Bundle> => {
  const dir = join(outRoot, target.name.replace('/', '__'));
  const file = join(dir, 'index.mjs');
  await build({
    ...(typeof target.entry === 'string'
      ? { entryPoints: [target.entry] }
      : {
          stdin: {
            contents: target.entry.source,
            resolveDir: projectRoot,
            sourcefile: 'baseline.ts',
            loader: 'ts' as const,
          },
        }),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    outfile: file,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    // bundleAwsSDK: true, so no externals at all.
    external: [],
    tsconfig: join(projectRoot, 'tsconfig.json'),
    banner: { js: ESM_REQUIRE_BANNER },
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  let extraBytes = 0;
  for (const extra of target.extraFiles) {
    const destination = join(dir, extra.to);
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(join(projectRoot, extra.from), destination);
    extraBytes += statSync(destination).size;
  }
  const code = readFileSync(file);
  return {
    target,
    dir,
    file,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    mapBytes: statSync(`${file}.map`).size,
    extraBytes,
  };
};

/** The environment a deployed function starts with; every endpoint points at a closed port. */
const coldStartEnvironment = (name: string, sourceMaps = true): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  // As PlatformFunction sets it; Node then reads and parses index.mjs.map while loading the module.
  ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
  AWS_REGION: 'cn-north-1',
  AWS_DEFAULT_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'cold-start',
  AWS_SECRET_ACCESS_KEY: 'cold-start',
  AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
  AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:9',
  AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
  AWS_LAMBDA_FUNCTION_NAME: name.replace('/', '-'),
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_SERVICE_NAME: name,
  POWERTOOLS_METRICS_NAMESPACE: 'PilotZone',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  [TABLE_NAME_VARIABLE]: 'pilot-zone',
  [ATTACHMENTS_BUCKET_VARIABLE]: 'pilot-zone-attachments',
  ...Object.fromEntries(
    stateMachines.map((machine) => [
      stateMachineArnVariable(machine.program),
      `arn:aws-cn:states:cn-north-1:000000000000:stateMachine:PilotZone-${machine.program}`,
    ]),
  ),
});

/** Imports the bundle, checks it exports a handler, and reports the import time and the heap after it. */
const RUNNER = `import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
const start = performance.now();
const module = await import(pathToFileURL(process.argv[2]).href);
const importMs = performance.now() - start;
if (typeof module.handler !== 'function') throw new Error('no handler export');
const { heapUsed, rss } = process.memoryUsage();
process.stdout.write(JSON.stringify({ importMs, sinceProcessStartMs: performance.now(), heapUsed, rss }));
`;

interface Sample {
  importMs: number;
  sinceProcessStartMs: number;
  heapUsed: number;
  rss: number;
}

const measureOnce = (runner: string, item: Bundle, sourceMaps = true): Promise<Sample> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [runner, item.file],
      { env: coldStartEnvironment(item.target.name, sourceMaps), cwd: item.dir, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${item.target.name}: ${error.message}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout) as Sample);
      },
    );
  });

const main = async () => {
  const workDir = mkdtempSync(join(tmpdir(), 'pilot-zone-cold-start-'));
  const machine = machineAtStart();
  try {
    const targets = targetsOf();
    say(`cold-start proxy: bundling ${targets.length - 1} functions and the baseline with esbuild …`);
    const bundles: Bundle[] = [];
    for (let offset = 0; offset < targets.length; offset += 4) {
      bundles.push(
        ...(await Promise.all(targets.slice(offset, offset + 4).map((target) => bundle(target, workDir)))),
      );
    }
    const runner = join(workDir, 'runner.mjs');
    writeFileSync(runner, RUNNER);

    say(`measuring: ${RUNS} fresh node processes per bundle, rounds interleaved (node ${process.version})`);
    const samples = new Map<string, Sample[]>(bundles.map((item) => [item.target.name, []]));
    for (let round = 0; round < RUNS; round += 1) {
      // Rotate the order so no bundle always runs right after another (page cache, CPU frequency).
      for (let k = 0; k < bundles.length; k += 1) {
        const item = bundles[(round + k) % bundles.length] as Bundle;
        samples.get(item.target.name)?.push(await measureOnce(runner, item));
      }
      say(`  round ${round + 1}/${RUNS}`);
    }

    // What --enable-source-maps costs at start-up: a few bundles again without it, interleaved likewise.
    const withoutMaps = bundles.filter((item) => SOURCE_MAP_SAMPLE.includes(item.target.name));
    const noMapSamples = new Map<string, number[]>(withoutMaps.map((item) => [item.target.name, []]));
    for (let round = 0; round < RUNS; round += 1) {
      for (let k = 0; k < withoutMaps.length; k += 1) {
        const item = withoutMaps[(round + k) % withoutMaps.length] as Bundle;
        noMapSamples.get(item.target.name)?.push((await measureOnce(runner, item, false)).importMs);
      }
    }
    const sourceMapCost = withoutMaps.map((item) => {
      const withMaps = summarize((samples.get(item.target.name) ?? []).map((sample) => sample.importMs)).p50;
      const without = summarize(noMapSamples.get(item.target.name) ?? []).p50;
      return {
        name: item.target.name,
        mapBytes: item.mapBytes,
        importMsWithSourceMaps: withMaps,
        importMsWithout: without,
        ratio: Number((withMaps / without).toFixed(2)),
      };
    });

    const rows = bundles.map((item) => {
      const own = samples.get(item.target.name) ?? [];
      const imports = summarize(own.map((sample) => sample.importMs));
      const sinceStart = summarize(own.map((sample) => sample.sinceProcessStartMs));
      return {
        name: item.target.name,
        kind: item.target.kind,
        bytes: item.bytes,
        gzipBytes: item.gzipBytes,
        mapBytes: item.mapBytes,
        extraBytes: item.extraBytes,
        importMs: imports,
        sinceProcessStartMs: sinceStart,
        heapUsedMiB: Number((summarize(own.map((sample) => sample.heapUsed)).p50 / 2 ** 20).toFixed(1)),
        rssMiB: Number((summarize(own.map((sample) => sample.rss)).p50 / 2 ** 20).toFixed(1)),
      };
    });
    const baseline = rows.find((row) => row.name === 'baseline');
    if (!baseline) throw new Error('no baseline');
    const functions = rows
      .filter((row) => row.kind !== 'baseline')
      .map((row) => ({
        ...row,
        importRatio: Number((row.importMs.p50 / baseline.importMs.p50).toFixed(2)),
        sizeRatio: Number((row.bytes / baseline.bytes).toFixed(2)),
      }))
      .sort((a, b) => b.importMs.p50 - a.importMs.p50);

    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)}`;
    say('');
    say(
      `baseline (DynamoDB document client only): ${kb(baseline.bytes)} KiB (${kb(baseline.gzipBytes)} KiB gzip), ` +
        `import p50 ${baseline.importMs.p50} ms (min ${baseline.importMs.min}, max ${baseline.importMs.max}), heap ${baseline.heapUsedMiB} MiB`,
    );
    say('');
    say('function                                  KiB   gzip  import p50 ms  ×base  size ×base  heap MiB');
    for (const row of functions) {
      say(
        `${row.name.padEnd(40)} ${kb(row.bytes).padStart(5)} ${kb(row.gzipBytes).padStart(6)} ` +
          `${String(row.importMs.p50).padStart(13)} ${String(row.importRatio).padStart(6)} ` +
          `${String(row.sizeRatio).padStart(10)} ${String(row.heapUsedMiB).padStart(9)}`,
      );
    }
    const ratios = summarize(functions.map((row) => row.importRatio));
    const sizes = summarize(functions.map((row) => row.bytes));
    say('');
    say(
      `import time ÷ baseline over ${functions.length} functions: median ${ratios.p50}, ` +
        `min ${ratios.min}, max ${ratios.max}; bundle size median ${kb(sizes.p50)} KiB, max ${kb(sizes.max)} KiB`,
    );

    say('');
    say('--enable-source-maps at start-up (import p50 ms with / without):');
    for (const row of sourceMapCost) {
      say(
        `  ${row.name.padEnd(30)} ${String(row.importMsWithSourceMaps).padStart(9)} / ${String(row.importMsWithout).padStart(9)}  ×${row.ratio}  (map ${kb(row.mapBytes)} KiB)`,
      );
    }

    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(
      resultsFile,
      `${JSON.stringify(
        {
          benchmark: 'cold-start',
          generatedAt: new Date().toISOString(),
          machine: withLoadAtEnd(machine),
          method: {
            runs: RUNS,
            bundling:
              'esbuild, as NodejsFunction with PlatformFunction props: --bundle --platform=node --target=node22 --format=esm --minify --sourcemap --sources-content=false --main-fields=module,main --tsconfig --banner:js=<createRequire>, no externals (bundleAwsSDK)',
            measured:
              'a fresh node process per run with NODE_OPTIONS=--enable-source-maps imports index.mjs; import time from performance.now() around import(); median of the runs, rounds interleaved',
            sizes: 'bytes of index.mjs; gzip at zlib default level; the .map and copied files (fonts) apart',
          },
          baseline,
          summary: {
            functions: functions.length,
            importRatio: ratios,
            bundleBytes: sizes,
          },
          functions,
          sourceMapCost,
        },
        null,
        2,
      )}\n`,
    );
    say(`\nwrote ${resultsFile}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
