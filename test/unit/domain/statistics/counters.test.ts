import { describe, expect, it } from 'vitest';
import {
  applicationStatusDeltas,
  counterNames,
  enterpriseRegistrationDeltas,
  figureDeltas,
  figureTotalDelta,
  mergeDeltas,
  stageDecisionDeltas,
} from '../../../../domain/statistics/counters.ts';
import { type AmountsFen, zeroAmounts } from '../../../../domain/statistics/figures.ts';
import {
  LEADING_ENTERPRISE_THRESHOLD_FEN,
  leadingEnterpriseDeltas,
} from '../../../../domain/statistics/targets.ts';

const withB2bExport = (fen: number): AmountsFen => ({ ...zeroAmounts(), B2B: { export: fen, import: 0 } });

describe('statistics counter rules', () => {
  it('moves an application from its old status to its new one, and only when the status changed', () => {
    expect(applicationStatusDeltas('PARK_CERT', undefined, 'SUBMITTED')).toEqual({
      'apps#PARK_CERT#SUBMITTED': 1,
    });
    expect(applicationStatusDeltas('PARK_CERT', 'SUBMITTED', 'IN_REVIEW')).toEqual({
      'apps#PARK_CERT#SUBMITTED': -1,
      'apps#PARK_CERT#IN_REVIEW': 1,
    });
    expect(applicationStatusDeltas('PARK_CERT', 'IN_REVIEW', 'IN_REVIEW')).toEqual({});
    expect(applicationStatusDeltas('SUBSIDY', 'SUBMITTED', undefined)).toEqual({
      'apps#SUBSIDY#SUBMITTED': -1,
    });
  });

  it('times a stage from the task’s creation to its decision', () => {
    expect(
      stageDecisionDeltas(
        { program: 'PARK_CERT', stage: 'DISTRICT_REVIEW', createdAt: '2026-01-01T00:00:00.000Z' },
        '2026-01-01T02:00:00.000Z',
      ),
    ).toEqual({
      [counterNames.stageDecided('PARK_CERT', 'DISTRICT_REVIEW')]: 1,
      [counterNames.stageMilliseconds('PARK_CERT', 'DISTRICT_REVIEW')]: 7_200_000,
    });
  });

  it('moves a registered enterprise between districts and drops one that is no longer registered', () => {
    const jiujiang = { zone: 'wuhu', district: 'jiujiang', registeredInZone: true };
    expect(enterpriseRegistrationDeltas(undefined, jiujiang)).toEqual([
      { scope: { zone: 'wuhu', district: 'jiujiang' }, deltas: { enterprises: 1 } },
    ]);
    expect(enterpriseRegistrationDeltas(jiujiang, { ...jiujiang, district: 'jinghu' })).toEqual([
      { scope: { zone: 'wuhu', district: 'jiujiang' }, deltas: { enterprises: -1 } },
      { scope: { zone: 'wuhu', district: 'jinghu' }, deltas: { enterprises: 1 } },
    ]);
    expect(enterpriseRegistrationDeltas(jiujiang, { ...jiujiang, registeredInZone: false })).toEqual([
      { scope: { zone: 'wuhu', district: 'jiujiang' }, deltas: { enterprises: -1 } },
    ]);
    expect(enterpriseRegistrationDeltas(jiujiang, jiujiang)).toEqual([]);
  });

  it('adds a correction as the difference to the version it replaces', () => {
    expect(figureDeltas(2025, undefined, withB2bExport(500))).toEqual({ 'fen#2025#B2B#export': 500 });
    expect(figureDeltas(2025, withB2bExport(500), withB2bExport(300))).toEqual({
      'fen#2025#B2B#export': -200,
    });
    expect(figureTotalDelta(withB2bExport(500), withB2bExport(300))).toBe(-200);
  });

  it('counts a leading enterprise when its year crosses USD 100 M (strictly more), and uncounts it on the way down', () => {
    const threshold = LEADING_ENTERPRISE_THRESHOLD_FEN;
    expect(threshold).toBe(70_000_000_000);
    expect(leadingEnterpriseDeltas(2025, 0, threshold)).toEqual({});
    expect(leadingEnterpriseDeltas(2025, threshold, threshold + 1)).toEqual({ 'leading#2025': 1 });
    expect(leadingEnterpriseDeltas(2025, threshold + 1, threshold + 2)).toEqual({});
    expect(leadingEnterpriseDeltas(2025, threshold + 1, 5)).toEqual({ 'leading#2025': -1 });
  });

  it('merges deltas and drops those that cancel out', () => {
    expect(mergeDeltas({ a: 1, b: 2 }, { a: -1, c: 3 })).toEqual({ b: 2, c: 3 });
  });
});
