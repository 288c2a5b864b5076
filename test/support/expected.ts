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

export interface ExpectedLeak {
  logStream: string;
  invocations: number;
  correlation: number;
  riseMB: number;
  endedInOutOfMemory: boolean;
}

export interface ExpectedFunction {
  invocations: number;
  coldStarts: number;
  timeouts: number;
  outOfMemory: number;
  memorySizeMB: number;
  maxMemoryUsedMB: ReturnType<typeof memoryStats>;
  operations: Map<string, { invocations: number; stats: ReturnType<typeof memoryStats>; rss: number | null; heap: number | null; cold: number; timeouts: number; oom: number; basisPeak: number }>;
  currentMonthly: number;
  actualMonthly: number;
  basisPeak: number;
  censored: number;
  recommendations: { strategy: string; memoryMB: number; monthly: number; savings: number; exceeding: number; unknown: number; risk: string; durations: string }[];
  finding: string;
  findingReasons: string[];
  leaks: ExpectedLeak[];
  memorySizes: { memoryMB: number; invocations: number; timeouts: number; outOfMemory: number; maxMemoryUsedMB: number; p99MaxMemoryUsedMB: number; p95BilledDurationMs: number; firstSeen: string; lastSeen: string }[];
}

/** What an invocation needed at least: a kill for memory at size S needed more than S. */
const need = (i: TrueInvocation): number => (i.outOfMemory ? i.memorySizeMB + 1 : i.maxMemoryUsedMB);

/** Pearson r and the least-squares rise, from deviations about the means (not from raw sums, as llmmem does). */
export function fitLine(points: { t: number; m: number }[]): { r: number; rise: number } | undefined {
  const n = points.length;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const mm = points.reduce((a, p) => a + p.m, 0) / n;
  let stt = 0;
  let smm = 0;
  let stm = 0;
  for (const p of points) {
    stt += (p.t - mt) ** 2;
    smm += (p.m - mm) ** 2;
    stm += (p.t - mt) * (p.m - mm);
  }
  if (stt === 0 || smm === 0) return undefined;
  const ts = points.map((p) => p.t);
  return { r: stm / Math.sqrt(stt * smm), rise: (stm / stt) * (Math.max(...ts) - Math.min(...ts)) };
}

/**
 * Every headline figure the issue defines, computed from the ground truth for the window [start, end); `originMs` is
 * where report times count from for the leak test (the window's start, or the first event when the data set it).
 */
