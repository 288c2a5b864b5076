import { ExactHistogram } from './exact-histogram.js';
import { Flag, type Row } from './invocation-store.js';
import { maxOfKnown } from './known.js';

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

  /** The values, sorted in place: read them once, after the last push. */
  sorted(): Float64Array {
    return this.values.subarray(0, this.n).sort();
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
}

export const isTimeout = (flags: number): boolean => (flags & (Flag.timeoutStatus | Flag.timeoutLine)) !== 0;
export const isOutOfMemory = (flags: number): boolean => (flags & (Flag.outOfMemoryError | Flag.killedLine)) !== 0;
