import { z } from 'zod';
import { attachedFileFields } from '../shared/attachment.ts';
import { isMarketCode } from './markets.ts';

export const brandTypeSchema = z.enum(['TRADEMARK', 'PATENT', 'CERTIFICATION']);
export type BrandType = z.infer<typeof brandTypeSchema>;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** Money in CNY: non-negative, at most two decimals. */
export const cnyAmountSchema = z
  .number()
  .nonnegative()
  .max(100_000_000)
  .refine(
    (value) =>
      Number.isInteger(Math.round(value * 100)) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
    {
      message: '金额最多两位小数 / At most two decimals',
    },
  );

export const brandMarketSchema = z
  .object({
    market: z.string().refine(isMarketCode, {
      message: '须为 ISO 3166-1 二位国家（地区）代码 / Must be an ISO 3166-1 alpha-2 code',
    }),
    filingNumber: text(1, 64),
    filingDate: z.iso.date(),
    registrationNumber: text(1, 64).optional(),
    registrationDate: z.iso.date().optional(),
    feesPaidCny: cnyAmountSchema.refine((value) => value > 0, { message: '须大于 0 / Must be positive' }),
  })
  .strict();
export type BrandMarket = z.infer<typeof brandMarketSchema>;

export const evidenceSchema = z.object({ code: text(1, 64), ...attachedFileFields }).strict();

export const brandFormSchema = z
  .object({
    type: brandTypeSchema,
    /** The trademark, the patent's title or the certification's name. */
    mark: text(1, 200),
    markets: z.array(brandMarketSchema).min(1).max(20),
    evidence: z.array(evidenceSchema).min(1).max(50),
  })
  .strict()
  .superRefine((form, context) => {
    const seen = new Set<string>();
    form.markets.forEach((line, index) => {
      if (seen.has(line.market)) {
        context.addIssue({
          code: 'custom',
          path: ['markets', index, 'market'],
          message: `同一申请中目标市场 ${line.market} 重复 / Market ${line.market} appears twice in this application`,
        });
      }
      seen.add(line.market);
      if (line.registrationDate !== undefined && line.registrationDate < line.filingDate) {
        context.addIssue({
          code: 'custom',
          path: ['markets', index, 'registrationDate'],
          message: '注册日期不得早于申请日期 / Registration cannot precede filing',
        });
      }
    });
  });
export type BrandForm = z.infer<typeof brandFormSchema>;

/** The mark as compared for duplicates: Unicode-normalized, case- and spacing-insensitive. */
export const normalizeMark = (mark: string): string =>
  mark.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** One supported (mark, market, type): each is supported once. */
export const brandKey = (type: BrandType, mark: string, market: string): string =>
  `${type}#${market}#${normalizeMark(mark)}`;
