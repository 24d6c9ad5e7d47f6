import type { TrainingSession } from './session.ts';
import { sessionDays } from './session.ts';

/** Completion (结业) of a session: attendance on at least the threshold share of its days. */
export interface Completion {
  sessionDays: number;
  attendedDays: number;
  requiredDays: number;
  completed: boolean;
}

/** Days needed for a share of a session: 80 % of 3 days is 3 (2.4 rounded up), of 5 days 4. */
export const requiredDays = (days: number, thresholdPercent: number): number =>
  Math.ceil((days * thresholdPercent) / 100 - 1e-9);

/** Counts only the session's own days, each once, whatever the records hold. */
export const completionOf = (
  session: Pick<TrainingSession, 'startsAt' | 'endsAt' | 'completionThresholdPercent'>,
  daysPresent: readonly string[],
): Completion => {
  const days = sessionDays(session);
  const attended = new Set(daysPresent.filter((day) => days.includes(day))).size;
  const required = requiredDays(days.length, session.completionThresholdPercent);
  return {
    sessionDays: days.length,
    attendedDays: attended,
    requiredDays: required,
    completed: attended >= required,
  };
};

/**
 * Seats and waitlist, as the session item holds them: `seated` maps a registration to when it took its
 * seat, `waiting` maps it to its ticket (tickets are handed out in order, so the lowest waits longest).
 */
export interface SeatBook {
  capacity: number;
  seated: Readonly<Record<string, string>>;
  waiting: Readonly<Record<string, number>>;
}

/** The waitlist, first in line first. */
export const waitlistOrder = (waiting: Readonly<Record<string, number>>): string[] =>
  Object.entries(waiting)
    .sort(([, a], [, b]) => a - b)
    .map(([registrationId]) => registrationId);

/** 1 for the next to be promoted; undefined when not waiting. */
export const waitlistPosition = (
  waiting: Readonly<Record<string, number>>,
  registrationId: string,
): number | undefined => {
  const ticket = waiting[registrationId];
  if (ticket === undefined) return undefined;
  return Object.values(waiting).filter((other) => other < ticket).length + 1;
};

/** Who a free seat goes to: the first in line while seats are free, never beyond the capacity. */
export const nextToPromote = (book: SeatBook): string | undefined =>
  Object.keys(book.seated).length < book.capacity ? waitlistOrder(book.waiting)[0] : undefined;
