import { describe, expect, it } from 'vitest';
import { getZone, zones } from '../../../../domain/shared/zones.ts';
import { counterNames } from '../../../../domain/statistics/counters.ts';
import {
  isTargetMet,
  scopeFigures,
  targetMeasures,
  targetProgress,
  zoneDashboard,
} from '../../../../domain/statistics/targets.ts';

describe('zone targets and the dashboard', () => {
  it('measures every configured target from platform data', () => {
    for (const zone of zones) {
      for (const target of zone.targets) expect(targetMeasures[target.code], target.code).toBeDefined();
    }
  });

  it('holds the plans’ targets: Wuhu 300 enterprises, 3 parks, 5 leading enterprises, over CNY 14 bn; Anqing 500, CNY 14 bn, CNY 1 bn retail import', () => {
    const values = (code: 'wuhu' | 'anqing') =>
      Object.fromEntries(getZone(code).targets.map((target) => [target.code, target.value]));
    expect(values('wuhu')).toEqual({
      enterprises: 300,
      parks: 3,
      leading_enterprises: 5,
      transaction_value: 14_000_000_000,
    });
    expect(values('anqing')).toEqual({
      enterprises: 500,
      transaction_value: 14_000_000_000,
      retail_import_value: 1_000_000_000,
    });
  });

  it('compares 以上/达到 inclusively and 超过 strictly', () => {
    expect(isTargetMet({ value: 3, comparison: 'at_least' }, 3)).toBe(true);
    expect(isTargetMet({ value: 14, comparison: 'more_than' }, 14)).toBe(false);
    expect(isTargetMet({ value: 14, comparison: 'more_than' }, 14.01)).toBe(true);
  });

  it('computes each target’s current value from the zone’s counters for the target’s year', () => {
    const counters = {
      [counterNames.registeredEnterprises]: 12,
      [counterNames.certifiedOrganizations('PARK_CERT', 'MUNICIPAL')]: 3,
      [counterNames.certifiedOrganizations('PARK_CERT', 'PROVINCIAL')]: 1,
      [counterNames.leadingEnterprises(2025)]: 2,
      [counterNames.leadingEnterprises(2024)]: 9,
      [counterNames.transactionFen(2025, 'B2B', 'export')]: 100_050,
      [counterNames.transactionFen(2025, 'B2C', 'import')]: 20_000,
      [counterNames.transactionFen(2025, 'B2B2C', 'import')]: 30_000,
      [counterNames.transactionFen(2025, 'B2B', 'import')]: 40_000,
      [counterNames.transactionFen(2024, 'B2B', 'export')]: 999_999,
    };
    const byCode = (code: 'wuhu' | 'anqing') =>
      Object.fromEntries(targetProgress(getZone(code), counters).map((target) => [target.code, target]));
    const wuhu = byCode('wuhu');
    expect(wuhu.enterprises?.current).toBe(12);
    expect(wuhu.parks).toMatchObject({ current: 3, met: true, progress: 100 });
    expect(wuhu.leading_enterprises?.current).toBe(2);
    expect(wuhu.transaction_value?.current).toBe(1900.5);
    expect(byCode('anqing').retail_import_value?.current).toBe(500);
  });

  it('reads applications, overdue tasks and average stage times from counters', () => {
    const figures = scopeFigures(
      {
        'apps#PARK_CERT#SUBMITTED': 2,
        'apps#PARK_CERT#APPROVED': 1,
        'apps#PARK_CERT#REJECTED': 0,
        'overdue#PARK_CERT#DISTRICT_REVIEW': 1,
        'stageDecided#PARK_CERT#DISTRICT_REVIEW': 2,
        'stageMs#PARK_CERT#DISTRICT_REVIEW': 3 * 3_600_000,
      },
      2025,
    );
    expect(figures.applications).toEqual({ PARK_CERT: { SUBMITTED: 2, APPROVED: 1 } });
    expect(figures.overdueTasks).toBe(1);
    expect(figures.stageTimes).toEqual([
      { program: 'PARK_CERT', stage: 'DISTRICT_REVIEW', decided: 2, averageHours: 1.5 },
    ]);
  });

  it('sums a zone from its districts and lists every district', () => {
    const dashboard = zoneDashboard(
      getZone('wuhu'),
      new Map([
        ['jiujiang', { enterprises: 2 }],
        ['jinghu', { enterprises: 1 }],
      ]),
    );
    expect(dashboard.figures.measures.registered_enterprises).toBe(3);
    expect(dashboard.districts.map((district) => district.code)).toEqual(
      getZone('wuhu').districts.map((district) => district.code),
    );
    expect(
      dashboard.districts.find((district) => district.code === 'jinghu')?.figures.measures,
    ).toMatchObject({
      registered_enterprises: 1,
    });
  });
});
