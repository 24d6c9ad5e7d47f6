import { join, resolve } from 'node:path';

/** The repository root, so entry points resolve the same from `cdk synth`, vitest and any cwd. */
export const repoRoot = resolve(import.meta.dirname, '..');

export const repoPath = (...segments: string[]): string => join(repoRoot, ...segments);
