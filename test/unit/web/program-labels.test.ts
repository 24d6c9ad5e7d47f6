import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { programs } from '../../../domain/programs.ts';
import { choiceLabels, fieldLabels } from '../../../web/src/features/programs/labels.ts';

/** Every property name anywhere in a JSON Schema (nested objects, lists, unions). */
const propertyNames = (schema: unknown, into = new Set<string>()): Set<string> => {
  if (Array.isArray(schema)) {
    for (const item of schema) propertyNames(item, into);
  } else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') {
        for (const name of Object.keys(value)) into.add(name);
      }
      propertyNames(value, into);
    }
  }
  return into;
};

describe('field labels of the console', () => {
  for (const program of programs) {
    it(`${program.code}: every field of the form and of the decision records has a Chinese and English label`, () => {
      const schemas = [
        program.formSchema,
        ...program.stages.flatMap((stage) => (stage.dataSchema ? [stage.dataSchema] : [])),
      ];
      const names = new Set(
        schemas.flatMap((schema) => [
          ...propertyNames(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' })),
        ]),
      );
      const missing = [...names].filter((name) => !fieldLabels[name]?.zh || !fieldLabels[name]?.en);
      expect(missing).toEqual([]);
    });
  }
});

/** Every string enum value anywhere in a JSON Schema. */
const enumValues = (schema: unknown, into = new Set<string>()): Set<string> => {
  if (Array.isArray(schema)) {
    for (const item of schema) enumValues(item, into);
  } else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'enum' && Array.isArray(value)) {
        for (const item of value) if (typeof item === 'string') into.add(item);
      } else if (key === 'const' && typeof value === 'string') {
        into.add(value);
      } else {
        enumValues(value, into);
      }
    }
  }
  return into;
};

describe('choice labels of the console', () => {
  for (const program of programs) {
    it(`${program.code}: every choice in the form and the decision records has a Chinese and English label`, () => {
      const schemas = [
        program.formSchema,
        ...program.stages.flatMap((stage) => (stage.dataSchema ? [stage.dataSchema] : [])),
      ];
      const values = new Set(
        schemas.flatMap((schema) => [
          ...enumValues(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' })),
        ]),
      );
      const missing = [...values].filter((value) => !choiceLabels[value]?.zh || !choiceLabels[value]?.en);
      expect(missing).toEqual([]);
    });
  }
});
