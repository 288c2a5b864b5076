import type { Apply, Finding } from './finding.js';
import type { DurationStats, MemoryStats } from './memory-stats.js';
import type { Architecture } from './prices.js';
import type { Risk, Strategy } from './recommend.js';

/**
 * The versioned result document; `schema/llmmem-result.v2.schema.json` describes it for users. Version 2: `current`
 * costs the latest Memory Size for every invocation (what the window cost is `actual`), and the decisions.
 */
export const SCHEMA_VERSION = 2;

export interface ResultDocument {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly generatedBy: string;
  readonly window: WindowInfo;
  readonly source: SourceInfo;
  readonly pricing: PricingInfo;
  readonly assumptions: readonly string[];
  readonly functions: readonly FunctionResult[];
  readonly warnings: readonly Warning[];
}

export interface WindowInfo {
  readonly start: string | null;
  readonly end: string | null;
  readonly days: number | null;
  /** `flags` when --start/--end/--days/--since set it; `data` when it is the span of the events read. */
  readonly from: 'flags' | 'data';
}

export interface SourceInfo {
  readonly kind: 'files' | 'cloudwatch';
  readonly events: number;
  readonly skippedLines: number;
  readonly complete: boolean;
  readonly [detail: string]: unknown;
}

export interface PricingInfo {
  readonly region: string;
  readonly asOf: string;
  readonly source: string;
  readonly gbIsMB: 1024;
}

export interface Warning {
  readonly code: string;
  readonly message: string;
  readonly count?: number;
}

/** One Memory Size the window holds: the after-the-change check of a rollout. */
export interface MemorySizeBreakdown {
  readonly memoryMB: number;
  readonly invocations: number;
  readonly timeouts: number;
  readonly outOfMemory: number;
  readonly maxMemoryUsedMB: number;
  readonly p99MaxMemoryUsedMB: number;
  readonly p95BilledDurationMs: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface OperationResult {
  readonly operation: string;
  readonly invocations: number;
  readonly sharePercent: number;
  readonly coldStarts: number;
  readonly timeouts: number;
  readonly outOfMemory: number;
  readonly maxMemoryUsedMB: MemoryStats;
  readonly durationMs: DurationStats;
  readonly trackerPeakRssMB: number | null;
  readonly trackerPeakHeapMB: number | null;
  /** The basis statistic over Max Memory Used with kills for memory counted as their Memory Size + 1 MB. */
  readonly basisPeakMB: number;
  readonly recommendedMemoryMB: Readonly<Record<Strategy, number>>;
}

export interface Recommendation {
  readonly strategy: Strategy;
  readonly factor: number;
  readonly memoryMB: number;
  readonly monthlyCostUSD: number | null;
  readonly monthlySavingsUSD: number | null;
  readonly monthlySavingsPercent: number | null;
  /** Invocations that needed more than this size: Max Memory Used above it, or killed for memory at it or above. */
  readonly exceedingInvocations: number;
  /** Invocations killed for memory at a smaller size: whether this size would have held them is not known. */
  readonly unknownInvocations: number;
  readonly risk: Risk;
  /** `measured`: costed with the billed durations the window measured at this size; `assumed`: with the window's own. */
  readonly durations: 'measured' | 'assumed';
}

export interface LeakSuspect {
  readonly logStream: string;
  /** Warm invocations the fit rests on. */
  readonly invocations: number;
  readonly correlation: number;
  readonly riseMB: number;
  readonly endedInOutOfMemory: boolean;
}

/** The operation whose (censored) basis peak sets the function's, and the conservative size without it. */
export interface PeakDriver {
  readonly operation: string;
  readonly basisPeakMB: number;
  readonly conservativeWithoutMB: number | null;
}

export interface HistogramBin {
  readonly fromMB: number;
  readonly toMB: number;
  readonly invocations: number;
}

export interface FunctionResult {
  readonly function: string;
  readonly invocations: number;
  readonly coldStarts: number;
  readonly timeouts: number;
  readonly outOfMemory: number;
  readonly memorySizeMB: number | null;
  readonly arch: Architecture;
  readonly maxMemoryUsedMB: MemoryStats | null;
  readonly durationMs: DurationStats | null;
  readonly billedGbSeconds: number;
  readonly monthlyInvocations: number | null;
  readonly memorySizes: readonly MemorySizeBreakdown[];
  readonly histogram: readonly HistogramBin[];
  readonly operations: readonly OperationResult[];
  /** The latest Memory Size, costed for every invocation of the window with its own billed duration. */
  readonly current: { readonly memoryMB: number | null; readonly invocations: number; readonly monthlyCostUSD: number | null };
  /** What the window cost: each invocation at its own Memory Size. */
  readonly actual: { readonly monthlyCostUSD: number | null };
  readonly basis: {
    readonly statistic: PeakBasis;
    /** Over the censored values: an invocation killed for memory at size S counts as S + 1 MB. */
    readonly peakMB: number | null;
    readonly censoredInvocations: number;
    readonly stepMB: number;
    readonly minInvocations: number;
  };
  readonly recommendations: readonly Recommendation[];
  readonly finding: Finding;
  readonly findingReasons: readonly string[];
  readonly apply: Apply | null;
  readonly peakDriver: PeakDriver | null;
  readonly leakSuspects: readonly LeakSuspect[];
}

export type PeakBasis = 'max' | 'p99' | 'p99.9';
