/** Whether `a` sorts before `b` as `Float64Array.prototype.sort` orders them: ascending, -0 before +0, NaN last. */
function before(a: number, b: number): boolean {
  if (a < b) return true;
  if (a !== b) return a === a && b !== b; // only a number before a NaN
  return a === 0 && 1 / a < 0 && 1 / b > 0;
}

/**
 * Rearranges `values` so that the value at index `k` is the one the built-in sort would put there, with no value
 * after it sorting before it and none before it sorting after it (quickselect on [from, to)). Linear on average
 * where a sort is n log n. In a run (code that runs once, mostly unoptimised), the 250 MB tail's document spent
 * 39–47 ms sorting durations and 21–35 ms selecting the ranks instead.
 */
export function selectRank(values: Float64Array, k: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    // median of three as the pivot, so that sorted or equal runs stay linear on average
    const mid = lo + ((hi - lo) >> 1);
    if (before(values[mid]!, values[lo]!)) swap(values, mid, lo);
    if (before(values[hi]!, values[lo]!)) swap(values, hi, lo);
    if (before(values[hi]!, values[mid]!)) swap(values, hi, mid);
    const pivot = values[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(values[i]!, pivot)) i += 1;
      while (before(pivot, values[j]!)) j -= 1;
      if (i <= j) {
        swap(values, i, j);
        i += 1;
        j -= 1;
      }
    }
    // now [lo, j] sorts at or before the pivot, [i, hi] at or after it, and (j, i) equals it
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}
