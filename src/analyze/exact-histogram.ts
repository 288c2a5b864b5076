/** Values from 0 up to this are counted in a flat array; larger ones (past 16 GB) in a map. */
export const DENSE_LIMIT = 16_384;

/** Exact counts of integer values (MaxMemoryUsed in MB): every percentile read from it is the true one. */
export class ExactHistogram {
  private readonly dense: Float64Array;
  private readonly sparse = new Map<number, number>();
  private total = 0;
  private sum = 0;

  constructor(dense: Float64Array = new Float64Array(DENSE_LIMIT)) {
    this.dense = dense;
  }

  /**
   * The histogram of values counted elsewhere: `dense[v]` of each value v from 0 below DENSE_LIMIT (the array is
   * taken, not copied), and `others` listing every other value once per occurrence.
   */
  static fromCounts(dense: Float64Array, others: readonly number[]): ExactHistogram {
    let total = 0;
    let sum = 0;
    for (let v = 0; v < DENSE_LIMIT; v++) {
      const c = dense[v]!;
      total += c;
      sum += v * c;
    }
    const h = ExactHistogram.ofDense(dense, total, sum);
    for (const v of others) h.add(v);
    return h;
  }

  /** The histogram of `total` values from 0 below DENSE_LIMIT summing to `sum`, `dense[v]` of each value v (taken). */
  static ofDense(dense: Float64Array, total: number, sum: number): ExactHistogram {
    const h = new ExactHistogram(dense);
    h.total = total;
    h.sum = sum;
    return h;
  }

  add(value: number): void {
    if (value < DENSE_LIMIT) this.dense[value] = (this.dense[value] ?? 0) + 1;
    else this.sparse.set(value, (this.sparse.get(value) ?? 0) + 1);
    this.total += 1;
    this.sum += value;
  }

  /** Adds every value counted by `other`. */
  addAll(other: ExactHistogram): void {
    for (let v = 0; v < DENSE_LIMIT; v++) this.dense[v] = this.dense[v]! + other.dense[v]!;
    // (looked at only when it holds something: a loop never run before optimisation deoptimised this, each call)
    if (other.sparse.size > 0) for (const [v, c] of other.sparse) this.sparse.set(v, (this.sparse.get(v) ?? 0) + c);
    this.total += other.total;
    this.sum += other.sum;
  }

  /** A histogram of the same values that changes apart from this one. */
  clone(): ExactHistogram {
    const h = ExactHistogram.ofDense(this.dense.slice(), this.total, this.sum);
    for (const [v, c] of this.sparse) h.sparse.set(v, c);
    return h;
  }

  /** Takes one occurrence of `value`, which the histogram must hold, away. */
  remove(value: number): void {
    if (value < DENSE_LIMIT) this.dense[value] = this.dense[value]! - 1;
    else {
      const c = this.sparse.get(value)! - 1;
      if (c === 0) this.sparse.delete(value);
      else this.sparse.set(value, c);
    }
    this.total -= 1;
    this.sum -= value;
  }

  get count(): number {
    return this.total;
  }

  /** Sum of all values; exact while below 2^53. */
  get valueSum(): number {
    return this.sum;
  }

  /** Distinct values with their counts, ascending. */
  *entries(): Generator<[value: number, count: number]> {
    for (let v = 0; v < DENSE_LIMIT; v++) {
      const c = this.dense[v]!;
      if (c > 0) yield [v, c];
    }
    for (const v of this.sparseValues()) yield [v, this.sparse.get(v)!];
  }

  // The readers below walk the counts in plain loops rather than through entries(): they run once per figure of a
  // document, in code that is still cold, where a generator step costs far more than a loop step.

  /** Value at 1-based position `rank` of the sorted values. */
  valueAtRank(rank: number): number | undefined {
    if (rank < 1 || rank > this.total) return undefined;
    const dense = this.dense;
    let seen = 0;
    for (let v = 0; v < DENSE_LIMIT; v++) {
      seen += dense[v]!;
      if (seen >= rank) return v;
    }
    for (const v of this.sparseValues()) {
      seen += this.sparse.get(v)!;
      if (seen >= rank) return v;
    }
    return undefined;
  }

  /** How many values are strictly greater than `threshold`. */
  countAbove(threshold: number): number {
    const dense = this.dense;
    let n = 0;
    for (let v = Math.max(0, Math.floor(threshold) + 1); v < DENSE_LIMIT; v++) n += dense[v]!;
    for (const [v, c] of this.sparse) if (v > threshold) n += c;
    return n;
  }

  private sparseValues(): number[] {
    return [...this.sparse.keys()].sort((a, b) => a - b);
  }

  max(): number | undefined {
    return this.valueAtRank(this.total);
  }
}
