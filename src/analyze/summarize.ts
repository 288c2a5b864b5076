import type { Collector } from './collector.js';
import { gbSeconds, monthlyFactor, monthlyUSD } from './cost.js';
import { basisPeak, candidateCost, censored, leakSuspects, peakDriver, recommendations, sizeHistory, sizesFor } from './decide.js';
import { readDecisionRows } from './decision-rows.js';
import type { FunctionResult, OperationResult, PeakBasis, Warning } from './document.js';
import { applyOf, findingOf, type Deployment } from './finding.js';
import { nullIfNaN } from './known.js';
import { histogramBins } from './histogram-bins.js';
import { durationStats, memoryStats } from './memory-stats.js';
import { compareOperations } from './operation.js';
import { roundTo } from './percentile.js';
import type { Architecture, LambdaPrices } from './prices.js';
import type { Strategy } from './recommend.js';
import { groupsOfTools, tallyRows } from './tally-rows.js';
import type { EffectiveWindow } from './window.js';

export interface SummaryOptions {
  readonly functionName: string;
  readonly arch: Architecture;
  readonly basis: PeakBasis;
  readonly stepMB: number;
  readonly prices: LambdaPrices;
  readonly window: EffectiveWindow;
  /** Invocations at a Memory Size below which it is not judged (the finding) and its durations not used (costs). */
  readonly minInvocations: number;
  readonly strategy: Strategy;
  readonly deployment: Deployment;
}

const usd = (x: number): number => roundTo(x, 6);

/** Every figure of one function over the window: the core of `analyze` and `recommend`. */
export function summarizeFunction(collector: Collector, o: SummaryOptions): { result: FunctionResult; warnings: Warning[] } {
  const store = collector.store;
  const { all, operations, bySize, latestSize, withoutReport, untimedExcluded, aboveSize } = tallyRows(store, o.window);
  const { groupOfTool, operations: groupNames } = groupsOfTools(store.toolNames);
  const rows = readDecisionRows(store, o.window, groupOfTool, groupNames.length, bySize, all.outOfMemory);

  let actualMBms = 0;
  let billedMsTotal = 0;
  for (const [size, s] of bySize) {
    actualMBms += size * s.billedMs;
    billedMsTotal += s.billedMs;
  }
  const n = all.invocations;
  const factor = o.window.lengthMs === undefined ? undefined : monthlyFactor(o.window.lengthMs);
  const monthly = (mbMs: number): number | undefined =>
    factor === undefined || n === 0 ? undefined : monthlyUSD(gbSeconds(mbMs) * factor, n * factor, o.prices, o.arch);
  const actualUSD = monthly(actualMBms);
  const currentUSD = latestSize === undefined ? undefined : monthly(latestSize * billedMsTotal);

  const needs = censored(all.memory, rows.kills);
  const peak = basisPeak(needs, o.basis);
  const groupInvocations = Float64Array.from(groupNames, (name) => operations.get(name)?.invocations ?? 0);
  const recommended =
    peak === undefined
      ? []
      : recommendations({
          basisPeakMB: peak,
          stepMB: o.stepMB,
          needs,
          kills: rows.kills,
          cost: candidateCost(rows, groupInvocations, billedMsTotal, latestSize, o.minInvocations),
          monthlyUSD: monthly,
          currentUSD,
        });

  const operationResults: OperationResult[] = [...operations.entries()]
    .sort(([a], [b]) => compareOperations(a, b))
    .map(([operation, g]) => {
      const opPeak = basisPeak(censored(g.memory, rows.kills.filter((k) => groupNames[k.group] === operation)), o.basis)!;
      return {
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
      basisPeakMB: opPeak,
      recommendedMemoryMB: sizesFor(opPeak, o.stepMB),
      };
    });

  const atCurrent = latestSize === undefined ? undefined : bySize.get(latestSize);
  const leaks = leakSuspects(rows, store.streamNames);
  const pick = (strategy: Strategy): number | undefined => recommended.find((r) => r.strategy === strategy)?.memoryMB;
  const { finding, reasons } = findingOf({
    currentMB: latestSize,
    invocationsAtCurrent: atCurrent?.invocations ?? 0,
    killedAtCurrent: atCurrent?.outOfMemory ?? 0,
    timeoutsAtCurrent: atCurrent?.timeouts ?? 0,
    minInvocations: o.minInvocations,
    conservativeMB: pick('conservative'),
    optimizedMB: pick('optimized'),
    leakSuspects: leaks.length,
    fewInvocationOperations: operationResults.filter((op) => op.invocations < o.minInvocations).length,
  });

  const shownUpper = Math.max(all.memory.max() ?? 0, latestSize ?? 0, ...recommended.map((r) => r.memoryMB));
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
    billedGbSeconds: roundTo(gbSeconds(actualMBms), 6),
    monthlyInvocations: factor === undefined ? null : roundTo(n * factor, 2),
    memorySizes: sizeHistory(rows.sizes),
    histogram: histogramBins(all.memory, shownUpper),
    operations: operationResults,
    current: { memoryMB: latestSize ?? null, invocations: atCurrent?.invocations ?? 0, monthlyCostUSD: currentUSD === undefined ? null : usd(currentUSD) },
    actual: { monthlyCostUSD: actualUSD === undefined ? null : usd(actualUSD) },
    basis: { statistic: o.basis, peakMB: peak ?? null, censoredInvocations: rows.kills.length, stepMB: o.stepMB, minInvocations: o.minInvocations },
    recommendations: recommended,
    finding,
    findingReasons: reasons,
    apply: applyOf(finding, o.strategy, pick(o.strategy), o.deployment),
    peakDriver: peakDriver(operationResults),
    leakSuspects: leaks,
  };

  const warnings: Warning[] = [];
  const say = (code: string, count: number, message: string): void => {
    if (count > 0) warnings.push({ code, count, message: `${o.functionName}: ${message}` });
  };
  say('lines-without-report', withoutReport, `${withoutReport} request id(s) had tracker, tool or failure lines but no REPORT; they are not counted as invocations`);
  say('report-without-timestamp', untimedExcluded, `${untimedExcluded} REPORT(s) had no timestamp and could not be placed in the window; they are not counted`);
  const streamless = n > 0 && rows.streams.every((x) => x === undefined) ? n : 0;
  say('no-log-streams', streamless, `the input names no log stream for its ${n} invocation(s) (an S3 export or \`tail --format short\`), so no execution environment could be tested for a leak`);
  say('max-memory-above-size', aboveSize, `${aboveSize} invocation(s) report Max Memory Used above their Memory Size`);
  return { result, warnings };
}
