import { describe, expect, it } from 'vitest';
import {
  applicationStatusDeltas,
  type CounterDeltas,
  figureDeltas,
  mergeDeltas,
} from '../../../../domain/statistics/counters.ts';
import { type AmountsFen, zeroAmounts } from '../../../../domain/statistics/figures.ts';
import { rebuildCounters } from '../../../../domain/statistics/rebuild.ts';
import {
  LEADING_ENTERPRISE_THRESHOLD_FEN,
  leadingEnterpriseDeltas,
} from '../../../../domain/statistics/targets.ts';

const jiujiang = { zone: 'wuhu', district: 'jiujiang' };
const withB2bExport = (fen: number): AmountsFen => ({ ...zeroAmounts(), B2B: { export: fen, import: 0 } });
const figure = (month: string, version: number, fen: number, submittedAt: string, scope = jiujiang) => ({
  ...scope,
  uscc: 'E1',
  month,
  version,
  amountsFen: withB2bExport(fen),
  submittedAt,
});

describe('rebuilding counters from records', () => {
  it('gives what the incremental updates give for the same history', () => {
    // Incrementally: an application submitted then moved on; figures reported then corrected.
    const big = LEADING_ENTERPRISE_THRESHOLD_FEN;
    const incremental: CounterDeltas = mergeDeltas(
      applicationStatusDeltas('PARK_CERT', undefined, 'SUBMITTED'),
      applicationStatusDeltas('PARK_CERT', 'SUBMITTED', 'IN_REVIEW'),
      figureDeltas(2025, undefined, withB2bExport(big)),
      leadingEnterpriseDeltas(2025, 0, big),
      figureDeltas(2025, withB2bExport(big), withB2bExport(big + 100)),
      leadingEnterpriseDeltas(2025, big, big + 100),
      figureDeltas(2025, undefined, withB2bExport(7)),
      leadingEnterpriseDeltas(2025, big + 100, big + 107),
      { enterprises: 1, 'overdue#PARK_CERT#DISTRICT_REVIEW': 1 },
    );
    const rebuilt = rebuildCounters({
      applications: [{ ...jiujiang, program: 'PARK_CERT', status: 'IN_REVIEW' }],
      tasks: [
        {
          ...jiujiang,
          program: 'PARK_CERT',
          stage: 'DISTRICT_REVIEW',
          kind: 'review',
          status: 'OPEN',
          createdAt: '2026-01-01T00:00:00.000Z',
          overdue: true,
        },
      ],
      enterprises: [
        { ...jiujiang, registeredInZone: true },
        { ...jiujiang, registeredInZone: false },
      ],
      certificates: [],
      figures: [
        figure('2025-01', 1, big, '2026-01-01T00:00:00.000Z'),
        figure('2025-01', 2, big + 100, '2026-01-02T00:00:00.000Z'),
        figure('2025-02', 1, 7, '2026-01-03T00:00:00.000Z'),
      ],
    });
    expect(rebuilt.counters.get('wuhu')?.get('jiujiang')).toEqual(incremental);
    expect(rebuilt.enterpriseYears).toEqual([{ uscc: 'E1', year: 2025, ...jiujiang, totalFen: big + 107 }]);
  });

  it('counts a certified organization once, where its first certificate was issued', () => {
    const certificate = { program: 'PARK_CERT', variant: 'MUNICIPAL', orgId: 'P1' };
    const rebuilt = rebuildCounters({
      applications: [],
      tasks: [],
      enterprises: [],
      certificates: [
        { ...certificate, zone: 'wuhu', district: 'jinghu', validFrom: '2029-01-01' },
        { ...certificate, ...jiujiang, validFrom: '2026-01-01' },
      ],
      figures: [],
    });
    expect(rebuilt.counters.get('wuhu')?.get('jiujiang')).toEqual({ 'certified#PARK_CERT#MUNICIPAL': 1 });
    expect(rebuilt.counters.get('wuhu')?.has('jinghu')).toBe(false);
  });

  it('times decided stages but not a panel member’s share, and keeps an enterprise-year in its first scope', () => {
    const rebuilt = rebuildCounters({
      applications: [],
      tasks: [
        {
          ...jiujiang,
          program: 'PARK_CERT',
          stage: 'EXPERT_SCORING',
          kind: 'panel-member',
          status: 'COMPLETED',
          createdAt: '2026-01-01T00:00:00.000Z',
          decision: { decidedAt: '2026-01-02T00:00:00.000Z' },
        },
        {
          ...jiujiang,
          program: 'PARK_CERT',
          stage: 'EXPERT_SCORING',
          kind: 'panel',
          status: 'COMPLETED',
          createdAt: '2026-01-01T00:00:00.000Z',
          decision: { decidedAt: '2026-01-01T06:00:00.000Z' },
        },
      ],
      enterprises: [],
      certificates: [],
      figures: [
        figure('2025-03', 1, 5, '2026-02-01T00:00:00.000Z', { zone: 'wuhu', district: 'jinghu' }),
        figure('2025-01', 1, 3, '2026-01-01T00:00:00.000Z'),
      ],
    });
    expect(rebuilt.counters.get('wuhu')?.get('jiujiang')).toEqual({
      'stageDecided#PARK_CERT#EXPERT_SCORING': 1,
      'stageMs#PARK_CERT#EXPERT_SCORING': 6 * 3_600_000,
      'fen#2025#B2B#export': 8,
    });
  });
});
