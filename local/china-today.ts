import { chinaDate } from '../domain/shared/calendar.ts';
import { now } from '../functions/shared/clock.ts';

/**
 * Today in China (Asia/Shanghai) by the platform's clock — `PLATFORM_CLOCK_OFFSET_MS` shifts it as it
 * shifts the handlers — for the demo data, tests and benchmarks that must hold on any day: policies of
 * the current year, open now; dates a given number of days in the past or the future.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The China date (YYYY-MM-DD) `offsetDays` from today: 0 today, -1 yesterday, 1 tomorrow. */
export const chinaDay = (offsetDays = 0): string =>
  chinaDate(new Date(now().getTime() + offsetDays * DAY_MS));

/** The current year in China. */
export const chinaYear = (): number => Number(chinaDay().slice(0, 4));
