import { z } from 'zod';
import { badRequest } from './errors.ts';

export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2048).optional(),
  })
  .strict();
export type PageQuery = z.infer<typeof pageQuerySchema>;

type Key = Record<string, unknown>;

export const encodeCursor = (key: Key | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;

/** Accepts only a cursor this API produced for the same partition, so a cursor cannot widen a query. */
export const decodeCursor = (cursor: string | undefined, expected: Key): Key | undefined => {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    badRequest('INVALID_CURSOR', { zh: '分页游标无效', en: 'Invalid pagination cursor' }, { cursor });
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) throw invalid();
  const key = decoded as Key;
  for (const [name, value] of Object.entries(expected)) {
    if (key[name] !== value) throw invalid();
  }
  if (!Object.values(key).every((value) => typeof value === 'string')) throw invalid();
  return key;
};
