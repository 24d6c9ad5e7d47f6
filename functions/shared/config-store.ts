import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { documentClient, tableName } from './clients.ts';
import { keys } from './keys.ts';

/** Reads an office-maintained configuration document, falling back to the shipped default. */
export const readConfig = async <S extends z.ZodType>(name: string, schema: S, fallback: z.infer<S>) => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.config(name) }),
  );
  if (!Item) return fallback;
  return schema.parse(Item.value) as z.infer<S>;
};
