import type { DurationStats, MemoryStats } from './memory-stats.js';
import type { Architecture } from './prices.js';
import type { Risk, Strategy } from './recommend.js';

/** The versioned result document; `schema/llmmem-result.v1.schema.json` describes it for users. */
export const SCHEMA_VERSION = 1;

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

export interface MemorySizeBreakdown {
  readonly memoryMB: number;
  readonly invocations: number;
  readonly timeouts: number;
  readonly outOfMemory: number;
  readonly maxMemoryUsedMB: number;
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
  readonly recommendedMemoryMB: Readonly<Record<Strategy, number>>;
}

export interface Recommendation {
  readonly strategy: Strategy;
  readonly factor: number;
  readonly memoryMB: number;
  readonly monthlyCostUSD: number | null;
  readonly monthlySavingsUSD: number | null;
  readonly monthlySavingsPercent: number | null;
  readonly exceedingInvocations: number;
  readonly risk: Risk;
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
  readonly current: { readonly memoryMB: number | null; readonly monthlyCostUSD: number | null };
  readonly basis: { readonly statistic: PeakBasis; readonly peakMB: number | null; readonly stepMB: number };
  readonly recommendations: readonly Recommendation[];
}

export type PeakBasis = 'max' | 'p99' | 'p99.9';
