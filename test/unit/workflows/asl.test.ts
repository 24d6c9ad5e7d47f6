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

  it('uses only Task resources the local cloud implements, each calling a catalogued step', () => {
    const localResources = new Set([
      'arn:aws:states:::lambda:invoke',
      'arn:aws:states:::lambda:invoke.waitForTaskToken',
      'arn:aws:states:::dynamodb:getItem',
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::dynamodb:updateItem',
      'arn:aws:states:::dynamodb:deleteItem',
    ]);
    const stepPlaceholders = new Set(stepFunctions.map((step) => `${'${'}${step.substitution}}`));
    const definition = JSON.parse(text) as {
      States: Record<string, { Type: string; Resource?: string; Parameters?: { FunctionName?: string } }>;
    };
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== 'Task') continue;
      expect(localResources, name).toContain(state.Resource);
      if (state.Resource?.includes(':lambda:')) {
        expect(stepPlaceholders, name).toContain(state.Parameters?.FunctionName);
      }
    }
  });

  it('has no hard-coded partition in ARNs of resources it owns', () => {
    expect(text).not.toMatch(/arn:aws:lambda:/);
    expect(text).not.toMatch(/arn:aws:dynamodb:/);
  });
});
