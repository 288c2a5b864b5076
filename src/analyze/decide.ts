import type { DecisionRows, Kill, SizeHistory } from './decision-rows.js';
import type { LeakSuspect, MemorySizeBreakdown, PeakBasis, PeakDriver, Recommendation } from './document.js';
import type { ExactHistogram } from './exact-histogram.js';
import { leakSuspect } from './leak.js';
import { nearestRank, roundTo } from './percentile.js';
import { STRATEGIES, recommendedMemoryMB, riskOf, type Strategy } from './recommend.js';
import { newSelection } from './row-tally.js';
import { isoTime } from './window.js';

/** Peak MaxMemoryUsed the recommendations rest on: the max, or a nearest-rank high percentile. */
export function basisPeak(h: ExactHistogram, basis: PeakBasis): number | undefined {
  if (h.count === 0) return undefined;
  const p = basis === 'max' ? 100 : basis === 'p99' ? 99 : 99.9;
  return h.valueAtRank(nearestRank(p, h.count));
}

/** The three strategies' sizes over `peak`. */
export function sizesFor(peak: number, stepMB: number): Record<Strategy, number> {
  const out = {} as Record<Strategy, number>;
  for (const s of STRATEGIES) out[s.strategy] = recommendedMemoryMB(peak, s.factorPercent, stepMB);
  return out;
}

/**
 * `h` with each of `kills` counted as what it needed at least, its Memory Size + 1 MB, instead of the Max Memory Used
 * Lambda logged for it (`h` itself when there are none).
 */
export function censored(h: ExactHistogram, kills: readonly Kill[]): ExactHistogram {
  if (kills.length === 0) return h;
  const out = h.clone();
  for (const k of kills) {
    out.remove(k.maxMemoryUsedMB);
    out.add(k.memorySizeMB + 1);
  }
  return out;
}

/** How a candidate size is costed: MB·ms of the window at `memoryMB`, and whether its durations were measured there. */
export type CandidateCost = (memoryMB: number) => { megabyteMs: number; durations: 'measured' | 'assumed' };

/**
 * A candidate's MB·ms: where the window measured `memoryMB` on at least `minInvocations` invocations (and it is not the
 * current size, which is costed as `current` is), each operation's invocations at the mean billed duration that
 * operation had there (its own where it never ran there); else every invocation's own billed duration.
 */
export function candidateCost(rows: DecisionRows, groupInvocations: Float64Array, billedMsTotal: number, currentMB: number | undefined, minInvocations: number): CandidateCost {
  const groupBilled = new Float64Array(groupInvocations.length);
  for (const h of rows.sizes) for (let g = 0; g < groupBilled.length; g++) groupBilled[g] = groupBilled[g]! + h.groupBilledMs[g]!;
  return (memoryMB) => {
    const h = rows.sizes.find((s) => s.memoryMB === memoryMB);
    if (memoryMB === currentMB || h === undefined || h.totals.invocations < minInvocations) return { megabyteMs: memoryMB * billedMsTotal, durations: 'assumed' };
    let billed = 0;
    for (let g = 0; g < groupInvocations.length; g++) {
      const there = h.groupInvocations[g]!;
      billed += there > 0 ? (groupInvocations[g]! * h.groupBilledMs[g]!) / there : groupBilled[g]!;
    }
    return { megabyteMs: memoryMB * billed, durations: 'measured' };
  };
}

export interface RecommendationContext {
  readonly basisPeakMB: number;
  readonly stepMB: number;
  /** The censored Max Memory Used of every invocation. */
  readonly needs: ExactHistogram;
  readonly kills: readonly Kill[];
  readonly cost: CandidateCost;
  readonly monthlyUSD: (megabyteMs: number) => number | undefined;
  readonly currentUSD: number | undefined;
}

const usd = (x: number): number => roundTo(x, 6);

/** The three strategies with cost, savings against `current`, the invocations they would fail or cannot judge, and risk. */
export function recommendations(c: RecommendationContext): Recommendation[] {
  return STRATEGIES.map(({ strategy, factorPercent }) => {
    const memoryMB = recommendedMemoryMB(c.basisPeakMB, factorPercent, c.stepMB);
    const { megabyteMs, durations } = c.cost(memoryMB);
    const cost = c.monthlyUSD(megabyteMs);
    const exceeding = c.needs.countAbove(memoryMB);
    const unknown = c.kills.filter((k) => k.memorySizeMB < memoryMB).length;
    const savings = cost === undefined || c.currentUSD === undefined ? undefined : c.currentUSD - cost;
    return {
      strategy,
      factor: factorPercent / 100,
      memoryMB,
      monthlyCostUSD: cost === undefined ? null : usd(cost),
      monthlySavingsUSD: savings === undefined ? null : usd(savings),
      monthlySavingsPercent: savings === undefined || !c.currentUSD ? null : roundTo((savings / c.currentUSD) * 100, 2),
      exceedingInvocations: exceeding,
      unknownInvocations: unknown,
      risk: riskOf(memoryMB, c.basisPeakMB, exceeding, unknown),
      durations,
    };
  });
}

/** The operation with the highest basis peak (the first of equals), and the conservative size of the others. */
export function peakDriver(operations: readonly { operation: string; basisPeakMB: number; recommendedMemoryMB: Readonly<Record<Strategy, number>> }[]): PeakDriver | null {
  let driver: (typeof operations)[number] | undefined;
  for (const op of operations) if (driver === undefined || op.basisPeakMB > driver.basisPeakMB) driver = op;
  if (driver === undefined) return null;
  const others = operations.filter((op) => op !== driver).map((op) => op.recommendedMemoryMB.conservative);
  return { operation: driver.operation, basisPeakMB: driver.basisPeakMB, conservativeWithoutMB: others.length === 0 ? null : Math.max(...others) };
}

/** Every log stream the leak rule calls a suspect, the steepest rise first. */
export function leakSuspects(rows: DecisionRows, streamNames: readonly string[]): LeakSuspect[] {
  const out: LeakSuspect[] = [];
  for (const s of rows.streams) {
    if (s === undefined) continue;
    const fit = leakSuspect(s);
    if (fit === undefined) continue;
    out.push({ logStream: streamNames[s.stream]!, invocations: s.n, correlation: roundTo(fit.correlation, 6), riseMB: roundTo(fit.riseMB, 2), endedInOutOfMemory: s.endedInKill });
  }
  return out.sort((a, b) => b.riseMB - a.riseMB || (a.logStream < b.logStream ? -1 : a.logStream > b.logStream ? 1 : 0));
}

/** One row per Memory Size: invocations, kills, timeouts, p99 and max Max Memory Used, p95 billed duration, first and last seen. */
export function sizeHistory(sizes: readonly SizeHistory[]): MemorySizeBreakdown[] {
  const counted = sizes.filter((h) => h.totals.invocations > 0);
  const select = newSelection(Math.max(0, ...counted.map((h) => h.totals.invocations)));
  return counted.map((h) => {
      const { invocations: n, timeouts, outOfMemory, maxUsed } = h.totals;
      const [p99] = select(h.used, [nearestRank(99, n) - 1]);
      const [p95] = select(h.billedMs, [nearestRank(95, n) - 1]);
      return {
        memoryMB: h.memoryMB,
        invocations: n,
        timeouts,
        outOfMemory,
        maxMemoryUsedMB: maxUsed,
        p99MaxMemoryUsedMB: p99!,
        p95BilledDurationMs: p95!,
        firstSeen: isoTime(h.firstMs),
        lastSeen: isoTime(h.lastMs),
      };
    });
}
