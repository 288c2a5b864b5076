import type { TrueInvocation } from '../../src/fixtures/generator.js';

/*
 * A second, deliberately plain implementation of the formulas, working from the generator's ground
 * truth instead of from logs: sort and index for percentiles, loops for costs. The tool must agree with it.
 */

const X86_TIERS = [
  [6e9, 0.0000166667],
  [9e9, 0.000015],
  [Infinity, 0.0000133334],
] as const;
const ARM_TIERS = [
  [7.5e9, 0.0000133334],
  [11.25e9, 0.0000120001],
  [Infinity, 0.0000106667],
] as const;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length - 1e-9);
  return sorted[Math.max(1, rank) - 1]!;
}

export function memoryStats(values: number[]) {
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    max: Math.max(...values),
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    mean: Math.round((sum / values.length) * 100) / 100,
  };
}

export function tieredCost(gbSeconds: number, arch: 'x86_64' | 'arm64'): number {
  let left = gbSeconds;
  let cost = 0;
  for (const [size, price] of arch === 'x86_64' ? X86_TIERS : ARM_TIERS) {
    const used = Math.min(left, size);
    cost += used * price;
    left -= used;
  }
  return cost;
}

export function monthlyCost(invs: TrueInvocation[], days: number, arch: 'x86_64' | 'arm64', sizeFor: (i: TrueInvocation) => number): number {
  let gbSeconds = 0;
  for (const i of invs) gbSeconds += (sizeFor(i) / 1024) * (i.billedDurationMs / 1000);
  const monthlyGbSeconds = (gbSeconds * 30) / days;
  const monthlyRequests = (invs.length * 30) / days;
  return tieredCost(monthlyGbSeconds, arch) + (monthlyRequests * 0.2) / 1e6;
}

export function recommendedSize(peak: number, factor: number, step = 64): number {
  // Decimal factors written as fractions, so that 1.15 × 1280 is 1472 and not 1472.0000000000002.
  const hundredths = Math.round(factor * 100);
  let size = Math.ceil((peak * hundredths) / (100 * step)) * step;
  size = Math.max(128, size);
  return Math.min(10240, size);
}

export interface ExpectedFunction {
  invocations: number;
  coldStarts: number;
  timeouts: number;
  outOfMemory: number;
  memorySizeMB: number;
  maxMemoryUsedMB: ReturnType<typeof memoryStats>;
  operations: Map<string, { invocations: number; stats: ReturnType<typeof memoryStats>; rss: number | null; heap: number | null; cold: number; timeouts: number; oom: number }>;
  currentMonthly: number;
  recommendations: { strategy: string; memoryMB: number; monthly: number; savings: number; exceeding: number }[];
}

/** Every headline figure the issue defines, computed from the ground truth for the window [start, end). */
export function expectedFunction(all: TrueInvocation[], window: { startMs: number; endMs: number; days: number }, arch: 'x86_64' | 'arm64' = 'x86_64'): ExpectedFunction {
  const invs = all.filter((i) => i.reportMs >= window.startMs && i.reportMs < window.endMs);
  const used = invs.map((i) => i.maxMemoryUsedMB);
  const latest = [...invs].sort((a, b) => a.reportMs - b.reportMs).at(-1)!;
  const operations: ExpectedFunction['operations'] = new Map();
  for (const op of new Set(invs.map((i) => i.operation))) {
    const mine = invs.filter((i) => i.operation === op);
    const rss = mine.map((i) => i.trackerPeakRssMB).filter((x): x is number => x !== undefined);
    const heap = mine.map((i) => i.trackerPeakHeapMB).filter((x): x is number => x !== undefined);
    operations.set(op, {
      invocations: mine.length,
      stats: memoryStats(mine.map((i) => i.maxMemoryUsedMB)),
      rss: rss.length === 0 ? null : Math.max(...rss),
      heap: heap.length === 0 ? null : Math.max(...heap),
      cold: mine.filter((i) => i.coldStart).length,
      timeouts: mine.filter((i) => i.timeout).length,
      oom: mine.filter((i) => i.outOfMemory).length,
    });
  }
  const currentMonthly = monthlyCost(invs, window.days, arch, (i) => i.memorySizeMB);
  const peak = Math.max(...used);
  const recommendations = ([['conservative', 1.5], ['aggressive', 1.2], ['optimized', 1.15]] as const).map(([strategy, factor]) => {
    const memoryMB = recommendedSize(peak, factor);
    const monthly = monthlyCost(invs, window.days, arch, () => memoryMB);
    return { strategy, memoryMB, monthly, savings: currentMonthly - monthly, exceeding: used.filter((u) => u > memoryMB).length };
  });
  return {
    invocations: invs.length,
    coldStarts: invs.filter((i) => i.coldStart).length,
    timeouts: invs.filter((i) => i.timeout).length,
    outOfMemory: invs.filter((i) => i.outOfMemory).length,
    memorySizeMB: latest.memorySizeMB,
    maxMemoryUsedMB: memoryStats(used),
    operations,
    currentMonthly,
    recommendations,
  };
}
