import { describe, expect, it } from 'vitest';
import { addPeriod, nextSupervisionStep, supervisionRag } from '../../../../domain/supervision/schedule.ts';

describe('supervision reporting schedule', () => {
  it('adds a week, a month (clamped to the month end) or a quarter', () => {
    expect(addPeriod('2026-12-28', 'WEEKLY')).toBe('2027-01-04');
    expect(addPeriod('2027-01-31', 'MONTHLY')).toBe('2027-02-28');
    expect(addPeriod('2028-01-31', 'MONTHLY')).toBe('2028-02-29');
    expect(addPeriod('2026-11-30', 'QUARTERLY')).toBe('2027-02-28');
  });

  it('asks for a report until the completion lead of the due date, then for completion', () => {
    expect(nextSupervisionStep('2026-12-18', '2027-01-15')).toEqual({ step: 'REPORT', on: '2026-12-18' });
    expect(nextSupervisionStep('2027-01-01', '2027-01-15')).toEqual({ step: 'COMPLETION', on: '2027-01-01' });
  });
});

describe('red / yellow / green', () => {
  const dueDate = '2027-03-31';
  it('is green with nothing overdue, yellow with a step overdue, red after three working days or past the due date', () => {
    expect(supervisionRag({ today: '2026-12-01', dueDate, openSteps: [{ dueOn: '2026-12-01' }] })).toBe(
      'GREEN',
    );
    expect(supervisionRag({ today: '2026-12-02', dueDate, openSteps: [{ dueOn: '2026-12-01' }] })).toBe(
      'YELLOW',
    );
    // Tuesday 1 Dec → Friday 4 Dec is three working days: still yellow; Monday 7 Dec is four: red.
    expect(supervisionRag({ today: '2026-12-04', dueDate, openSteps: [{ dueOn: '2026-12-01' }] })).toBe(
      'YELLOW',
    );
    expect(supervisionRag({ today: '2026-12-07', dueDate, openSteps: [{ dueOn: '2026-12-01' }] })).toBe(
      'RED',
    );
    expect(supervisionRag({ today: '2027-04-01', dueDate, openSteps: [] })).toBe('RED');
  });

  it('counts working days across the Spring Festival holiday', () => {
    // Due on the Friday before the 2027 Spring Festival break: the holiday does not turn it red.
    expect(supervisionRag({ today: '2027-02-10', dueDate, openSteps: [{ dueOn: '2027-02-05' }] })).toBe(
      'YELLOW',
    );
  });
});
