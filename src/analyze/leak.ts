/**
 * One log stream's (execution environment's) warm invocations as sums over t (report time in seconds from the
 * window's start) and m (Max Memory Used, MB): sums rather than points, so that a server-side aggregation can hand
 * over the same figures. In float64, figures from two engines agree to within LEAK_TOLERANCE.
 */
export interface StreamSums {
  readonly stream: number;
  n: number;
  t: number;
  m: number;
  tt: number;
  mm: number;
  tm: number;
  firstWarmSeconds: number;
  lastWarmSeconds: number;
  /** The stream's latest counted report, warm or cold: its time, whether it was killed for memory, its Memory Size. */
  lastSeconds: number;
  endedInKill: boolean;
  memorySizeMB: number;
}

/** The rule's thresholds: at least 10 warm invocations, r ≥ 0.8, a rise of 20 MB or 10% of the Memory Size. */
export const LEAK_RULE = { minWarmInvocations: 10, minCorrelation: 0.8, minRiseMB: 20, minRiseShareOfSize: 0.1 } as const;
/** Relative tolerance within which two engines' correlation and rise must agree (float64 sums in another order). */
export const LEAK_TOLERANCE = 1e-9;

export interface LeakFit {
  readonly correlation: number;
  readonly riseMB: number;
}

/**
 * Pearson's r of m with t and the least-squares rise over the warm span, slope × (last − first); undefined when t or
 * m does not vary (no line can be fitted, or memory is flat).
 */
export function fitLeak(s: StreamSums): LeakFit | undefined {
  const { n } = s;
  const stt = n * s.tt - s.t * s.t;
  const smm = n * s.mm - s.m * s.m;
  const stm = n * s.tm - s.t * s.m;
  if (!(stt > 0) || !(smm > 0)) return undefined;
  return { correlation: stm / Math.sqrt(stt * smm), riseMB: (stm / stt) * (s.lastWarmSeconds - s.firstWarmSeconds) };
}

/** Whether the stream's memory rises steadily enough to call it a leak suspect, with its fit. */
export function leakSuspect(s: StreamSums): LeakFit | undefined {
  if (s.n < LEAK_RULE.minWarmInvocations) return undefined;
  const fit = fitLeak(s);
  if (fit === undefined || fit.correlation < LEAK_RULE.minCorrelation) return undefined;
  const enough = fit.riseMB >= LEAK_RULE.minRiseMB || fit.riseMB >= LEAK_RULE.minRiseShareOfSize * s.memorySizeMB;
  return enough ? fit : undefined;
}
