import { z } from 'zod';
import type { LocalizedText } from '../shared/program.ts';
import { usccSchema } from '../shared/uscc.ts';

/**
 * Monthly cross-border e-commerce transaction figures (跨境电商交易额月报) that an enterprise reports, by
 * mode and direction. Amounts arrive in yuan with at most two decimals and are stored as whole fen
 * (integers), so sums over months, enterprises and districts are exact.
 */

export const transactionModes = ['B2B', 'B2C', 'B2B2C'] as const;
export const transactionModeSchema = z.enum(transactionModes);
export type TransactionMode = z.infer<typeof transactionModeSchema>;

export const tradeDirections = ['export', 'import'] as const;
export const tradeDirectionSchema = z.enum(tradeDirections);
export type TradeDirection = z.infer<typeof tradeDirectionSchema>;

/**
 * Retail import (跨境电商零售进口) reaches consumers: direct purchase (B2C, customs 9610) and bonded
 * network purchase (B2B2C, customs 1210). B2B import is wholesale, not retail.
 */
export const retailModes: readonly TransactionMode[] = ['B2C', 'B2B2C'];

/** The first month the platform accepts: the pilot zones' plans date from 2020. */
export const FIRST_REPORTING_MONTH = '2020-01';

/**
 * One enterprise's amount for one mode and direction in one month, in yuan: CNY 5 bn. Above the plausible
 * (the whole Wuhu zone aims at CNY 14 bn a year), and small enough that every sum stays an exact integer
 * number of fen in a JavaScript number.
 */
export const MAX_MONTHLY_AMOUNT_CNY = 5_000_000_000;

/** Corrections of one month are versions 1 … 999; more is a sign of a broken client, not of bookkeeping. */
export const MAX_FIGURE_VERSION = 999;

const hasAtMostTwoDecimals = (value: number): boolean => {
  const fen = value * 100;
  return Math.abs(fen - Math.round(fen)) < 1e-6;
};

export const cnyAmountSchema = z
  .number({ message: '金额须为数字 / The amount must be a number' })
  .finite()
  .nonnegative({ message: '金额不能为负数 / The amount cannot be negative' })
  .max(MAX_MONTHLY_AMOUNT_CNY, {
    message: `金额超过单月上限 ${MAX_MONTHLY_AMOUNT_CNY} 元 / The amount exceeds the monthly maximum of CNY ${MAX_MONTHLY_AMOUNT_CNY}`,
  })
  .refine(hasAtMostTwoDecimals, {
    message: '金额最多保留两位小数（分）/ The amount has at most two decimals (fen)',
  });

export const reportingMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式须为 YYYY-MM / The month must be YYYY-MM' })
  .refine((month) => month >= FIRST_REPORTING_MONTH, {
    message: `月份不能早于 ${FIRST_REPORTING_MONTH} / The month cannot be before ${FIRST_REPORTING_MONTH}`,
  });
export type ReportingMonth = z.infer<typeof reportingMonthSchema>;

/** `/statistics/figures/{uscc}/{month}`: one enterprise's one month. */
export const figuresPathSchema = z.object({ uscc: usccSchema, month: reportingMonthSchema }).strict();
export type FiguresPath = z.infer<typeof figuresPathSchema>;

const byDirection = <T extends z.ZodType>(amount: T) => z.object({ export: amount, import: amount }).strict();
const byMode = <T extends z.ZodType>(amount: T) =>
  z.object({ B2B: byDirection(amount), B2C: byDirection(amount), B2B2C: byDirection(amount) }).strict();

/** Yuan, as reported: every mode and direction is required (0 where there was none). */
export const amountsCnySchema = byMode(cnyAmountSchema);
export type AmountsCny = z.infer<typeof amountsCnySchema>;

/** Whole fen, as stored. */
export const amountsFenSchema = byMode(z.number().int().nonnegative());
export type AmountsFen = z.infer<typeof amountsFenSchema>;

/**
 * `PUT /statistics/figures/{uscc}/{month}`: without `version` the month's first report (refused when one
 * exists); with it, a correction of exactly that version (a stale one is a 409), stored as the next version.
 */
export const putFiguresBodySchema = z
  .object({
    version: z.number().int().positive().max(MAX_FIGURE_VERSION).optional(),
    amountsCny: amountsCnySchema,
  })
  .strict();
export type PutFiguresBody = z.infer<typeof putFiguresBodySchema>;

/** One stored version of one enterprise's month; versions are never changed, the newest counts. */
export const figureVersionSchema = z.object({
  uscc: z.string(),
  month: reportingMonthSchema,
  version: z.number().int().positive(),
  /** The enterprise's zone and district in the registry when this version was submitted. */
  zone: z.string(),
  district: z.string(),
  amountsFen: amountsFenSchema,
  submittedBy: z.string(),
  submittedAt: z.string(),
});
export type FigureVersion = z.infer<typeof figureVersionSchema>;

/** A version as the API shows it: yuan beside the stored fen. */
export const figureViewSchema = figureVersionSchema.extend({
  amountsCny: amountsCnySchema,
  totalCny: z.number(),
});
export type FigureView = z.infer<typeof figureViewSchema>;

export const toFen = (yuan: number): number => Math.round(yuan * 100);
export const fenToCny = (fen: number): number => fen / 100;

const mapAmounts = <A, B>(amounts: Record<TransactionMode, Record<TradeDirection, A>>, map: (a: A) => B) =>
  Object.fromEntries(
    transactionModes.map((mode) => [
      mode,
      Object.fromEntries(tradeDirections.map((direction) => [direction, map(amounts[mode][direction])])),
    ]),
  ) as Record<TransactionMode, Record<TradeDirection, B>>;

export const amountsToFen = (amounts: AmountsCny): AmountsFen => mapAmounts(amounts, toFen);
export const amountsToCny = (amounts: AmountsFen): AmountsCny => mapAmounts(amounts, fenToCny);

export const totalFen = (amounts: AmountsFen): number =>
  transactionModes.reduce(
    (sum, mode) => sum + tradeDirections.reduce((inner, direction) => inner + amounts[mode][direction], 0),
    0,
  );

export const zeroAmounts = (): AmountsFen => ({
  B2B: { export: 0, import: 0 },
  B2C: { export: 0, import: 0 },
  B2B2C: { export: 0, import: 0 },
});

export const yearOfMonth = (month: string): number => Number(month.slice(0, 4));

/** The month (YYYY-MM) a China date (YYYY-MM-DD) falls in. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** A month still to come cannot be reported; the current month may be (figures so far). */
export const reportingMonthProblem = (month: string, today: string): LocalizedText | undefined =>
  month > monthOf(today)
    ? {
        zh: `不能填报未来月份（${month}）`,
        en: `The month ${month} is in the future`,
      }
    : undefined;
