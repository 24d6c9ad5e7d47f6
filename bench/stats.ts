import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
/** Latency statistics in milliseconds (nearest-rank percentiles, as most load tools report them). */
export interface LatencySummary {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
};

export const summarize = (values: readonly number[]): LatencySummary => {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    mean: round(total / Math.max(1, sorted.length)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
};

export const ratio = (numerator: number, denominator: number): number => round(numerator / denominator, 3);

/** Milliseconds elapsed since `start` (a `process.hrtime.bigint()` reading). */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export interface MetricRow {
  metric: string;
  value: number;
  unit: string;
  target: string;
  status: 'PASS' | 'MISSED' | 'info';
}

export const printTable = (rows: readonly MetricRow[], say: (line: string) => void) => {
  const header = ['metric', 'value', 'target', 'result'];
  const lines = rows.map((row) => [row.metric, `${row.value} ${row.unit}`.trim(), row.target, row.status]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  say(format(header));
  say(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) say(format(line));
};

/** The machine a benchmark ran on, with its load average at the start (shared machines vary). */
export const machineAtStart = () => ({
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
  loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
});

export const withLoadAtEnd = (machine: ReturnType<typeof machineAtStart>) => ({
  ...machine,
  loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))),
});
