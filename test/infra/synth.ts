import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll } from 'vitest';
import { readConfig } from '../../infra/config.ts';
import { repoPath } from '../../infra/paths.ts';
import { buildPlatform, type RegionStacks } from '../../infra/platform.ts';

export const REGIONS = ['us-east-1', 'cn-north-1'] as const;
export type Region = (typeof REGIONS)[number];

export interface RegionTemplates {
  region: Region;
  partition: 'aws' | 'aws-cn';
  stacks: RegionStacks;
  monitoring: Template;
  data: Template;
  workflow: Template;
  api: Template;
  web: Template;
  dashboard: Template;
}

export interface Synthesized {
  byRegion: Map<Region, RegionTemplates>;
  outdir: string;
}

/** The feature flags and defaults of cdk.json, so the tests synthesize what `cdk synth` does. */
export const cdkJsonContext = (): Record<string, unknown> => {
  const parsed: unknown = JSON.parse(readFileSync(repoPath('cdk.json'), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('context' in parsed))
    throw new Error('cdk.json has no context');
  const { context } = parsed;
  if (typeof context !== 'object' || context === null) throw new Error('cdk.json context is not an object');
  return { ...context };
};

export const testContext = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...cdkJsonContext(),
  // Bundling is exercised by `npm run synth`; here it would only cost time.
  'aws:cdk:bundling-stacks': [],
  regions: REGIONS.join(','),
  ...extra,
});

/**
 * The whole app, both regions, with cdk-nag and CDK's CloudFormation validation, exactly as
 * infra/bin/app.ts builds it. `app.synth()` throws on any unacknowledged finding, so reaching the
 * templates proves the app is clean. Called once per test file.
 */
export const synthesizeAll = (extra: Record<string, unknown> = {}): Synthesized => {
  const outdir = mkdtempSync(join(tmpdir(), 'pilot-zone-cdk-'));
  const app = new App({ context: testContext(extra), outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const config = readConfig(app.node);
  const sets = buildPlatform(app, config);
  const assembly = app.synth();
  const byRegion = new Map<Region, RegionTemplates>();
  for (const stacks of sets) {
    const region = REGIONS.find((candidate) => candidate === stacks.region);
    if (!region) throw new Error(`unexpected region ${stacks.region}`);
    const template = (name: string) => Template.fromJSON(assembly.getStackByName(name).template);
    byRegion.set(region, {
      region,
      partition: region.startsWith('cn-') ? 'aws-cn' : 'aws',
      stacks,
      monitoring: template(stacks.monitoring.stackName),
      data: template(stacks.data.stackName),
      workflow: template(stacks.workflow.stackName),
      api: template(stacks.api.stackName),
      web: template(stacks.web.stackName),
      dashboard: template(stacks.dashboard.stackName),
    });
  }
  return { byRegion, outdir };
};

/** Every template of a region, in deploy order. */
export const allTemplates = (templates: RegionTemplates): Template[] => [
  templates.monitoring,
  templates.web,
  templates.data,
  templates.workflow,
  templates.api,
  templates.dashboard,
];

export const forRegion = (synthesized: Synthesized, region: Region): RegionTemplates => {
  const found = synthesized.byRegion.get(region);
  if (!found) throw new Error(`no templates for ${region}`);
  return found;
};

/**
 * Synthesizes both regions once for the calling test file (with cdk-nag, as infra/bin/app.ts does: reaching
 * the templates means both regions synthesize clean) and removes the output afterwards.
 */
export const synthesizedPerFile = (
  extra: Record<string, unknown> = {},
): { at(region: Region): RegionTemplates; outdir(): string } => {
  let synthesized: Synthesized | undefined;
  beforeAll(() => {
    synthesized = synthesizeAll(extra);
  }, 180_000);
  afterAll(() => {
    if (synthesized) rmSync(synthesized.outdir, { recursive: true, force: true });
  });
  const current = () => {
    if (!synthesized) throw new Error('not synthesized yet');
    return synthesized;
  };
  return { at: (region) => forRegion(current(), region), outdir: () => current().outdir };
};
