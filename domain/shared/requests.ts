import { z } from 'zod';
import { decisionOutcomeSchema } from './program.ts';
import { controlCharactersMessage, hasControlCharacters } from './text.ts';

/** Free text written by people: bounded, and without control characters other than line breaks and tabs. */
export const commentSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine((text) => !hasControlCharacters(text, { multiline: true }), { message: controlCharactersMessage });

/**
 * How deep a decision's record may nest. Stage schemas are flat; stages without one still store the record
 * (in the task and the audit trail), and DynamoDB refuses items nested beyond 32 levels.
 */
const MAX_RECORD_DEPTH = 8;

const depthOf = (value: unknown, depth = 0): number => {
  if (depth > MAX_RECORD_DEPTH || value === null || typeof value !== 'object') return depth;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.reduce<number>((deepest, child) => Math.max(deepest, depthOf(child, depth + 1)), depth + 1);
};

export const createApplicationBodySchema = z
  .object({
    program: z.string().min(1).max(40),
    form: z.record(z.string(), z.unknown()),
  })
  .strict();
export type CreateApplicationBody = z.infer<typeof createApplicationBodySchema>;

export const decisionBodySchema = z
  .object({
    outcome: decisionOutcomeSchema,
    comment: commentSchema.optional(),
    /** The stage's structured record (inspection findings, expert scores, objection rulings…). */
    data: z
      .record(z.string(), z.unknown())
      .refine((data) => depthOf(data) <= MAX_RECORD_DEPTH, {
        message: `记录嵌套不得超过 ${MAX_RECORD_DEPTH} 层 / A record nests at most ${MAX_RECORD_DEPTH} levels`,
      })
      .optional(),
  })
  .strict()
  .refine(
    (body) =>
      body.outcome === 'APPROVE' ||
      body.outcome === 'SUBMIT' ||
      (body.comment !== undefined && body.comment.length > 0),
    {
      path: ['comment'],
      message: '退回或驳回须填写意见 / A comment is required to reject or return',
    },
  );
export type DecisionBody = z.infer<typeof decisionBodySchema>;

export const resubmitBodySchema = z
  .object({
    form: z.record(z.string(), z.unknown()),
    comment: commentSchema.optional(),
  })
  .strict();
export type ResubmitBody = z.infer<typeof resubmitBodySchema>;

export const withdrawBodySchema = z.object({ reason: commentSchema.optional() }).strict();
export type WithdrawBody = z.infer<typeof withdrawBodySchema>;

export const idPathSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict();
export type IdPath = z.infer<typeof idPathSchema>;

export const taskIdPathSchema = z.object({ taskId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict();
export type TaskIdPath = z.infer<typeof taskIdPathSchema>;