export function expectedFunction(
  all: TrueInvocation[],
  window: { startMs: number; endMs: number; days: number; originMs?: number },
  arch: 'x86_64' | 'arm64' = 'x86_64',
  minInvocations = 50,
): ExpectedFunction {
  const invs = all.filter((i) => i.reportMs >= window.startMs && i.reportMs < window.endMs);
  const used = invs.map((i) => i.maxMemoryUsedMB);
  const needs = invs.map(need);
  const latest = [...invs].sort((a, b) => a.reportMs - b.reportMs).at(-1)!;
  const current = latest.memorySizeMB;
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
      basisPeak: Math.max(...mine.map(need)),
    });
  }
  const actualMonthly = monthlyCost(invs, window.days, arch, (i) => i.memorySizeMB);
  const currentMonthly = monthlyCost(invs, window.days, arch, () => current);
  const peak = Math.max(...needs);
  const recommendations = ([['conservative', 1.5], ['aggressive', 1.2], ['optimized', 1.15]] as const).map(([strategy, factor]) => {
    const memoryMB = recommendedSize(peak, factor);
    const there = invs.filter((i) => i.memorySizeMB === memoryMB);
    const measured = memoryMB !== current && there.length >= minInvocations;
    // measured: each invocation billed as the mean of its operation's invocations at that size, where it ran there
    const billed = (i: TrueInvocation): number => {
      const same = there.filter((j) => j.operation === i.operation);
      return !measured || same.length === 0 ? i.billedDurationMs : same.reduce((a, j) => a + j.billedDurationMs, 0) / same.length;
    };
    const priced = invs.map((i) => ({ ...i, billedDurationMs: billed(i) }));
    const monthly = monthlyCost(priced, window.days, arch, () => memoryMB);
    const exceeding = needs.filter((u) => u > memoryMB).length;
    const unknown = invs.filter((i) => i.outOfMemory && i.memorySizeMB < memoryMB).length;
    const risk = exceeding > 0 ? 'high' : unknown > 0 || memoryMB * 5 < peak * 6 ? 'medium' : 'low';
    return { strategy, memoryMB, monthly, savings: currentMonthly - monthly, exceeding, unknown, risk, durations: measured ? 'measured' : 'assumed' };
  });

  const origin = window.originMs ?? window.startMs;
  const leaks: ExpectedLeak[] = [];
  for (const stream of new Set(invs.map((i) => i.logStream))) {
    const mine = invs.filter((i) => i.logStream === stream);
    const warm = mine.filter((i) => !i.coldStart).map((i) => ({ t: (i.reportMs - origin) / 1000, m: i.maxMemoryUsedMB }));
    if (warm.length < 10) continue;
    const fit = fitLine(warm);
    const size = [...mine].sort((a, b) => a.reportMs - b.reportMs).at(-1)!;
    if (fit === undefined || fit.r < 0.8 || (fit.rise < 20 && fit.rise < 0.1 * size.memorySizeMB)) continue;
    leaks.push({ logStream: stream, invocations: warm.length, correlation: fit.r, riseMB: fit.rise, endedInOutOfMemory: size.outOfMemory });
  }

  const atCurrent = invs.filter((i) => i.memorySizeMB === current);
  const conservative = recommendations[0]!.memoryMB;
  const optimized = recommendations[2]!.memoryMB;
  let finding: string;
  let reasons: string[];
  if (atCurrent.some((i) => i.outOfMemory)) [finding, reasons] = ['under-provisioned', ['out-of-memory-at-current-size']];
  else if (atCurrent.length < minInvocations) [finding, reasons] = ['insufficient-data', ['few-invocations-at-current-size']];
  else if (current < optimized) [finding, reasons] = ['under-provisioned', ['memory-under-provisioned']];
  else if (current > conservative) [finding, reasons] = ['over-provisioned', ['memory-over-provisioned']];
  else [finding, reasons] = ['optimized', []];
  if (atCurrent.some((i) => i.timeout)) reasons.push('timeouts-at-current-size');
  if (leaks.length > 0) reasons.push('leak-suspect');
  if ([...operations.values()].some((o) => o.invocations < minInvocations)) reasons.push('few-invocations-for-operation');

  const memorySizes = [...new Set(invs.map((i) => i.memorySizeMB))].sort((a, b) => a - b).map((memoryMB) => {
    const mine = invs.filter((i) => i.memorySizeMB === memoryMB);
    const times = mine.map((i) => i.reportMs);
    return {
      memoryMB,
      invocations: mine.length,
      timeouts: mine.filter((i) => i.timeout).length,
      outOfMemory: mine.filter((i) => i.outOfMemory).length,
      maxMemoryUsedMB: Math.max(...mine.map((i) => i.maxMemoryUsedMB)),
      p99MaxMemoryUsedMB: percentile(mine.map((i) => i.maxMemoryUsedMB), 99),
      p95BilledDurationMs: percentile(mine.map((i) => i.billedDurationMs), 95),
      firstSeen: new Date(Math.min(...times)).toISOString(),
      lastSeen: new Date(Math.max(...times)).toISOString(),
    };
  });

  return {
    invocations: invs.length,
    coldStarts: invs.filter((i) => i.coldStart).length,
    timeouts: invs.filter((i) => i.timeout).length,
    outOfMemory: invs.filter((i) => i.outOfMemory).length,
    memorySizeMB: current,
    maxMemoryUsedMB: memoryStats(used),
    operations,
    currentMonthly,
    actualMonthly,
    basisPeak: peak,
    censored: invs.filter((i) => i.outOfMemory).length,
    recommendations,
    finding,
    findingReasons: reasons,
    leaks,
    memorySizes,
  };
}
