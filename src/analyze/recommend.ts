export const LAMBDA_MIN_MEMORY_MB = 128;
export const LAMBDA_MAX_MEMORY_MB = 10_240;

export type Strategy = 'conservative' | 'aggressive' | 'optimized';

/** Safety factors, in hundredths so the size formula stays in integer arithmetic. */
export const STRATEGIES: readonly { readonly strategy: Strategy; readonly factorPercent: number }[] = [
  { strategy: 'conservative', factorPercent: 150 },
  { strategy: 'aggressive', factorPercent: 120 },
  { strategy: 'optimized', factorPercent: 115 },
];

/** min(10240, max(128, ceil(peak × factor / step) × step)), exact for integer peaks. */
export function recommendedMemoryMB(peakMB: number, factorPercent: number, stepMB: number): number {
  const steps = Math.ceil((peakMB * factorPercent) / (100 * stepMB));
  return Math.min(LAMBDA_MAX_MEMORY_MB, Math.max(LAMBDA_MIN_MEMORY_MB, steps * stepMB));
}

export type Risk = 'low' | 'medium' | 'high';

/**
 * High when invocations of the window needed more than the size (they would be killed), medium when some
 * invocation's need at it is unknown (it was killed for memory at a smaller size) or the size leaves less than 20%
 * over the (censored) basis peak, low otherwise.
 */
export function riskOf(memoryMB: number, basisPeakMB: number, exceedingInvocations: number, unknownInvocations: number): Risk {
  if (exceedingInvocations > 0) return 'high';
  return unknownInvocations > 0 || memoryMB * 100 < basisPeakMB * 120 ? 'medium' : 'low';
}
