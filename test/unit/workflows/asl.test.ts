import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { commonSubstitutions, stateMachines, stepFunctions } from '../../../functions/catalog.ts';

const workflowDir = join(import.meta.dirname, '../../../workflows');
const files = readdirSync(workflowDir).filter((file) => file.endsWith('.asl.json'));
const knownSubstitutions = new Set<string>([
  ...commonSubstitutions,
  ...stepFunctions.map((step) => step.substitution),
]);

describe.each(files)('%s', (file) => {
  const text = readFileSync(join(workflowDir, file), 'utf8');

  it('is valid Amazon States Language', () => {
    const { isValid, errors } = aslValidator(JSON.parse(text));
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('uses only substitutions that infra and the local cloud both provide', () => {
    const used = [...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(knownSubstitutions).toContain(name);
  });

  it('is registered in the catalog', () => {
    expect(stateMachines.map((machine) => machine.file)).toContain(file);
  });

  it('has no hard-coded partition in ARNs of resources it owns', () => {
    expect(text).not.toMatch(/arn:aws:lambda:/);
    expect(text).not.toMatch(/arn:aws:dynamodb:/);
  });
});
