import { describe, expect, it } from 'vitest';
import {
  attendanceClosesAt,
  changedScheduleFields,
  confirmationDeadline,
  putTrainingSessionBodySchema,
  secondsUntil,
  sessionDays,
  zoneOfSessionCode,
} from '../../../../domain/training/session.ts';
import { sampleTrainingSession } from '../../../../local/training-demo.ts';

const fixed = {
  ...sampleTrainingSession(),
  startsAt: '2026-06-03T09:00:00+08:00',
  endsAt: '2026-06-05T17:00:00+08:00',
  registrationDeadline: '2026-06-01',
};

describe('training sessions', () => {
  it('runs on every calendar day from the first to the last, in China time', () => {
    expect(sessionDays(fixed)).toEqual(['2026-06-03', '2026-06-04', '2026-06-05']);
    // 01:00 China time is the previous day in UTC; the China date counts.
    expect(sessionDays({ startsAt: '2026-06-02T17:00:00Z', endsAt: '2026-06-03T09:00:00Z' })).toEqual([
      '2026-06-03',
    ]);
  });

  it('refuses an end before the start, a deadline after the first day, repeated audiences', () => {
    expect(putTrainingSessionBodySchema.safeParse(fixed).success).toBe(true);
    const paths = (body: unknown) =>
      putTrainingSessionBodySchema.safeParse(body).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ ...fixed, endsAt: '2026-06-03T08:00:00+08:00' })).toEqual(['endsAt']);
    expect(paths({ ...fixed, registrationDeadline: '2026-06-04' })).toEqual(['registrationDeadline']);
    expect(paths({ ...fixed, audiences: ['INDIVIDUALS', 'INDIVIDUALS'] })).toEqual(['audiences']);
    expect(paths({ ...fixed, venue: { mode: 'ONLINE', url: 'http://example.com' } })).toEqual(['venue.url']);
    expect(paths({ ...fixed, endsAt: '2026-09-03T08:00:00+08:00' })).toEqual(['endsAt']);
  });

  it('names its zone by the code prefix', () => {
    expect(zoneOfSessionCode('WH-2026-PX01')).toBe('wuhu');
    expect(zoneOfSessionCode('AQ-2026-PX01')).toBe('anqing');
    expect(zoneOfSessionCode('XX-2026-PX01')).toBeUndefined();
  });

  it('closes attendance at the end of the first working day after the last day', () => {
    // Friday 5 June 2026 → Monday 8 June, 23:59:59.999 China time.
    expect(attendanceClosesAt(fixed).toISOString()).toBe('2026-06-08T15:59:59.999Z');
  });

  it('gives the employer three working days, but never beyond the start', () => {
    const monday = new Date('2026-06-01T02:00:00Z');
    expect(confirmationDeadline(monday, 3, fixed).toISOString()).toBe('2026-06-03T01:00:00.000Z');
    const farStart = { startsAt: '2026-07-01T09:00:00+08:00' };
    expect(confirmationDeadline(monday, 3, farStart).toISOString()).toBe('2026-06-04T15:59:59.999Z');
    expect(secondsUntil(monday, new Date(monday.getTime() - 5_000))).toBe(1);
    expect(secondsUntil(monday, new Date(monday.getTime() + 1_500))).toBe(2);
  });

  it('lists the schedule fields an update changes', () => {
    expect(changedScheduleFields(fixed, { ...fixed, capacity: 99 } as typeof fixed)).toEqual([]);
    expect(changedScheduleFields(fixed, { ...fixed, startsAt: '2026-06-04T09:00:00+08:00' })).toEqual([
      'startsAt',
    ]);
  });
});
