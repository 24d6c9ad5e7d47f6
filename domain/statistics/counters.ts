import type { AmountsFen, TradeDirection, TransactionMode } from './figures.ts';
import { totalFen, tradeDirections, transactionModes } from './figures.ts';

/**
 * Statistics counters. Each (zone, district) has one counter item whose attributes are named by the
 * functions below; every change to what a counter counts adds its delta to it (DynamoDB `ADD`), and the
 * dashboard sums a zone's district items. The rules here are pure, so the incremental updates and the
 * rebuild from stored records (rebuild.ts) use the same ones.
 */

export type CounterDeltas = Record<string, number>;

export const counterNames = {
  /** Applications currently in a status. */
  applications: (program: string, status: string) => `apps#${program}#${status}`,
  /** Open tasks currently marked overdue (escalated), by stage. */
  overdueTasks: (program: string, stage: string) => `overdue#${program}#${stage}`,
  /** Decided tasks of a stage, and the sum of their durations from creation to decision. */
  stageDecided: (program: string, stage: string) => `stageDecided#${program}#${stage}`,
  stageMilliseconds: (program: string, stage: string) => `stageMs#${program}#${stage}`,
  /** Registry entries with `registeredInZone` (在本综试区注册). */
  registeredEnterprises: 'enterprises',
  /** Distinct organizations holding a certificate of a program and variant (e.g. parks at municipal level). */
  certifiedOrganizations: (program: string, variant: string) => `certified#${program}#${variant}`,
  /** Reported transaction value of a year, in fen. */
  transactionFen: (year: number, mode: TransactionMode, direction: TradeDirection) =>
    `fen#${year}#${mode}#${direction}`,
  /** Enterprises whose reported transactions of a year exceed the leading-enterprise threshold. */
  leadingEnterprises: (year: number) => `leading#${year}`,
};

/** Adds deltas together, dropping those that cancel out. */
export const mergeDeltas = (...all: CounterDeltas[]): CounterDeltas => {
  const merged: CounterDeltas = {};
  for (const deltas of all) {
    for (const [name, delta] of Object.entries(deltas)) merged[name] = (merged[name] ?? 0) + delta;
  }
  return Object.fromEntries(Object.entries(merged).filter(([, delta]) => delta !== 0));
};

/** −1 in the old status, +1 in the new one; nothing when the status did not change. */
export const applicationStatusDeltas = (
  program: string,
  from: string | undefined,
  to: string | undefined,
): CounterDeltas => {
  if (from === to) return {};
  return mergeDeltas(
    from !== undefined ? { [counterNames.applications(program, from)]: -1 } : {},
    to !== undefined ? { [counterNames.applications(program, to)]: 1 } : {},
  );
};

/** A decided task adds one decision and its duration to its stage. */
export const stageDecisionDeltas = (
  task: { program: string; stage: string; createdAt: string },
  decidedAt: string,
): CounterDeltas => {
  const milliseconds = Math.max(0, Date.parse(decidedAt) - Date.parse(task.createdAt));
  return {
    [counterNames.stageDecided(task.program, task.stage)]: 1,
    [counterNames.stageMilliseconds(task.program, task.stage)]: Number.isFinite(milliseconds)
      ? milliseconds
      : 0,
  };
};

/** Tasks that answer a stage (not a panel member's share of it) count towards the time per stage. */
export const countsForStageTime = (task: { kind: string }): boolean => task.kind !== 'panel-member';

export const overdueDeltas = (task: { program: string; stage: string }, delta: 1 | -1): CounterDeltas => ({
  [counterNames.overdueTasks(task.program, task.stage)]: delta,
});

export interface CounterScope {
  zone: string;
  district: string;
}

export interface ScopedDeltas {
  scope: CounterScope;
  deltas: CounterDeltas;
}

interface RegistryState extends CounterScope {
  registeredInZone: boolean;
}

/** A registry change moves the enterprise out of its old (zone, district) count and into its new one. */
export const enterpriseRegistrationDeltas = (
  before: RegistryState | undefined,
  after: RegistryState | undefined,
): ScopedDeltas[] => {
  const changes: ScopedDeltas[] = [];
  if (before?.registeredInZone) {
    changes.push({ scope: scopeOf(before), deltas: { [counterNames.registeredEnterprises]: -1 } });
  }
  if (after?.registeredInZone) {
    changes.push({ scope: scopeOf(after), deltas: { [counterNames.registeredEnterprises]: 1 } });
  }
  return combineByScope(changes);
};

const scopeOf = ({ zone, district }: CounterScope): CounterScope => ({ zone, district });

export const scopeKey = ({ zone, district }: CounterScope): string => `${zone}#${district}`;

/** One entry per scope, deltas merged, empty ones dropped. */
export const combineByScope = (changes: ScopedDeltas[]): ScopedDeltas[] => {
  const byScope = new Map<string, ScopedDeltas>();
  for (const change of changes) {
    const key = scopeKey(change.scope);
    const existing = byScope.get(key);
    byScope.set(key, {
      scope: change.scope,
      deltas: existing ? mergeDeltas(existing.deltas, change.deltas) : mergeDeltas(change.deltas),
    });
  }
  return [...byScope.values()].filter((change) => Object.keys(change.deltas).length > 0);
};

/** What replacing one month's figures (`before` absent for the first report) adds to the year's sums. */
export const figureDeltas = (
  year: number,
  before: AmountsFen | undefined,
  after: AmountsFen,
): CounterDeltas => {
  const deltas: CounterDeltas = {};
  for (const mode of transactionModes) {
    for (const direction of tradeDirections) {
      deltas[counterNames.transactionFen(year, mode, direction)] =
        after[mode][direction] - (before?.[mode][direction] ?? 0);
    }
  }
  return mergeDeltas(deltas);
};

/** How much a report changes the enterprise's total for the year, in fen. */
export const figureTotalDelta = (before: AmountsFen | undefined, after: AmountsFen): number =>
  totalFen(after) - (before ? totalFen(before) : 0);
