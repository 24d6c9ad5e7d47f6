import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { type DefaultValues, type FieldValues, type UseFormReturn, useForm } from 'react-hook-form';
import { z } from 'zod';
import englishMessages from 'zod/v4/locales/en.js';
import chineseMessages from 'zod/v4/locales/zh-CN.js';
import type { JsonSchema } from '../features/programs/api/programs.ts';
import { type Language, useLanguage } from './i18n.tsx';

/** zod's own messages (required, too short, …) in the user's language. */
export const zodMessagesIn = (language: Language) =>
  (language === 'en' ? englishMessages() : chineseMessages()).localeError;

export interface SchemaFormOptions {
  /**
   * Hand the submit handler the schema's parsed output instead of the values as typed: for a form whose
   * schema only checks and trims what the API takes as it is (the administrator's registries).
   */
  parsed?: boolean;
}

/** The react-hook-form of `useSchemaForm`, with the schema's input side as JSON Schema. */
export type SchemaForm<Input extends FieldValues, Output = Input> = UseFormReturn<Input, unknown, Output> & {
  jsonSchema: JsonSchema | undefined;
};

/**
 * A react-hook-form form validated by a shared zod schema (the API's own rules and messages, zod's in the
 * user's language), with the schema's input side as JSON Schema for drawing its fields. By default the
 * values handed to the submit handler are the ones typed, not the schema's output: the API parses them
 * itself, and a transforming schema (e.g. the ID number masked into a digest) would otherwise send what
 * only the API may compute. `{ parsed: true }` hands over the schema's output instead.
 */
export function useSchemaForm<T extends FieldValues>(
  schema: z.ZodType | undefined,
  defaultValues: DefaultValues<T>,
): SchemaForm<T>;
export function useSchemaForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  options: SchemaFormOptions & { parsed: true },
): SchemaForm<z.input<S>, z.output<S>>;
export function useSchemaForm(
  schema: z.ZodType | undefined,
  defaultValues: DefaultValues<FieldValues>,
  options: SchemaFormOptions = {},
): SchemaForm<FieldValues> {
  const { language } = useLanguage();
  const jsonSchema = useMemo(
    () =>
      schema ? (z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema) : undefined,
    [schema],
  );
  const typed = schema as z.ZodType<FieldValues, FieldValues> | undefined;
  const messages = { error: zodMessagesIn(language) };
  const form = useForm<FieldValues>({
    ...(typed
      ? {
          resolver: options.parsed
            ? zodResolver(typed, messages)
            : zodResolver(typed, messages, { raw: true }),
        }
      : {}),
    defaultValues,
  });
  return { ...form, jsonSchema };
}
