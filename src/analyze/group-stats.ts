import { ExactHistogram } from './exact-histogram.js';
import { Flag, type Row } from './invocation-store.js';
import { maxOfKnown } from './known.js';
import { selectRank } from './select-rank.js';

/** Durations of a group in a growing typed array: 8 bytes each, where a JS array of numbers takes two to four times that. */
export class DurationList {
  private values = new Float64Array(1024);
  private n = 0;
  /** Sum in the order the values came in (the mean is computed from it, so it does not depend on sorting). */
  sum = 0;

  push(value: number): void {
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = value;
    this.sum += value;
  }

  get length(): number {
    return this.n;
  }

  /** Appends the values of `other` (not its sum: that is the caller's, a floating-point sum depending on order). */
  append(other: DurationList): void {
    if (this.n + other.n > this.values.length) {
      const grown = new Float64Array(Math.max(this.n + other.n, this.values.length * 2));
      grown.set(this.values.subarray(0, this.n));
      this.values = grown;
    }
    this.values.set(other.values.subarray(0, other.n), this.n);
    this.n += other.n;
  }

  /**
   * The values at `indexes` of the values sorted (as `Float64Array.prototype.sort` orders them), found by selection
   * rather than a sort; reorders the values, so ask once, after the last push.
   */
  atSortedIndexes(indexes: readonly number[]): number[] {
    const values = this.values.subarray(0, this.n);
    const out = new Array<number>(indexes.length);
    // largest index first: each selection leaves every value before it sorting at or before it
    const order = indexes.map((_, k) => k).sort((a, b) => indexes[b]! - indexes[a]!);
    let to = this.n;
    for (const k of order) {
      const index = indexes[k]!;
      out[k] = selectRank(values, index, 0, Math.min(to, this.n));
      to = index + 1;
    }
    return out;
  }
}

/** Running totals of one group of invocations (a function, or one operation of it). */
export class GroupStats {
  readonly memory = new ExactHistogram();
  readonly durations = new DurationList();
  invocations = 0;
  coldStarts = 0;
  timeouts = 0;
  outOfMemory = 0;
  peakRssMB = Number.NaN;
  peakHeapMB = Number.NaN;

  add(row: Row): void {
    const flags = row.flags;
    this.invocations += 1;
    this.memory.add(row.maxMemoryUsedMB);
    this.durations.push(row.durationMs);
    if ((flags & Flag.coldStart) !== 0) this.coldStarts += 1;
    if (isTimeout(flags)) this.timeouts += 1;
    if (isOutOfMemory(flags)) this.outOfMemory += 1;
    this.peakRssMB = maxOfKnown(this.peakRssMB, row.peakRssMB);
    this.peakHeapMB = maxOfKnown(this.peakHeapMB, row.peakHeapMB);
  }

  /**
   * The totals of `groups` together, as one group that every row was added to would hold; `durationSum` is the
   * durations summed in row order (a floating-point sum depends on its order, and the mean is read from it).
   */
  static combine(groups: readonly GroupStats[], durationSum: number): GroupStats {
    const out = new GroupStats();
    for (const g of groups) {
      out.memory.addAll(g.memory);
      out.invocations += g.invocations;
      out.coldStarts += g.coldStarts;
      out.timeouts += g.timeouts;
      out.outOfMemory += g.outOfMemory;
      out.peakRssMB = maxOfKnown(out.peakRssMB, g.peakRssMB);
      out.peakHeapMB = maxOfKnown(out.peakHeapMB, g.peakHeapMB);
    }
    for (const g of groups) out.durations.append(g.durations);
    out.durations.sum = durationSum;
    return out;
  }
}

export const isTimeout = (flags: number): boolean => (flags & (Flag.timeoutStatus | Flag.timeoutLine)) !== 0;
export const isOutOfMemory = (flags: number): boolean => (flags & (Flag.outOfMemoryError | Flag.killedLine)) !== 0;
