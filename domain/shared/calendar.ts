import { z } from 'zod';
import { type Festival, type HolidayBreak, holidayYears } from './holidays.ts';

/**
 * Mainland China working-day calendar. Dates are China calendar dates (Asia/Shanghai, UTC+8 all year,
 * no DST) written as ISO 'YYYY-MM-DD'; instants are Dates.
 */

export const isoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof isoDateSchema>;

const chinaOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** Days to look ahead before concluding the calendar data is broken; the longest break is 9 days. */
const maxConsecutiveDaysOff = 31;

export interface DayOff {
  readonly festival: Festival;
  readonly nameZh: string;
  readonly nameEn: string;
}

const daysOff = new Map<string, DayOff>();
const makeUpWorkingDays = new Set<string>();

export const coveredYears: readonly number[] = holidayYears.map((entry) => entry.year);
const provisionalYears = new Set(
  holidayYears.filter((entry) => entry.provisional).map((entry) => entry.year),
);

const firstCoveredYear = Math.min(...coveredYears);
const lastCoveredYear = Math.max(...coveredYears);

/** Day number since the epoch of a date string, with UTC arithmetic standing in for calendar arithmetic. */
const toDayNumber = (date: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new RangeError(`expected an ISO date YYYY-MM-DD: ${JSON.stringify(date)}`);
  }
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return ms / dayMs;
};

const fromDayNumber = (dayNumber: number): string => new Date(dayNumber * dayMs).toISOString().slice(0, 10);

const yearOf = (date: string): number => Number(date.slice(0, 4));

const assertCovered = (date: string): void => {
  const year = yearOf(date);
  if (year < firstCoveredYear || year > lastCoveredYear) {
    throw new RangeError(
      `the working-day calendar covers ${firstCoveredYear}–${lastCoveredYear}; ${date} is outside it`,
    );
  }
};

const recordBreak = (year: number, holidayBreak: HolidayBreak): void => {
  const { festival, nameZh, nameEn, offDays } = holidayBreak;
  for (let day = toDayNumber(offDays.from); day <= toDayNumber(offDays.to); day += 1) {
    const date = fromDayNumber(day);
    // A New Year break may start in December of the previous year, which that year's notice governs.
    if (yearOf(date) === year) daysOff.set(date, { festival, nameZh, nameEn });
  }
  for (const date of holidayBreak.makeUpWorkingDays) makeUpWorkingDays.add(date);
};

for (const entry of holidayYears) {
  for (const holidayBreak of entry.breaks) recordBreak(entry.year, holidayBreak);
}

export const isProvisionalYear = (year: number): boolean => provisionalYears.has(year);

export const isWorkingDay = (date: string): boolean => {
  const dayNumber = toDayNumber(date);
  assertCovered(date);
  if (makeUpWorkingDays.has(date)) return true;
  if (daysOff.has(date)) return false;
  const weekday = new Date(dayNumber * dayMs).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** The holiday a date falls in, for display; undefined on ordinary days and weekends. */
export const holidayOn = (date: string): DayOff | undefined => {
  toDayNumber(date);
  assertCovered(date);
  return daysOff.get(date);
};

export const chinaDate = (instant: Date): string => {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return new Date(ms + chinaOffsetMs).toISOString().slice(0, 10);
};

/** The date `n` calendar days after `date` (before it when `n` is negative). */
export const addCalendarDays = (date: string, n: number): string => fromDayNumber(toDayNumber(date) + n);

/** Calendar days from `from` to `to`: 0 for the same date, negative when `to` is earlier. */
export const calendarDaysBetween = (from: string, to: string): number => toDayNumber(to) - toDayNumber(from);

/** 23:59:59.999 China time on the given date. */
export const endOfChinaDay = (date: string): Date =>
  new Date((toDayNumber(date) + 1) * dayMs - chinaOffsetMs - 1);

/** 00:00 China time on the given date. */
export const startOfChinaDay = (date: string): Date => new Date(toDayNumber(date) * dayMs - chinaOffsetMs);

export const nextWorkingDay = (date: string): string => {
  const start = toDayNumber(date);
  for (let day = start + 1; day <= start + maxConsecutiveDaysOff; day += 1) {
    const candidate = fromDayNumber(day);
    if (isWorkingDay(candidate)) return candidate;
  }
  throw new Error(`no working day within ${maxConsecutiveDaysOff} days after ${date}; holiday data is wrong`);
};

const assertPositiveInteger = (n: number, name: string): void => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be an integer ≥ 1, got ${n}`);
};

/** The n-th working day after `date`; `date` itself never counts. */
export const addWorkingDays = (date: string, n: number): string => {
  assertPositiveInteger(n, 'n');
  let current = date;
  for (let counted = 0; counted < n; counted += 1) current = nextWorkingDay(current);
  return current;
};

/** Working days in (from, to]; negative when `to` is before `from`, so that the count is antisymmetric. */
export const workingDaysBetween = (from: string, to: string): number => {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  if (end < start) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) {
    if (isWorkingDay(fromDayNumber(day))) count += 1;
  }
  return count;
};

/** End (23:59:59.999 China time) of the n-th working day after the China date of `start`. */
export const deadlineAfterWorkingDays = (start: Date, n: number): Date =>
  endOfChinaDay(addWorkingDays(chinaDate(start), n));

export interface NoticeWindow {
  readonly firstDay: string;
  readonly lastDay: string;
  readonly endsAt: Date;
}

/**
 * A public notice (公示) of `days` working days. It opens on the next working day after `start`, so a
 * notice published on a Friday evening or before a holiday does not lose days.
 */
export const noticeWindow = (start: Date, days: number): NoticeWindow => {
  assertPositiveInteger(days, 'days');
  const firstDay = nextWorkingDay(chinaDate(start));
  const lastDay = days === 1 ? firstDay : addWorkingDays(firstDay, days - 1);
  return { firstDay, lastDay, endsAt: endOfChinaDay(lastDay) };
};
