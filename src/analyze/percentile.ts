/**
 * Nearest-rank position of percentile `p` among `n` sorted values: ceil(p/100 · n), 1-based.
 * `p` is taken in thousandths of a percent so that p99.9 stays exact in integer arithmetic.
 */
export function nearestRank(p: number, n: number): number {
  const milli = Math.round(p * 1000);
  return Math.max(1, Math.ceil((milli * n) / 100_000));
}

/** Rounds half away from zero to `digits` decimals. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * scale) / scale;
  return value < 0 ? -rounded : rounded;
}

/** Mean of integers given their exact sum, to 2 decimals (half up), without floating error in the division. */
export function meanOfIntegers(sum: number, n: number): number {
  return Math.floor((sum * 200 + n) / (2 * n)) / 100;
}
