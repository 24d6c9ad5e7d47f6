import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  chinaDate,
  coveredYears,
  deadlineAfterWorkingDays,
  holidayOn,
  isProvisionalYear,
  isWorkingDay,
  nextWorkingDay,
  noticeWindow,
  workingDaysBetween,
} from '../../../../domain/shared/calendar.ts';
import { holidayYears } from '../../../../domain/shared/holidays.ts';

const datesFrom = (from: string, to: string): string[] => {
  const dates: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
};

const expectOff = (from: string, to: string) => {
  for (const date of datesFrom(from, to)) expect(isWorkingDay(date), date).toBe(false);
};

const expectWorking = (...dates: string[]) => {
  for (const date of dates) expect(isWorkingDay(date), date).toBe(true);
};

describe('working-day calendar: official arrangements', () => {
  it('New Year 2024 and 2025', () => {
    expectOff('2024-01-01', '2024-01-01');
    expectWorking('2024-01-02');
    expectOff('2025-01-01', '2025-01-01');
    expectWorking('2024-12-31', '2025-01-02', '2025-01-03');
  });

  it('Spring Festival 2024: 10–17 Feb off, Sun 4 Feb and Sun 18 Feb working, 除夕 9 Feb a working day', () => {
    expectOff('2024-02-10', '2024-02-17');
    expectWorking('2024-02-04', '2024-02-18', '2024-02-09', '2024-02-19');
  });

  it('Spring Festival 2025: 28 Jan–4 Feb off, Sun 26 Jan and Sat 8 Feb working', () => {
    expectOff('2025-01-28', '2025-02-04');
    expectWorking('2025-01-26', '2025-01-27', '2025-02-05', '2025-02-08');
    expect(isWorkingDay('2025-02-09')).toBe(false);
    expect(holidayOn('2025-01-29')?.nameZh).toBe('春节');
  });

  it('Labour Day 2024: 1–5 May off, Sun 28 Apr and Sat 11 May working', () => {
    expectOff('2024-05-01', '2024-05-05');
    expectWorking('2024-04-28', '2024-05-11', '2024-05-06');
  });

  it('Labour Day 2025: 1–5 May off, Sun 27 Apr working', () => {
    expectOff('2025-05-01', '2025-05-05');
    expectWorking('2025-04-27', '2025-04-30', '2025-05-06');
    expect(isWorkingDay('2025-05-10')).toBe(false);
  });

  it('National Day and Mid-Autumn 2025: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct working', () => {
    expectOff('2025-10-01', '2025-10-08');
    expectWorking('2025-09-28', '2025-09-30', '2025-10-09', '2025-10-11');
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('New Year 2026: 1–3 Jan off, Sun 4 Jan working', () => {
    expectOff('2026-01-01', '2026-01-03');
    expectWorking('2026-01-04', '2026-01-05');
  });

  it('Spring Festival 2026: 15–23 Feb off, Sat 14 Feb and Sat 28 Feb working', () => {
    expectOff('2026-02-15', '2026-02-23');
    expectWorking('2026-02-13', '2026-02-14', '2026-02-24', '2026-02-28');
  });

  it('National Day 2026: 1–7 Oct off, Sun 20 Sep and Sat 10 Oct working; Mid-Autumn 25–27 Sep', () => {
    expectOff('2026-10-01', '2026-10-07');
    expectOff('2026-09-25', '2026-09-27');
    expectWorking('2026-09-20', '2026-09-30', '2026-10-08', '2026-10-10');
  });

  it('treats ordinary weekends as days off and ordinary weekdays as working days', () => {
    expect(isWorkingDay('2025-03-15')).toBe(false);
    expect(isWorkingDay('2025-03-16')).toBe(false);
    expect(isWorkingDay('2025-03-17')).toBe(true);
  });
});

describe('working-day calendar: coverage', () => {
  it('covers 2024–2027 and marks 2027 provisional until its notice is transcribed', () => {
    expect(coveredYears).toEqual([2024, 2025, 2026, 2027]);
    expect(isProvisionalYear(2027)).toBe(true);
    expect(isProvisionalYear(2026)).toBe(false);
    expect(isProvisionalYear(2023)).toBe(false);
  });

  it('has the 2027 statutory days without invented make-up days', () => {
    expectOff('2027-02-05', '2027-02-08');
    expectWorking('2027-02-09', '2027-04-06', '2027-06-08', '2027-06-10', '2027-09-16');
    expect(isWorkingDay('2027-04-05')).toBe(false);
    expect(isWorkingDay('2027-06-09')).toBe(false);
    expect(isWorkingDay('2027-09-15')).toBe(false);
    expect(isWorkingDay('2027-01-01')).toBe(false);
    const year2027 = holidayYears.find((entry) => entry.year === 2027);
    expect(year2027?.breaks.flatMap((holidayBreak) => holidayBreak.makeUpWorkingDays)).toEqual([]);
  });

  it('throws RangeError outside the covered years and for malformed dates', () => {
    expect(() => isWorkingDay('2023-12-29')).toThrow(RangeError);
    expect(() => isWorkingDay('2028-01-03')).toThrow(RangeError);
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2025-2-3')).toThrow(RangeError);
    expect(() => nextWorkingDay('2027-12-31')).toThrow(RangeError);
  });

  it('keeps the data consistent: make-up days are weekends outside every break', () => {
    for (const entry of holidayYears) {
      for (const holidayBreak of entry.breaks) {
        expect(holidayBreak.offDays.from <= holidayBreak.offDays.to).toBe(true);
        for (const date of holidayBreak.makeUpWorkingDays) {
          expect(date.startsWith(String(entry.year)), date).toBe(true);
          expect([0, 6], date).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
          expect(holidayOn(date), date).toBeUndefined();
        }
      }
    }
  });
});

describe('working-day arithmetic', () => {
  it('converts instants to China dates at UTC+8', () => {
    expect(chinaDate(new Date('2025-01-27T15:59:59.999Z'))).toBe('2025-01-27');
    expect(chinaDate(new Date('2025-01-27T16:00:00.000Z'))).toBe('2025-01-28');
    expect(() => chinaDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('finds the next working day across weekends, holidays and make-up days', () => {
    expect(nextWorkingDay('2025-03-14')).toBe('2025-03-17');
    expect(nextWorkingDay('2025-01-24')).toBe('2025-01-26');
    expect(nextWorkingDay('2025-01-27')).toBe('2025-02-05');
    expect(nextWorkingDay('2025-12-31')).toBe('2026-01-04');
  });

  it('adds working days across Spring Festival 2025', () => {
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(addWorkingDays('2025-01-24', 6)).toBe('2025-02-08');
    expect(addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
    expect(() => addWorkingDays('2025-01-24', 0)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-24', 1.5)).toThrow(RangeError);
  });

  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
    expect(workingDaysBetween('2025-01-24', '2025-01-24')).toBe(0);
    expect(workingDaysBetween('2025-02-10', '2025-01-24')).toBe(-7);
    expect(workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
  });

  it('sets deadlines at the end of the China day', () => {
    // 10:00 China time on Monday 27 Jan 2025, the last working day before the Spring Festival break.
    const start = new Date('2025-01-27T02:00:00Z');
    expect(deadlineAfterWorkingDays(start, 1).toISOString()).toBe('2025-02-05T15:59:59.999Z');
    // 00:30 China time on Tuesday 28 Jan is already in the break, though it is still the 27th in UTC.
    expect(deadlineAfterWorkingDays(new Date('2025-01-27T16:30:00Z'), 1).toISOString()).toBe(
      '2025-02-05T15:59:59.999Z',
    );
  });

  it('opens a notice window on a make-up working day and carries it over the National Day break', () => {
    // Published Friday 26 Sep 2025 at 18:00 China time; Sunday 28 Sep is a make-up working day.
    const window = noticeWindow(new Date('2025-09-26T10:00:00Z'), 5);
    expect(window.firstDay).toBe('2025-09-28');
    expect(window.lastDay).toBe('2025-10-10');
    expect(window.endsAt.toISOString()).toBe('2025-10-10T15:59:59.999Z');
    expect(workingDaysBetween('2025-09-27', window.lastDay)).toBe(5);
  });

  it('makes a one-day notice window a single working day', () => {
    const window = noticeWindow(new Date('2026-02-13T01:00:00Z'), 1);
    expect(window).toMatchObject({ firstDay: '2026-02-14', lastDay: '2026-02-14' });
    expect(() => noticeWindow(new Date('2026-02-13T01:00:00Z'), 0)).toThrow(RangeError);
  });

  const coveredDate = fc
    .date({
      min: new Date('2024-01-01T00:00:00Z'),
      max: new Date('2027-10-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));

  it('property: addWorkingDays lands on a working day exactly n working days later', () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const result = addWorkingDays(date, n);
        expect(isWorkingDay(result)).toBe(true);
        expect(workingDaysBetween(date, result)).toBe(n);
        expect(result > date).toBe(true);
      }),
    );
  });
});
