import { ExactHistogram } from './exact-histogram.js';
import { Flag, type InvocationStore } from './invocation-store.js';

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

  add(store: InvocationStore, i: number): void {
    const flags = store.flags[i]!;
    this.invocations += 1;
    this.memory.add(store.maxMemoryUsedMB[i]!);
    this.durations.push(store.durationMs[i]!);
    if ((flags & Flag.coldStart) !== 0) this.coldStarts += 1;
    if (isTimeout(flags)) this.timeouts += 1;
    if (isOutOfMemory(flags)) this.outOfMemory += 1;
    const rss = store.peakRssMB[i]!;
    const heap = store.peakHeapMB[i]!;
    if (!(rss <= this.peakRssMB)) this.peakRssMB = Number.isNaN(rss) ? this.peakRssMB : rss;
    if (!(heap <= this.peakHeapMB)) this.peakHeapMB = Number.isNaN(heap) ? this.peakHeapMB : heap;
  }
}

export const isTimeout = (flags: number): boolean => (flags & (Flag.timeoutStatus | Flag.timeoutLine)) !== 0;
export const isOutOfMemory = (flags: number): boolean => (flags & (Flag.outOfMemoryError | Flag.killedLine)) !== 0;

export const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);
