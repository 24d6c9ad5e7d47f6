import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { type DefaultValues, type FieldValues, useForm } from 'react-hook-form';
import { z } from 'zod';
import englishMessages from 'zod/v4/locales/en.js';
import chineseMessages from 'zod/v4/locales/zh-CN.js';
import type { JsonSchema } from '../features/programs/api/programs.ts';
import { type Language, useLanguage } from './i18n.tsx';

/** zod's own messages (required, too short, …) in the user's language. */
export const zodMessagesIn = (language: Language) =>
  (language === 'en' ? englishMessages() : chineseMessages()).localeError;

/**
 * A react-hook-form form validated by a shared zod schema (the API's own rules and messages, zod's in the
 * user's language), with the schema's input side as JSON Schema for drawing its fields. The values handed
 * to the submit handler are the ones typed, not the schema's output: the API parses them itself, and a
 * transforming schema (e.g. the ID number masked into a digest) would otherwise send what only the API
 * may compute.
 */
export const useSchemaForm = <T extends FieldValues>(
  schema: z.ZodType | undefined,
  defaultValues: DefaultValues<T>,
) => {
  const { language } = useLanguage();
  const jsonSchema = useMemo(
    () =>
      schema ? (z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema) : undefined,
    [schema],
  );
  const form = useForm<T>({
    ...(schema
      ? {
          resolver: zodResolver(schema as z.ZodType<T, T>, { error: zodMessagesIn(language) }, { raw: true }),
        }
      : {}),
    defaultValues,
  });
  return { ...form, jsonSchema };
};
