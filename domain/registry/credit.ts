import { z } from 'zod';
import type { LocalizedText } from '../shared/program.ts';
import { usccSchema } from '../shared/uscc.ts';
import { zoneCodeSchema } from '../shared/zones.ts';

/**
 * Credit lists (电商信用体系): the blacklist (黑名单), the abnormal-operation list (经营异常名录) and the
 * whitelist (白名单). Eligibility reads them through `creditStatusOf`.
 *
 * Dates are calendar days (YYYY-MM-DD). `startDate` is the first day an entry applies; `endDate` is the
 * day it is removed (移出日期) and no longer applies, so an entry is active on `today` when
 * `startDate <= today < endDate`. Ending an entry today (soft delete) therefore takes effect at once.
 */

export const creditListSchema = z.enum(['BLACKLIST', 'ABNORMAL', 'WHITELIST']);
export type CreditList = z.infer<typeof creditListSchema>;

export const creditListNames: Record<CreditList, LocalizedText> = {
  BLACKLIST: { zh: '黑名单', en: 'Blacklist' },
  ABNORMAL: { zh: '经营异常名录', en: 'Abnormal-operation list' },
  WHITELIST: { zh: '白名单', en: 'Whitelist' },
};

export const isoDateSchema = z.iso.date();

const startNotAfterEnd = (value: { startDate: string; endDate?: string | undefined }) =>
  value.endDate === undefined || value.startDate <= value.endDate;
const startNotAfterEndIssue = {
  message: '开始日期不能晚于结束日期 / startDate must not be after endDate',
  path: ['endDate'],
};

/** What an administrator or office states about one enterprise on one list. */
export const creditEntryFieldsSchema = z
  .object({
    enterpriseName: z.string().trim().min(1).max(100),
    zone: zoneCodeSchema,
    reason: z.string().trim().min(1).max(500),
    /** The authority that listed the enterprise, e.g. 市场监管局, 海关, 商务局. */
    source: z.string().trim().min(1).max(50),
    startDate: isoDateSchema,
    endDate: isoDateSchema.optional(),
  })
  .strict();

export const creditEntryBodySchema = creditEntryFieldsSchema.refine(startNotAfterEnd, startNotAfterEndIssue);
export type CreditEntryBody = z.infer<typeof creditEntryBodySchema>;

export const creditEntrySchema = creditEntryFieldsSchema
  .extend({
    list: creditListSchema,
    uscc: usccSchema,
    addedBy: z.string().min(1),
    addedAt: z.string().min(1),
    /** The bulk import that wrote the entry; absent for an entry put one at a time. */
    importId: z.string().optional(),
    /** Who ended the entry (soft delete) and when. */
    endedBy: z.string().optional(),
    endedAt: z.string().optional(),
  })
  .strict()
  .refine(startNotAfterEnd, startNotAfterEndIssue);
export type CreditEntry = z.infer<typeof creditEntrySchema>;

export const creditStatusSchema = z.enum(['BLACKLISTED', 'ABNORMAL', 'WHITELISTED', 'NONE']);
export type CreditStatus = z.infer<typeof creditStatusSchema>;

export const creditStatusNames: Record<CreditStatus, LocalizedText> = {
  BLACKLISTED: { zh: '列入黑名单', en: 'Blacklisted' },
  ABNORMAL: { zh: '列入经营异常名录', en: 'On the abnormal-operation list' },
  WHITELISTED: { zh: '列入白名单', en: 'Whitelisted' },
  NONE: { zh: '未列入信用名单', en: 'On no credit list' },
};

/** Lists in order of precedence, each with the status it gives. */
const precedence: readonly [CreditList, CreditStatus][] = [
  ['BLACKLIST', 'BLACKLISTED'],
  ['ABNORMAL', 'ABNORMAL'],
  ['WHITELIST', 'WHITELISTED'],
];

type DatedEntry = Pick<CreditEntry, 'list' | 'uscc' | 'startDate'> & { endDate?: string | undefined };

export const isActiveOn = (entry: Pick<DatedEntry, 'startDate' | 'endDate'>, today: string): boolean =>
  entry.startDate <= today && (entry.endDate === undefined || today < entry.endDate);

export interface CreditStatusResult<E extends DatedEntry> {
  status: CreditStatus;
  /** The active entries of the deciding list (empty for NONE). */
  deciding: E[];
}

/**
 * The enterprise's effective credit status on `today` (YYYY-MM-DD): BLACKLISTED over ABNORMAL over
 * WHITELISTED over NONE, counting only entries of `uscc` active that day. Pure; eligibility calls it.
 */
export const creditStatusOf = <E extends DatedEntry>(
  entries: readonly E[],
  uscc: string,
  today: string,
): CreditStatusResult<E> => {
  const active = entries.filter((entry) => entry.uscc === uscc && isActiveOn(entry, today));
  for (const [list, status] of precedence) {
    const deciding = active.filter((entry) => entry.list === list);
    if (deciding.length > 0) return { status, deciding };
  }
  return { status: 'NONE', deciding: [] };
};
