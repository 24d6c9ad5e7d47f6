import type { ApplicationStatus } from '../../../../domain/shared/program.ts';
import type { TargetUnit } from '../../../../domain/shared/zones.ts';
import type { Language, Text } from '../../shared/i18n.tsx';
import type { ScopeFigures, TargetProgress } from './api/dashboard.ts';

/** Statuses in the order of an application's life, so stacked bars and table columns read the same way. */
export const statusOrder: readonly ApplicationStatus[] = [
  'SUBMITTED',
  'IN_REVIEW',
  'RETURNED',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
  'TIMED_OUT',
];

/** Applications still moving through a workflow. */
export const openStatuses: readonly ApplicationStatus[] = ['SUBMITTED', 'IN_REVIEW', 'RETURNED'];

/** One color per status (the same as the console's status tags), never the only carrier of meaning. */
export const statusChartColor: Record<ApplicationStatus, string> = {
  SUBMITTED: '#1677ff',
  IN_REVIEW: '#13c2c2',
  RETURNED: '#faad14',
  APPROVED: '#52c41a',
  REJECTED: '#ff4d4f',
  WITHDRAWN: '#8c8c8c',
  TIMED_OUT: '#595959',
};

const locale = (language: Language) => (language === 'en' ? 'en' : 'zh-CN');

export const formatCount = (value: number, language: Language): string =>
  new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(value);

/** Yuan to the fen, as the figures are kept. */
export const formatYuan = (value: number, language: Language): string =>
  new Intl.NumberFormat(locale(language), {
    style: 'currency',
    currency: 'CNY',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);

/** A target's amount as the plans write it: 140 亿元 / CNY 14 bn. */
export const formatYuanShort = (value: number, language: Language): string => {
  if (language === 'en') {
    if (value >= 1e9) return `CNY ${formatCount(value / 1e9, language)} bn`;
    if (value >= 1e6) return `CNY ${formatCount(value / 1e6, language)} m`;
    return `CNY ${formatCount(value, language)}`;
  }
  if (value >= 1e8) return `${formatCount(value / 1e8, language)} 亿元`;
  if (value >= 1e4) return `${formatCount(value / 1e4, language)} 万元`;
  return `${formatCount(value, language)} 元`;
};

const unitWords: Record<Exclude<TargetUnit, 'CNY'>, Text> = {
  enterprises: { zh: '家', en: 'enterprises' },
  parks: { zh: '个', en: 'parks' },
};

/** A current value: exact yuan for amounts, a count with its unit otherwise. */
export const formatMeasure = (unit: TargetUnit, value: number, language: Language): string =>
  unit === 'CNY'
    ? formatYuan(value, language)
    : `${formatCount(value, language)} ${language === 'en' ? unitWords[unit].en : unitWords[unit].zh}`;

/** A target value with its comparison: ≥ 300 家, > 5 enterprises, ≥ 140 亿元. */
export const formatTargetValue = (
  target: Pick<TargetProgress, 'unit' | 'value' | 'comparison'>,
  language: Language,
): string => {
  const sign = target.comparison === 'at_least' ? '≥' : '>';
  const amount =
    target.unit === 'CNY'
      ? formatYuanShort(target.value, language)
      : formatMeasure(target.unit, target.value, language);
  return `${sign} ${amount}`;
};

/** An average duration: hours from one hour up, minutes below (the API rounds to 0.01 h, 36 seconds). */
export const formatHours = (hours: number, language: Language): string => {
  if (hours >= 1)
    return `${formatCount(Math.round(hours * 10) / 10, language)} ${language === 'en' ? 'h' : '小时'}`;
  const minutes = Math.round(hours * 60);
  if (minutes < 1) return language === 'en' ? '< 1 min' : '不足 1 分钟';
  return `${formatCount(minutes, language)} ${language === 'en' ? 'min' : '分钟'}`;
};

export interface ApplicationRow {
  program: string;
  counts: Partial<Record<ApplicationStatus, number>>;
  total: number;
  open: number;
}

/** Applications by program, programs in code order, with totals and the number still open. */
export const applicationRows = (applications: ScopeFigures['applications']): ApplicationRow[] =>
  Object.entries(applications)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([program, counts]) => ({
      program,
      counts,
      total: statusOrder.reduce((sum, status) => sum + (counts[status] ?? 0), 0),
      open: openStatuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0),
    }));

/** The statuses at least one program has applications in: the columns and series worth drawing. */
export const statusesPresent = (rows: readonly ApplicationRow[]): ApplicationStatus[] =>
  statusOrder.filter((status) => rows.some((row) => (row.counts[status] ?? 0) > 0));

export const applicationTotals = (
  applications: ScopeFigures['applications'],
): { total: number; open: number } =>
  applicationRows(applications).reduce(
    (sum, row) => ({ total: sum.total + row.total, open: sum.open + row.open }),
    { total: 0, open: 0 },
  );

type Translate = (text: Text) => string;

/** What the target's gauge shows, in words, for screen readers. */
export const targetSummary = (target: TargetProgress, language: Language, t: Translate): string =>
  t({
    zh: `${target.nameZh}：当前 ${formatMeasure(target.unit, target.current, language)}，目标 ${formatTargetValue(target, language)}，完成 ${target.progress}%`,
    en: `${target.nameEn}: currently ${formatMeasure(target.unit, target.current, language)}, target ${formatTargetValue(target, language)}, ${target.progress}% reached`,
  });

/** What the stacked bars show, in words: each program's counts by status. */
export const applicationsSummary = (
  rows: readonly ApplicationRow[],
  programLabel: (program: string) => string,
  statusLabel: (status: ApplicationStatus) => string,
  t: Translate,
): string => {
  if (rows.length === 0) return t({ zh: '暂无申请', en: 'No applications' });
  const separator = t({ zh: '；', en: '; ' });
  return rows
    .map((row) => {
      const parts = statusOrder
        .filter((status) => (row.counts[status] ?? 0) > 0)
        .map((status) => `${statusLabel(status)} ${row.counts[status]}`);
      return `${programLabel(row.program)}${t({ zh: '：', en: ': ' })}${parts.join(t({ zh: '、', en: ', ' }))}`;
    })
    .join(separator);
};

/** What the bars of time per stage show, in words. */
export const stageTimesSummary = (
  stageTimes: ScopeFigures['stageTimes'],
  stageLabel: (program: string, stage: string) => string,
  language: Language,
  t: Translate,
): string =>
  stageTimes.length === 0
    ? t({ zh: '暂无已办结的环节', en: 'No stage decided yet' })
    : stageTimes
        .map(
          (entry) => `${stageLabel(entry.program, entry.stage)} ${formatHours(entry.averageHours, language)}`,
        )
        .join(t({ zh: '；', en: '; ' }));
