import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../local/cloud.ts';

/** What the console bundle is made of: its sources, the domain code it imports, and the locked dependencies. */
const buildInputs = [
  // This file too: how the console is built is part of what a cached build must match.
  fileURLToPath(import.meta.url),
  join(projectRoot, 'web', 'index.html'),
  join(projectRoot, 'web', 'vite.config.ts'),
  join(projectRoot, 'web', 'src'),
  join(projectRoot, 'domain'),
  // The workflow chart imports the catalog of state machines and their ASL files.
  join(projectRoot, 'functions', 'catalog.ts'),
  join(projectRoot, 'workflows'),
  join(projectRoot, 'package-lock.json'),
];

const filesUnder = (path: string): string[] => {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(path, entry))
    .filter((file) => statSync(file).isFile());
};

const sourceDigest = (): string => {
  const hash = createHash('sha256');
  for (const file of buildInputs.flatMap(filesUnder).sort()) {
    hash.update(relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
};

const cacheRoot = join(tmpdir(), 'pilot-zone-console');
/** A build takes seconds; a lock older than this belongs to a process that died. */
const STALE_LOCK_MS = 5 * 60_000;
/** Builds of other source states are kept a while for parallel runs, then removed. */
const KEEP_OLD_BUILDS_MS = 24 * 60 * 60_000;

const removeOldBuilds = (current: string) => {
  for (const entry of readdirSync(cacheRoot)) {
    const path = join(cacheRoot, entry);
    if (!entry.startsWith(current) && Date.now() - statSync(path).mtimeMs > KEEP_OLD_BUILDS_MS) {
      rmSync(path, { recursive: true, force: true });
    }
  }
};

const buildInto = async (outDir: string) => {
  const { build } = await import('vite');
  // Vite keeps the NODE_ENV it finds, and vitest sets `test`: that would build React and antd in
  // development mode. The tests drive what users get, the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(projectRoot, 'web', 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
};

/**
 * The console built from the current sources, once: e2e files run in parallel forks, so the first one
 * builds under a lock (an atomic mkdir) into a folder named by the sources' digest and the others wait
 * for it. The folder appears by an atomic rename, so a reader never sees half a build; and web/dist,
 * which `npm start` and the other engineer's dev builds use, is left alone.
 */
export const buildConsoleOnce = async (): Promise<string> => {
  mkdirSync(cacheRoot, { recursive: true });
  const digest = sourceDigest();
  const webDir = join(cacheRoot, digest);
  const lock = `${webDir}.lock`;
  const deadline = Date.now() + 2 * STALE_LOCK_MS;
  while (!existsSync(join(webDir, 'index.html'))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the console build in ${webDir}`);
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building: wait, unless their lock is abandoned.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) {
        rmSync(lock, { recursive: true, force: true });
      }
      await sleep(250);
      continue;
    }
    try {
      if (!existsSync(join(webDir, 'index.html'))) {
        const partial = `${webDir}.partial-${process.pid}`;
        await buildInto(partial);
        rmSync(webDir, { recursive: true, force: true });
        renameSync(partial, webDir);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  removeOldBuilds(digest);
  return webDir;
};
