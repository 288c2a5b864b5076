import type { Collector } from './collector.js';
import { gbSeconds, monthlyFactor, monthlyUSD } from './cost.js';
import type { FunctionResult, MemorySizeBreakdown, OperationResult, PeakBasis, Recommendation, Warning } from './document.js';
import type { ExactHistogram } from './exact-histogram.js';
import { nullIfNaN } from './known.js';
import { histogramBins } from './histogram-bins.js';
import { durationStats, memoryStats } from './memory-stats.js';
import { compareOperations } from './operation.js';
import { nearestRank, roundTo } from './percentile.js';
import type { Architecture, LambdaPrices } from './prices.js';
import { STRATEGIES, recommendedMemoryMB, riskOf, type Strategy } from './recommend.js';
import { tallyRows } from './tally-rows.js';
import type { EffectiveWindow } from './window.js';

export interface SummaryOptions {
  readonly functionName: string;
  readonly arch: Architecture;
  readonly basis: PeakBasis;
  readonly stepMB: number;
  readonly prices: LambdaPrices;
  readonly window: EffectiveWindow;
}

const usd = (x: number): number => roundTo(x, 6);

/** Peak MaxMemoryUsed the recommendations rest on: the max, or a nearest-rank high percentile. */
export function basisPeak(h: ExactHistogram, basis: PeakBasis): number | undefined {
  if (h.count === 0) return undefined;
  const p = basis === 'max' ? 100 : basis === 'p99' ? 99 : 99.9;
  return h.valueAtRank(nearestRank(p, h.count));
}

function sizesFor(peak: number | undefined, stepMB: number): Record<Strategy, number> | undefined {
  if (peak === undefined) return undefined;
  const out = {} as Record<Strategy, number>;
  for (const s of STRATEGIES) out[s.strategy] = recommendedMemoryMB(peak, s.factorPercent, stepMB);
  return out;
}

/** Every figure of one function over the window: the core of `analyze` and `recommend`. */
export function summarizeFunction(collector: Collector, o: SummaryOptions): { result: FunctionResult; warnings: Warning[] } {
  const { all, operations, bySize, latestSize, withoutReport, untimedExcluded, aboveSize } = tallyRows(collector.store, o.window);

  let currentMBms = 0;
  let billedMsTotal = 0;
  for (const [size, s] of bySize) {
    currentMBms += size * s.billedMs;
    billedMsTotal += s.billedMs;
  }
  const n = all.invocations;
  const factor = o.window.lengthMs === undefined ? undefined : monthlyFactor(o.window.lengthMs);
  const monthly = (mbMs: number): number | undefined =>
    factor === undefined ? undefined : monthlyUSD(gbSeconds(mbMs) * factor, n * factor, o.prices, o.arch);
  const currentUSD = n === 0 ? undefined : monthly(currentMBms);

  const peak = basisPeak(all.memory, o.basis);
  const observedMax = all.memory.max();
  const recommendations: Recommendation[] =
    peak === undefined || observedMax === undefined
      ? []
      : STRATEGIES.map(({ strategy, factorPercent }) => {
          const memoryMB = recommendedMemoryMB(peak, factorPercent, o.stepMB);
          const cost = monthly(memoryMB * billedMsTotal);
          const exceeding = all.memory.countAbove(memoryMB);
          const savings = cost === undefined || currentUSD === undefined ? undefined : currentUSD - cost;
          return {
            strategy,
            factor: factorPercent / 100,
            memoryMB,
            monthlyCostUSD: cost === undefined ? null : usd(cost),
            monthlySavingsUSD: savings === undefined ? null : usd(savings),
            monthlySavingsPercent: savings === undefined || !currentUSD ? null : roundTo((savings / currentUSD) * 100, 2),
            exceedingInvocations: exceeding,
            risk: riskOf(memoryMB, observedMax, exceeding),
          };
        });

  const operationResults: OperationResult[] = [...operations.entries()]
    .sort(([a], [b]) => compareOperations(a, b))
    .map(([operation, g]) => ({
      operation,
      invocations: g.invocations,
      sharePercent: roundTo((g.invocations / n) * 100, 2),
      coldStarts: g.coldStarts,
      timeouts: g.timeouts,
      outOfMemory: g.outOfMemory,
      maxMemoryUsedMB: memoryStats(g.memory)!,
      durationMs: durationStats(g.durations)!,
      trackerPeakRssMB: nullIfNaN(g.peakRssMB),
      trackerPeakHeapMB: nullIfNaN(g.peakHeapMB),
      recommendedMemoryMB: sizesFor(basisPeak(g.memory, o.basis), o.stepMB)!,
    }));

  const memorySizes: MemorySizeBreakdown[] = [...bySize.entries()]
    .sort(([a], [b]) => a - b)
    .map(([memoryMB, s]) => ({ memoryMB, invocations: s.invocations, timeouts: s.timeouts, outOfMemory: s.outOfMemory, maxMemoryUsedMB: s.maxUsed }));

  const shownUpper = Math.max(observedMax ?? 0, latestSize ?? 0, ...recommendations.map((r) => r.memoryMB));
  const result: FunctionResult = {
    function: o.functionName,
    invocations: n,
    coldStarts: all.coldStarts,
    timeouts: all.timeouts,
    outOfMemory: all.outOfMemory,
    memorySizeMB: latestSize ?? null,
    arch: o.arch,
    maxMemoryUsedMB: memoryStats(all.memory),
    durationMs: durationStats(all.durations),
    billedGbSeconds: roundTo(gbSeconds(currentMBms), 6),
    monthlyInvocations: factor === undefined ? null : roundTo(n * factor, 2),
    memorySizes,
    histogram: histogramBins(all.memory, shownUpper),
    operations: operationResults,
    current: { memoryMB: latestSize ?? null, monthlyCostUSD: currentUSD === undefined ? null : usd(currentUSD) },
    basis: { statistic: o.basis, peakMB: peak ?? null, stepMB: o.stepMB },
    recommendations,
  };

  const warnings: Warning[] = [];
  const say = (code: string, count: number, message: string): void => {
    if (count > 0) warnings.push({ code, count, message: `${o.functionName}: ${message}` });
  };
  say('lines-without-report', withoutReport, `${withoutReport} request id(s) had tracker, tool or failure lines but no REPORT; they are not counted as invocations`);
  say('report-without-timestamp', untimedExcluded, `${untimedExcluded} REPORT(s) had no timestamp and could not be placed in the window; they are not counted`);
  say('max-memory-above-size', aboveSize, `${aboveSize} invocation(s) report Max Memory Used above their Memory Size`);
  return { result, warnings };
}
