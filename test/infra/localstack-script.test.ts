import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../infra/paths.ts';

/** `npm run deploy:localstack` is optional and needs a running LocalStack; only its shape is checked here. */
describe('deploy:localstack', () => {
  const scripts = (
    JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const script = scripts['deploy:localstack'] ?? '';

  it('bootstraps, then deploys every stack of the same app with cdklocal, without prompting', () => {
    const [bootstrap, deploy, ...rest] = script.split('&&').map((part) => part.trim());
    expect(rest).toEqual([]);
    expect(bootstrap).toMatch(/\bcdklocal bootstrap\b/);
    expect(deploy).toMatch(/\bcdklocal deploy --all\b/);
    expect(deploy).toContain('--require-approval never');
    // LocalStack emulates one partition: the global one.
    for (const part of [bootstrap, deploy]) expect(part).toContain('-c regions=us-east-1');
    expect(script).not.toMatch(/\bcdk (deploy|bootstrap)\b/);
  });

  it('uses the installed aws-cdk-local', () => {
    expect(existsSync(repoPath('node_modules', '.bin', 'cdklocal'))).toBe(true);
  });
});
