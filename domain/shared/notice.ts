import { z } from 'zod';
import { hasControlCharacters } from './text.ts';

/** A public notice (公示) of an application, listed without login while it is open. */
export const publicNoticeSchema = z.object({
  applicationId: z.string(),
  program: z.string(),
  variant: z.string(),
  /** What the public sees: the application's title (e.g. the park name) and the applicant organization. */
  title: z.string(),
  orgName: z.string().optional(),
  zone: z.string(),
  district: z.string(),
  /** Working-day window in China dates, inclusive. */
  firstDay: z.string(),
  lastDay: z.string(),
  /** End of the last day (23:59:59.999 China time), as an ISO instant. */
  endsAt: z.string(),
  status: z.enum(['OPEN', 'CLOSED', 'CANCELLED']),
  openedAt: z.string(),
  objectionCount: z.number().int().nonnegative(),
});
export type PublicNotice = z.infer<typeof publicNoticeSchema>;

const withoutControlCharacters = (text: string) => !hasControlCharacters(text, { multiline: true });

/** What a member of the public submits against an application under notice. */
export const objectionBodySchema = z
  .object({
    name: z.string().trim().min(2).max(50).refine(withoutControlCharacters),
    contact: z.string().trim().min(5).max(100).refine(withoutControlCharacters),
    reason: z.string().trim().min(10).max(2_000).refine(withoutControlCharacters),
  })
  .strict();
export type ObjectionBody = z.infer<typeof objectionBodySchema>;

export const objectionSchema = z.object({
  objectionId: z.string(),
  applicationId: z.string(),
  name: z.string(),
  contact: z.string(),
  reason: z.string(),
  receivedAt: z.string(),
  ruling: z
    .object({
      outcome: z.enum(['UPHOLD', 'DISMISS']),
      reason: z.string(),
      decidedBy: z.string(),
      decidedAt: z.string(),
    })
    .optional(),
});
export type Objection = z.infer<typeof objectionSchema>;

/**
 * What the public list shows of an open notice: no status (every listed notice is open) and nothing about
 * objections (their number included), which only reviewers see.
 */
export const publicNoticeListingSchema = publicNoticeSchema.pick({
  applicationId: true,
  program: true,
  variant: true,
  title: true,
  orgName: true,
  zone: true,
  district: true,
  firstDay: true,
  lastDay: true,
  endsAt: true,
  openedAt: true,
});
export type PublicNoticeListing = z.infer<typeof publicNoticeListingSchema>;

/** The whole answer to an accepted objection: the submitter's receipt, never anyone's data. */
export const objectionReceiptSchema = z.object({ objectionId: z.string(), receivedAt: z.string() });
export type ObjectionReceipt = z.infer<typeof objectionReceiptSchema>;
