import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../functions/catalog.ts';
import {
  BUNDLED_FONT_FOLDER,
  CERTIFICATE_FONT_PACKAGE,
  certificateFontAssets,
  certificateFontFiles,
} from '../../functions/shared/certificate-fonts.ts';
import {
  type BundledFile,
  bundledFileCommands,
  bundledFileHooks,
} from '../../infra/constructs/platform-function.ts';
import { repoPath, repoRoot } from '../../infra/paths.ts';
import { handlerFunctionOptions } from '../../infra/stacks/api-stack.ts';

// The real bundling of `npm run synth` runs these commands with `bash -c`, chained with `&&`.
const runHook = (commands: string[], cwd: string): void => {
  execFileSync('bash', ['-c', commands.join(' && ')], { cwd, stdio: 'pipe' });
};

const temporary: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-zone-bundled-'));
  temporary.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('get-certificate bundled files', () => {
  const bundledFiles = handlerFunctionOptions['get-certificate']?.bundledFiles ?? [];

  it('are exactly the certificate fonts, under fonts/ beside index.mjs', () => {
    expect(bundledFiles).toBe(certificateFontAssets);
    const files = Object.values(certificateFontFiles);
    expect(bundledFiles).toEqual(
      files.map((file) => ({
        from: `node_modules/${CERTIFICATE_FONT_PACKAGE}/${file}`,
        to: `${BUNDLED_FONT_FOLDER}/${basename(file)}`,
      })),
    );
    expect(bundledFiles.map((file) => file.to).sort()).toEqual(
      ['fonts/NotoSerifSC_400Regular.ttf', 'fonts/NotoSerifSC_700Bold.ttf'].sort(),
    );
  });

  it('become one mkdir and one cp per font in afterBundling, and nothing before', () => {
    const hooks = bundledFileHooks(bundledFiles);
    expect(hooks.beforeBundling('/asset-input', '/asset-output')).toEqual([]);
    expect(hooks.beforeInstall('/asset-input', '/asset-output')).toEqual([]);
    expect(hooks.afterBundling('/asset-input', '/asset-output')).toEqual([
      "mkdir -p '/asset-output/fonts'",
      ...certificateFontAssets.map((file) => `cp '/asset-input/${file.from}' '/asset-output/${file.to}'`),
    ]);
  });

  it('copy the font files byte for byte when the commands run', () => {
    const outputDir = tempDir();
    runHook(bundledFileHooks(bundledFiles).afterBundling(repoRoot, outputDir), repoRoot);
    expect(readdirSync(join(outputDir, BUNDLED_FONT_FOLDER)).sort()).toEqual(
      bundledFiles.map((file) => basename(file.to)).sort(),
    );
    for (const file of bundledFiles) {
      expect(readFileSync(join(outputDir, file.to)).equals(readFileSync(repoPath(file.from))), file.to).toBe(
        true,
      );
    }
  });
});

describe('bundledFileCommands', () => {
  it('returns no command for no file', () => {
    expect(bundledFileCommands([], '/in', '/out')).toEqual([]);
    expect(bundledFileHooks([]).afterBundling('/in', '/out')).toEqual([]);
  });

  it('quotes paths so spaces, quotes and $(…) reach cp as plain names', () => {
    const inputDir = join(tempDir(), "project's root");
    const outputDir = join(tempDir(), 'asset out');
    const name = "it's a $(touch pwned) `x` file.ttf";
    mkdirSync(join(inputDir, 'assets'), { recursive: true });
    writeFileSync(join(inputDir, 'assets', name), 'glyphs');
    const files: BundledFile[] = [{ from: `assets/${name}`, to: `fonts/deep/${name}` }];
    runHook(bundledFileCommands(files, inputDir, outputDir), inputDir);
    expect(readFileSync(join(outputDir, 'fonts', 'deep', name), 'utf8')).toBe('glyphs');
    expect(existsSync(join(inputDir, 'pwned'))).toBe(false);
    expect(existsSync(join(outputDir, 'pwned'))).toBe(false);
  });

  it('fails the bundling when a source file is missing', () => {
    const inputDir = tempDir();
    const commands = bundledFileCommands(
      [{ from: 'missing.ttf', to: 'fonts/missing.ttf' }],
      inputDir,
      tempDir(),
    );
    expect(() => runHook(commands, inputDir)).toThrow();
  });

  it.each([
    ['an absolute source', { from: '/etc/passwd', to: 'fonts/a.ttf' }],
    ['a source outside the project', { from: '../secret.ttf', to: 'fonts/a.ttf' }],
    ['a destination outside the asset', { from: 'a.ttf', to: 'fonts/../../a.ttf' }],
    ['an absolute destination', { from: 'a.ttf', to: '/var/task/a.ttf' }],
    ['a folder as destination', { from: 'a.ttf', to: 'fonts/' }],
    ['an empty source', { from: '', to: 'fonts/a.ttf' }],
  ])('refuses %s, already when the hooks are built', (_name, file) => {
    expect(() => bundledFileHooks([file])).toThrow(/bundled file/);
    expect(() => bundledFileCommands([file], '/in', '/out')).toThrow(/bundled file/);
  });

  it('refuses two files copied to the same place', () => {
    const files = [
      { from: 'a/x.ttf', to: 'fonts/x.ttf' },
      { from: 'b/x.ttf', to: 'fonts/./x.ttf' },
    ];
    expect(() => bundledFileHooks(files)).toThrow(/two bundled files/);
  });
});

describe('handlerFunctionOptions', () => {
  it('names only catalog handlers', () => {
    const handlers = new Set(apiRoutes.map((route) => route.handler));
    for (const handler of Object.keys(handlerFunctionOptions)) expect(handlers, handler).toContain(handler);
  });
});
