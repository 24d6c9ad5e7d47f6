import { z } from 'zod';
import { applicationStatusSchema } from '../shared/program.ts';
import { type Zone, type ZoneTarget, zoneCodeSchema, zoneTargetSchema } from '../shared/zones.ts';
import { type CounterDeltas, counterNames } from './counters.ts';
import { fenToCny, retailModes, tradeDirections, transactionModes } from './figures.ts';

/**
 * The Wuhu plan's 年交易额过亿美元龙头企业 counts enterprises over USD 100 M a year. Enterprises report in
 * yuan; the platform converts at one fixed planning rate instead of asking for a second, unverifiable
 * USD figure, so every enterprise is measured the same way and the threshold is a constant. The rate is
 * a planning assumption (roughly the 2023–2025 central parity), not a market rate: changing it changes
 * who counts, so rebuild the counters afterwards (docs/architecture.md, "Statistics and the dashboard").
 */
export const PLANNING_CNY_PER_USD = 7;
export const LEADING_ENTERPRISE_THRESHOLD_USD = 100_000_000;
/** 过亿美元: strictly more than this many fen in the year. */
export const LEADING_ENTERPRISE_THRESHOLD_FEN = LEADING_ENTERPRISE_THRESHOLD_USD * PLANNING_CNY_PER_USD * 100;

export const isLeadingEnterprise = (annualTotalFen: number): boolean =>
  annualTotalFen > LEADING_ENTERPRISE_THRESHOLD_FEN;

/** +1 when a year's total crosses the threshold upwards, −1 downwards (a correction), else nothing. */
export const leadingEnterpriseDeltas = (year: number, beforeFen: number, afterFen: number): CounterDeltas => {
  const change = Number(isLeadingEnterprise(afterFen)) - Number(isLeadingEnterprise(beforeFen));
  return change === 0 ? {} : { [counterNames.leadingEnterprises(year)]: change };
};

/** What platform data measures each target. */
export const targetMeasureSchema = z.enum([
  'registered_enterprises',
  'certified_parks',
  'leading_enterprises',
  'transaction_value',
  'retail_import_value',
]);
export type TargetMeasure = z.infer<typeof targetMeasureSchema>;

/** By target code (domain/shared/zones.ts); a unit test checks that every configured target has one. */
export const targetMeasures: Record<string, TargetMeasure> = {
  enterprises: 'registered_enterprises',
  parks: 'certified_parks',
  leading_enterprises: 'leading_enterprises',
  transaction_value: 'transaction_value',
  retail_import_value: 'retail_import_value',
};

/** Parks at municipal level or above: a provincial certificate requires a municipal one. */
export const CERTIFIED_PARK_VARIANT = { program: 'PARK_CERT', variant: 'MUNICIPAL' } as const;

export const targetYear = (target: ZoneTarget): number => Number(target.dueDate.slice(0, 4));

/** A measure's current value from summed counters: counts, or yuan for transaction values. */
export const measureValue = (measure: TargetMeasure, year: number, counters: CounterDeltas): number => {
  const value = (name: string) => counters[name] ?? 0;
  switch (measure) {
    case 'registered_enterprises':
      return value(counterNames.registeredEnterprises);
    case 'certified_parks':
      return value(
        counterNames.certifiedOrganizations(CERTIFIED_PARK_VARIANT.program, CERTIFIED_PARK_VARIANT.variant),
      );
    case 'leading_enterprises':
      return value(counterNames.leadingEnterprises(year));
    case 'transaction_value':
      return fenToCny(
        transactionModes.reduce(
          (sum, mode) =>
            sum +
            tradeDirections.reduce(
              (inner, direction) => inner + value(counterNames.transactionFen(year, mode, direction)),
              0,
            ),
          0,
        ),
      );
    case 'retail_import_value':
      return fenToCny(
        retailModes.reduce((sum, mode) => sum + value(counterNames.transactionFen(year, mode, 'import')), 0),
      );
  }
};

export const isTargetMet = (target: Pick<ZoneTarget, 'value' | 'comparison'>, current: number): boolean =>
  target.comparison === 'at_least' ? current >= target.value : current > target.value;

export const targetProgressSchema = zoneTargetSchema.extend({
  measure: targetMeasureSchema,
  year: z.number().int(),
  current: z.number(),
  met: z.boolean(),
  /** current / target value, rounded to 0.1 %. */
  progress: z.number(),
});
export type TargetProgress = z.infer<typeof targetProgressSchema>;

export const stageTimeSchema = z.object({
  program: z.string(),
  stage: z.string(),
  decided: z.number().int(),
  averageHours: z.number(),
});
export type StageTime = z.infer<typeof stageTimeSchema>;

export const overdueStageSchema = z.object({
  program: z.string(),
  stage: z.string(),
  count: z.number().int(),
});

export const scopeFiguresSchema = z.object({
  /** Current value of every measure (for the targets' year), counts or yuan. */
  measures: z.record(targetMeasureSchema, z.number()),
  /** Applications by program, then status (statuses with none left out). */
  applications: z.record(z.string(), z.partialRecord(applicationStatusSchema, z.number().int())),
  overdueTasks: z.number().int(),
  overdueByStage: z.array(overdueStageSchema),
  /** Average time from a task's creation to its decision, per stage. */
  stageTimes: z.array(stageTimeSchema),
  /** Reported transaction value of the year, in yuan, by mode and direction. */
  transactionsCny: z.record(z.string(), z.record(z.string(), z.number())),
  year: z.number().int(),
});
export type ScopeFigures = z.infer<typeof scopeFiguresSchema>;

