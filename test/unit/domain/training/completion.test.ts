import { describe, expect, it } from 'vitest';
import {
  completionOf,
  nextToPromote,
  requiredDays,
  waitlistOrder,
  waitlistPosition,
} from '../../../../domain/training/completion.ts';

const session = {
  startsAt: '2026-06-01T09:00:00+08:00',
  endsAt: '2026-06-05T17:00:00+08:00',
  completionThresholdPercent: 80,
};

describe('completion', () => {
  it('needs the threshold share of the days, rounded up', () => {
    expect(requiredDays(5, 80)).toBe(4);
    expect(requiredDays(3, 80)).toBe(3);
    expect(requiredDays(10, 80)).toBe(8);
    expect(requiredDays(1, 1)).toBe(1);
  });

  it('counts each session day once and ignores other dates', () => {
    const four = ['2026-06-01', '2026-06-02', '2026-06-02', '2026-06-03', '2026-06-05', '2026-05-31'];
    expect(completionOf(session, four)).toEqual({
      sessionDays: 5,
      attendedDays: 4,
      requiredDays: 4,
      completed: true,
    });
    expect(completionOf(session, ['2026-06-01', '2026-06-02', '2026-06-03']).completed).toBe(false);
  });
});

describe('the waitlist', () => {
  const waiting = { c: 7, a: 3, b: 5 };

  it('is ordered by ticket, first in line first', () => {
    expect(waitlistOrder(waiting)).toEqual(['a', 'b', 'c']);
    expect(waitlistPosition(waiting, 'c')).toBe(3);
    expect(waitlistPosition(waiting, 'x')).toBeUndefined();
  });

  it('promotes the first in line only while a seat is free', () => {
    expect(nextToPromote({ capacity: 2, seated: { s: 't' }, waiting })).toBe('a');
    expect(nextToPromote({ capacity: 1, seated: { s: 't' }, waiting })).toBeUndefined();
    expect(nextToPromote({ capacity: 2, seated: {}, waiting: {} })).toBeUndefined();
  });
});
