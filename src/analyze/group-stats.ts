import { ExactHistogram } from './exact-histogram.js';
import { Flag } from './invocation-store.js';
import { maxOfKnown } from './known.js';
import { selectRank } from './select-rank.js';

/** A group's durations: how many, their sum in the order they came in, and the values at given sorted indexes. */
export interface Durations {
  readonly length: number;
  readonly sum: number;
  /** The values at `indexes` of the values sorted (as `Float64Array.prototype.sort` orders them); ask once. */
  atSortedIndexes(indexes: readonly number[]): number[];
}

/**
 * The values at `indexes` of some values sorted, each found by `select(index, from)`: a selection over the values
 * from `from` on that leaves none after `index` sorting before it. The smallest index is found first, so that each
 * later selection needs only the values from the last one found on (the high percentiles lie in a short tail).
 */
export function selectIndexes(indexes: readonly number[], select: (index: number, from: number) => number): number[] {
  const out = new Array<number>(indexes.length);
  const order = indexes.map((_, k) => k).sort((a, b) => indexes[a]! - indexes[b]!);
  let from = 0;
  for (const k of order) {
    const index = indexes[k]!;
    out[k] = select(index, from);
    from = index;
  }
  return out;
}

/** Durations of a group in a typed array: 8 bytes each, where a JS array of numbers takes two to four times that. */
export class DurationList implements Durations {
  /** `values` are taken, not copied; `sum` is theirs in the order they came in (the mean is read from it). */
  constructor(
    private readonly values: Float64Array,
    readonly sum: number,
  ) {}

  get length(): number {
    return this.values.length;
  }

  /** Found by selection rather than a sort; reorders the values. */
  atSortedIndexes(indexes: readonly number[]): number[] {
    return selectIndexes(indexes, (index, from) => selectRank(this.values, index, from, this.values.length));
  }
}

/** The totals of one group of invocations (a function, or one operation of it). */
export class GroupStats {
  invocations = 0;
  coldStarts = 0;
  timeouts = 0;
  outOfMemory = 0;
  peakRssMB = Number.NaN;
  peakHeapMB = Number.NaN;

  constructor(
    readonly memory: ExactHistogram,
    readonly durations: Durations,
  ) {}

  /**
   * The totals of `groups` together, as one group that every row was added to would hold, with `durations` all of
   * theirs and `memory` (when given) all of their Max Memory Used.
   */
  static combine(groups: readonly GroupStats[], durations: Durations, memory?: ExactHistogram): GroupStats {
    const out = new GroupStats(memory ?? new ExactHistogram(), durations);
    for (const g of groups) {
      if (memory === undefined) out.memory.addAll(g.memory);
      out.invocations += g.invocations;
      out.coldStarts += g.coldStarts;
      out.timeouts += g.timeouts;
      out.outOfMemory += g.outOfMemory;
      out.peakRssMB = maxOfKnown(out.peakRssMB, g.peakRssMB);
      out.peakHeapMB = maxOfKnown(out.peakHeapMB, g.peakHeapMB);
    }
    return out;
  }
}

/** The flags of a row that make it a timeout: the report's Status, or a `Task timed out` line. */
export const TIMEOUT_FLAGS = Flag.timeoutStatus | Flag.timeoutLine;
/** The flags of a row that make it an out-of-memory kill: the report's Error Type, or a `signal: killed` line. */
export const OUT_OF_MEMORY_FLAGS = Flag.outOfMemoryError | Flag.killedLine;