const HOUR_MS = 60 * 60 * 1000;

/** Reads one scope's counters (a district's, or a zone's summed) into the dashboard's figures. */
export const scopeFigures = (counters: CounterDeltas, year: number): ScopeFigures => {
  const applications: ScopeFigures['applications'] = {};
  const overdueByStage: ScopeFigures['overdueByStage'] = [];
  const stages = new Map<string, { program: string; stage: string; decided: number; milliseconds: number }>();
  const stageOf = (program: string, stage: string) => {
    const key = `${program}#${stage}`;
    const existing = stages.get(key) ?? { program, stage, decided: 0, milliseconds: 0 };
    stages.set(key, existing);
    return existing;
  };
  for (const [name, value] of Object.entries(counters).sort(([a], [b]) => a.localeCompare(b))) {
    const [kind, program = '', detail = ''] = name.split('#');
    if (value === 0) continue;
    if (kind === 'apps') {
      const status = applicationStatusSchema.safeParse(detail);
      if (!status.success) continue;
      applications[program] = { ...applications[program], [status.data]: value };
    } else if (kind === 'overdue') {
      overdueByStage.push({ program, stage: detail, count: value });
    } else if (kind === 'stageDecided') {
      stageOf(program, detail).decided = value;
    } else if (kind === 'stageMs') {
      stageOf(program, detail).milliseconds = value;
    }
  }
  const measures = Object.fromEntries(
    targetMeasureSchema.options.map((measure) => [measure, measureValue(measure, year, counters)]),
  ) as Record<TargetMeasure, number>;
  const transactionsCny = Object.fromEntries(
    transactionModes.map((mode) => [
      mode,
      Object.fromEntries(
        tradeDirections.map((direction) => [
          direction,
          fenToCny(counters[counterNames.transactionFen(year, mode, direction)] ?? 0),
        ]),
      ),
    ]),
  );
  return {
    measures,
    applications,
    overdueTasks: overdueByStage.reduce((sum, entry) => sum + entry.count, 0),
    overdueByStage,
    stageTimes: [...stages.values()]
      .filter((stage) => stage.decided > 0)
      .map((stage) => ({
        program: stage.program,
        stage: stage.stage,
        decided: stage.decided,
        averageHours: Math.round((stage.milliseconds / stage.decided / HOUR_MS) * 100) / 100,
      })),
    transactionsCny,
    year,
  };
};

/** Each of the zone's targets with its current value from the zone's summed counters. */
export const targetProgress = (zone: Zone, counters: CounterDeltas): TargetProgress[] =>
  zone.targets.map((target) => {
    const measure = targetMeasures[target.code];
    if (measure === undefined) throw new Error(`No measure for target ${zone.code}.${target.code}`);
    const year = targetYear(target);
    const current = measureValue(measure, year, counters);
    return {
      ...target,
      measure,
      year,
      current,
      met: isTargetMet(target, current),
      progress: Math.round((current / target.value) * 1000) / 10,
    };
  });

/** Sums counter items, e.g. a zone's districts into the zone. */
export const sumCounters = (items: readonly CounterDeltas[]): CounterDeltas => {
  const sum: CounterDeltas = {};
  for (const item of items) {
    for (const [name, value] of Object.entries(item)) sum[name] = (sum[name] ?? 0) + value;
  }
  return sum;
};

/** The year the dashboard shows figures for: the zone's targets' year. */
export const dashboardYear = (zone: Zone): number => Math.max(...zone.targets.map(targetYear), 2020);

export const districtDashboardSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  figures: scopeFiguresSchema,
});

export const zoneDashboardSchema = z.object({
  zone: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  targets: z.array(targetProgressSchema),
  figures: scopeFiguresSchema,
  districts: z.array(districtDashboardSchema),
});
export type ZoneDashboard = z.infer<typeof zoneDashboardSchema>;

/** One zone's dashboard from its district counter items (districts with no item show zeros). */
export const zoneDashboard = (
  zone: Zone,
  districtCounters: ReadonlyMap<string, CounterDeltas>,
): ZoneDashboard => {
  const year = dashboardYear(zone);
  const total = sumCounters([...districtCounters.values()]);
  const known = new Set(zone.districts.map((district) => district.code));
  const unknown = [...districtCounters.keys()].filter((code) => !known.has(code)).sort();
  return {
    zone: zone.code,
    nameZh: zone.nameZh,
    nameEn: zone.nameEn,
    targets: targetProgress(zone, total),
    figures: scopeFigures(total, year),
    districts: [
      ...zone.districts.map((district) => ({
        code: district.code,
        nameZh: district.nameZh,
        nameEn: district.nameEn,
        figures: scopeFigures(districtCounters.get(district.code) ?? {}, year),
      })),
      // Records of a district no longer configured still count towards the zone; shown under their code.
      ...unknown.map((code) => ({
        code,
        nameZh: code,
        nameEn: code,
        figures: scopeFigures(districtCounters.get(code) ?? {}, year),
      })),
    ],
  };
};

/** `GET /dashboard`: one zone, or every zone the caller may see. */
export const dashboardQuerySchema = z.object({ zone: zoneCodeSchema.optional() }).strict();

export const dashboardSchema = z.object({ generatedAt: z.string(), zones: z.array(zoneDashboardSchema) });
