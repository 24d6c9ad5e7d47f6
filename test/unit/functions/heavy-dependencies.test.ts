import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { apiRoutes, scheduledFunctions, stepFunctions } from '../../../functions/catalog.ts';
import { repoRoot } from '../../../infra/paths.ts';

/**
 * The packages that cost a function most at cold start (bench/cold-start.ts: exceljs about a megabyte and
 * half a second of module initialisation, pdfkit and its fonts about as much), and the only functions
 * that may bundle them. A shared module that starts importing one would otherwise slow unrelated
 * functions without any test noticing, as the training roster's workbook once did for four of them.
 */
const HEAVY: Record<string, readonly string[]> = {
  exceljs: ['api/export-audit-events', 'api/export-training-registrations', 'api/import-credit-list'],
  pdfkit: ['api/get-certificate'],
};

const entries = (): Record<string, string> => {
  const api = [...new Set(apiRoutes.map((route) => route.handler))].map((handler) => `api/${handler}`);
  const steps = [...stepFunctions, ...scheduledFunctions].map((step) => `steps/${step.name}`);
  return Object.fromEntries(
    [...api, ...steps].map((name) => [name, join(repoRoot, 'functions', `${name}.ts`)]),
  );
};

describe('heavy dependencies', () => {
  it('are bundled only into the functions that need them', async () => {
    const { metafile } = await build({
      entryPoints: entries(),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      write: false,
      metafile: true,
      outdir: join(repoRoot, '.heavy-dependencies'),
      logLevel: 'error',
    });
    const found: Record<string, string[]> = Object.fromEntries(Object.keys(HEAVY).map((name) => [name, []]));
    for (const [output, { entryPoint, inputs }] of Object.entries(metafile.outputs)) {
      if (!entryPoint || !output.endsWith('.js')) continue;
      const name = entryPoint.replace(/^functions\//, '').replace(/\.ts$/, '');
      for (const dependency of Object.keys(HEAVY)) {
        if (Object.keys(inputs).some((input) => input.includes(`node_modules/${dependency}/`))) {
          found[dependency]?.push(name);
        }
      }
    }
    for (const [dependency, allowed] of Object.entries(HEAVY)) {
      expect(found[dependency]?.sort(), dependency).toEqual([...allowed].sort());
    }
  }, 60_000);
});
