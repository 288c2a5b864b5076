import { ExactHistogram } from './exact-histogram.js';
import { Flag, type Row } from './invocation-store.js';
import { maxOfKnown } from './known.js';

/** Running totals of one group of invocations (a function, or one operation of it). */
export class GroupStats {
  readonly memory = new ExactHistogram();
  readonly durations: number[] = [];
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
