import type { ExactHistogram } from './exact-histogram.js';
import type { Durations } from './group-stats.js';
import { meanOfIntegers, nearestRank, roundTo } from './percentile.js';

export interface MemoryStats {
  readonly max: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
}

export interface DurationStats {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** MaxMemoryUsed percentiles (nearest rank) and mean of one group; null when the group is empty. */
export function memoryStats(h: ExactHistogram): MemoryStats | null {
  const n = h.count;
  if (n === 0) return null;
  const at = (p: number): number => h.valueAtRank(nearestRank(p, n)) ?? Number.NaN;
  return { max: at(100), p50: at(50), p90: at(90), p95: at(95), p99: at(99), mean: meanOfIntegers(h.valueSum, n) };
}

/** Duration percentiles (nearest rank) over the exact values, and their mean; null when there are none. */
export function durationStats(values: Durations): DurationStats | null {
  const n = values.length;
  if (n === 0) return null;
  const sum = values.sum;
  const [p50, p95, p99, max] = values.atSortedIndexes([50, 95, 99, 100].map((p) => nearestRank(p, n) - 1));
  return { p50: p50!, p95: p95!, p99: p99!, max: max!, mean: roundTo(sum / n, 2) };
}
