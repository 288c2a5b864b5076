const DENSE_LIMIT = 16_384;

/** Exact counts of integer values (MaxMemoryUsed in MB): every percentile read from it is the true one. */
export class ExactHistogram {
  private readonly dense = new Float64Array(DENSE_LIMIT);
  private readonly sparse = new Map<number, number>();
  private total = 0;
  private sum = 0;

  add(value: number): void {
    if (value < DENSE_LIMIT) this.dense[value] = (this.dense[value] ?? 0) + 1;
    else this.sparse.set(value, (this.sparse.get(value) ?? 0) + 1);
    this.total += 1;
    this.sum += value;
  }

  /** Adds every value counted by `other`. */
  addAll(other: ExactHistogram): void {
    for (let v = 0; v < DENSE_LIMIT; v++) this.dense[v] = this.dense[v]! + other.dense[v]!;
    for (const [v, c] of other.sparse) this.sparse.set(v, (this.sparse.get(v) ?? 0) + c);
    this.total += other.total;
    this.sum += other.sum;
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
      const c = this.dense[v] ?? 0;
      if (c > 0) yield [v, c];
    }
    for (const v of [...this.sparse.keys()].sort((a, b) => a - b)) yield [v, this.sparse.get(v) ?? 0];
  }

  /** Value at 1-based position `rank` of the sorted values. */
  valueAtRank(rank: number): number | undefined {
    if (rank < 1 || rank > this.total) return undefined;
    let seen = 0;
    for (const [value, count] of this.entries()) {
      seen += count;
      if (seen >= rank) return value;
    }
    return undefined;
  }

  /** How many values are strictly greater than `threshold`. */
  countAbove(threshold: number): number {
    let n = 0;
    for (const [value, count] of this.entries()) if (value > threshold) n += count;
    return n;
  }

  max(): number | undefined {
    return this.valueAtRank(this.total);
  }
}
