import { residentIdCheckCharacter } from '../domain/training/resident-id.ts';
import type { PutTrainingSessionBody } from '../domain/training/session.ts';
import { ApiClient } from './api-client.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A valid resident ID number (Wuhu Jinghu address code, born 1990-01-01 plus `serial` days). */
export const sampleResidentId = (serial: number): string => {
  const born = new Date(Date.UTC(1990, 0, 1) + (Math.floor(serial / 900) % 10_000) * DAY_MS);
  const birth = born.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `340202${birth}${String((serial % 900) + 100).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
};

/** An ISO instant in China time, `days` from now at the given hour. */
export const chinaTimeInDays = (days: number, hour: number, from = Date.now()): string => {
  const date = new Date(from + days * DAY_MS + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;
};

/** A Wuhu basic session for enterprise staff and individuals, starting `startInDays` from now at 09:00. */
export const sampleTrainingSession = (
  overrides: Partial<PutTrainingSessionBody> & { startInDays?: number; lastingDays?: number } = {},
): PutTrainingSessionBody => {
  const { startInDays = 30, lastingDays = 3, ...fields } = overrides;
  const startsAt = chinaTimeInDays(startInDays, 9);
  return {
    title: { zh: '跨境电商运营基础班', en: 'Cross-border e-commerce operations, basic' },
    zone: 'wuhu',
    level: 'BASIC',
    audiences: ['ENTERPRISE_STAFF', 'INDIVIDUALS'],
    provider: { name: '芜湖跨境电商人才培训基地' },
    capacity: 30,
    startsAt,
    endsAt: chinaTimeInDays(startInDays + lastingDays - 1, 17),
    venue: { mode: 'ONSITE', address: '芜湖市鸠江区跨境电商产业园培训中心 3 楼' },
    registrationDeadline: startsAt.slice(0, 10),
    employerConfirmationRequired: false,
    completionThresholdPercent: 80,
    ...fields,
  };
};

/** A registration form as a trainee sends it (with the full ID number, which the platform masks). */
export const sampleRegistration = (
  sessionCode: string,
  serial: number,
  overrides: Record<string, unknown> = {},
) => ({
  sessionCode,
  name: `学员${serial}`,
  idNumber: sampleResidentId(serial),
  phone: `139${String(serial).padStart(8, '0')}`,
  category: 'INDIVIDUALS',
  ...overrides,
});

/** Two Wuhu sessions (one basic on site, one intermediate online with employer confirmation) and one registration of `trainee.wuhu`. */
export const seedTrainingDemo = async (apiUrl: string): Promise<void> => {
  const office = await ApiClient.login(apiUrl, 'office.wuhu');
  const basic = sampleTrainingSession({ startInDays: 30 });
  const year = basic.startsAt.slice(0, 4);
  const sessions: [string, PutTrainingSessionBody][] = [
    [`WH-${year}-PX01`, basic],
    [
      `WH-${year}-PX02`,
      sampleTrainingSession({
        startInDays: 45,
        lastingDays: 5,
        title: {
          zh: '跨境电商独立站运营中级班（线上）',
          en: 'Independent online stores, intermediate (online)',
        },
        level: 'INTERMEDIATE',
        audiences: ['ENTERPRISE_STAFF'],
        capacity: 40,
        venue: { mode: 'ONLINE', url: 'https://training.example.cn/wh-px02', platform: '腾讯会议' },
        employerConfirmationRequired: true,
      }),
    ],
  ];
  for (const [code, body] of sessions) {
    const { status, body: reply } = await office.put(`/training/sessions/${code}`, body);
    if (status !== 201)
      throw new Error(`Seeding session ${code} failed with ${status}: ${JSON.stringify(reply)}`);
  }
  const trainee = await ApiClient.login(apiUrl, 'trainee.wuhu');
  const { status, body } = await trainee.post('/applications', {
    program: 'TRAINING',
    form: { ...sampleRegistration(`WH-${year}-PX01`, 1), name: '张学员' },
  });
  if (status !== 201)
    throw new Error(`Seeding a training registration failed with ${status}: ${JSON.stringify(body)}`);
};
