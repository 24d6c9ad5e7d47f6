// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RosterLine } from '../../../../domain/training/registration.ts';
import type { TrainingSessionView } from '../../../../domain/training/session.ts';
import { chinaTimeInDays, sampleTrainingSession } from '../../../../local/training-demo.ts';
import { AttendanceCard } from '../../../../web/src/features/admin/components/AttendanceCard.tsx';
import { renderInConsole } from './render.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A session that began yesterday and lasts three days: yesterday and today can be recorded, tomorrow not. */
const runningSession = (): TrainingSessionView => ({
  ...sampleTrainingSession({ startInDays: -1, lastingDays: 3 }),
  code: 'WH-2026-PX09',
  updatedAt: chinaTimeInDays(-5, 9),
  updatedBy: 'demo-office.wuhu',
  version: 1,
  seats: { capacity: 30, seated: 2, waiting: 1, available: 28 },
});

const line = (registrationId: string, name: string, overrides: Partial<RosterLine> = {}): RosterLine =>
  ({
    registrationId,
    name,
    idNumberMasked: `**************${registrationId.slice(-4)}`,
    seat: 'SEATED',
    status: 'IN_REVIEW',
    daysPresent: [],
    ...overrides,
  }) as RosterLine;

describe('AttendanceCard', () => {
  it("offers the days that have come, starts from what was recorded, and saves the day's list", async () => {
    const session = runningSession();
    const [yesterday, today, tomorrow] = [-1, 0, 1].map((days) => chinaTimeInDays(days, 9).slice(0, 10));
    const lines = [
      line('reg-00001111', '王一', { daysPresent: [yesterday as string, today as string] }),
      line('reg-00002222', '李二'),
      line('reg-00003333', '张三', { seat: 'WAITLISTED' }),
    ];
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ attendance: {} }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    renderInConsole(<AttendanceCard session={session} lines={lines} />);

    // Today is chosen; 王一 was recorded present; the waitlisted trainee is not on the list.
    expect(screen.getByText(today as string)).toBeDefined();
    expect(screen.queryByText(tomorrow as string)).toBeNull();
    expect((screen.getByLabelText('王一（1111）') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('李二（2222）') as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByLabelText(/张三/)).toBeNull();
    screen.getByText('1 / 2 人出勤');

    fireEvent.click(screen.getByLabelText('李二（2222）'));
    fireEvent.click(screen.getByRole('button', { name: '保存当日出勤' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/training/sessions/WH-2026-PX09/attendance/${today}`);
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual({ present: ['reg-00001111', 'reg-00002222'] });
  });

  it('says when attendance cannot be recorded yet', () => {
    const session = { ...runningSession(), ...sampleTrainingSession({ startInDays: 3 }) };
    renderInConsole(<AttendanceCard session={session as TrainingSessionView} lines={[]} />);
    screen.getByText('培训尚未开始，开班当天起可登记出勤');
  });
});
