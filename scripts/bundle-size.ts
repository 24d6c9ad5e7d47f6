/**
 * Initial bundle size of the console (`npm run size`): the JavaScript a first visit downloads before
 * anything renders, gzipped, against the target of 300 KB. Like the benchmarks it reports and exits 0
 * either way; lazily loaded route chunks are not counted, since a page loads them only when visited.
 *
 *   npm run size                      builds the console into a temporary folder and measures it
 *   npm run size -- --web-dir DIR     measures an existing build (e.g. web/dist after npm run build:web)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

/** kB as Vite prints them (1,000 bytes), so the figures here and in Vite's build report agree. */
const KB = 1_000;
export const TARGET_GZIP_BYTES = 300 * KB;

const attributePattern = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

const attributesOf = (tag: string): Map<string, string> => {
  const attributes = new Map<string, string>();
  // Skip the tag name itself ("<script", "<link").
  const body = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const match of body.matchAll(attributePattern)) {
    const [, name, doubleQuoted, singleQuoted, bare] = match;
    if (name) attributes.set(name.toLowerCase(), doubleQuoted ?? singleQuoted ?? bare ?? '');
  }
  return attributes;
};

const isLocal = (url: string) => !/^(?:[a-z][a-z\d+.-]*:)?\/\//i.test(url) && !url.startsWith('data:');

/**
 * The scripts an entry HTML loads at once: its module scripts and the modules it preloads (Vite writes a
 * `modulepreload` link for every chunk the entry imports statically). Paths as written, in document order,
 * each once; scripts from other origins are not part of the bundle.
 */
export const initialScriptsOf = (html: string): string[] => {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attributes = attributesOf(tag);
    const isModuleScript = /^<script/i.test(tag) && attributes.get('type') === 'module';
    const isPreload =
      /^<link/i.test(tag) &&
      (attributes.get('rel') ?? '').toLowerCase().split(/\s+/).includes('modulepreload');
    const url = isModuleScript ? attributes.get('src') : isPreload ? attributes.get('href') : undefined;
    if (url && isLocal(url) && !found.includes(url)) found.push(url);
  }
  return found;
};

/**
 * Relative modules a built chunk imports statically (`import{a}from"./x.js"`, `import"./y.js"`,
 * `export*from"./z.js"`), never `import("./lazy.js")`: a dynamic import is what a lazy route is.
 */
export const staticImportsOf = (code: string): string[] => {
  const found = new Set<string>();
  const pattern = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const [, specifier] of code.matchAll(pattern)) if (specifier) found.add(specifier);
  return [...found];
};

export interface SizedFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface SizeReport {
  files: SizedFile[];
  totalBytes: number;
  totalGzipBytes: number;
  targetGzipBytes: number;
  verdict: 'PASS' | 'MISSED';
}

/** Each file gzipped separately, as a server or CDN sends it, at zlib's default level. */
export const sizeReport = (
  files: { name: string; content: Uint8Array }[],
  targetGzipBytes: number = TARGET_GZIP_BYTES,
): SizeReport => {
  const sized = files.map(({ name, content }) => ({
    name,
    bytes: content.byteLength,
    gzipBytes: gzipSync(content).byteLength,
  }));
  const totalGzipBytes = sized.reduce((sum, file) => sum + file.gzipBytes, 0);
  return {
    files: sized,
    totalBytes: sized.reduce((sum, file) => sum + file.bytes, 0),
    totalGzipBytes,
    targetGzipBytes,
    verdict: totalGzipBytes <= targetGzipBytes ? 'PASS' : 'MISSED',
  };
};

/**
 * The initial files of a build: those index.html names, then whatever they import statically (the HTML
 * alone would do for Vite, but following imports keeps the figure right if preload links are turned off).
 */
export const initialFilesOf = (webDir: string): string[] => {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const queue = initialScriptsOf(html).map((url) => join(webDir, url.split(/[?#]/)[0] ?? url));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === undefined || seen.has(file)) continue;
    if (!existsSync(file))
      throw new Error(`index.html loads ${relative(webDir, file)}, which the build lacks`);
    seen.add(file);
    for (const specifier of staticImportsOf(readFileSync(file, 'utf8'))) {
      queue.push(join(dirname(file), specifier));
    }
  }
  return [...seen];
};

const kilobytes = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

export const formatReport = (report: SizeReport, webDir: string): string => {
  const width = Math.max(...report.files.map((file) => relative(webDir, file.name).length), 5);
  const lines = report.files.map(
    (file) =>
      `  ${relative(webDir, file.name).split('\\').join(posix.sep).padEnd(width)}  ${kilobytes(file.bytes).padStart(10)}  ${kilobytes(file.gzipBytes).padStart(10)} gzip`,
  );
  return [
    'Initial JavaScript of the console (entry chunk and its static imports):',
    ...lines,
    `  ${'total'.padEnd(width)}  ${kilobytes(report.totalBytes).padStart(10)}  ${kilobytes(report.totalGzipBytes).padStart(10)} gzip`,
    `Target: at most ${kilobytes(report.targetGzipBytes)} gzip → ${report.verdict}`,
  ].join('\n');
};

const buildConsole = async (outDir: string) => {
  const { build } = await import('vite');
  await build({
    configFile: join(import.meta.dirname, '..', 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
};

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({ options: { 'web-dir': { type: 'string' } } });
  // A fresh build in a temporary folder measures the sources as they are, and leaves web/dist alone.
  const temporary = values['web-dir'] ? undefined : mkdtempSync(join(tmpdir(), 'console-size-'));
  try {
    const webDir = values['web-dir'] ?? temporary ?? '';
    if (temporary) await buildConsole(temporary);
    const report = sizeReport(initialFilesOf(webDir).map((name) => ({ name, content: readFileSync(name) })));
    console.log(formatReport(report, webDir));
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}
