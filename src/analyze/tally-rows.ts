import { DENSE_LIMIT, ExactHistogram } from './exact-histogram.js';
import { DurationList, GroupStats, OUT_OF_MEMORY_FLAGS, TIMEOUT_FLAGS } from './group-stats.js';
import { Flag, PAGE_BITS, PAGE_SIZE, type InvocationStore } from './invocation-store.js';
import { operationOf } from './operation.js';
import { kernelTally } from './row-tally.js';
import type { EffectiveWindow } from './window.js';

export interface SizeTotals {
  invocations: number;
  timeouts: number;
  outOfMemory: number;
  maxUsed: number;
  billedMs: number;
}

/** The rows of a store, added up: what the summary is computed from. */
export interface Tally {
  readonly all: GroupStats;
  readonly operations: Map<string, GroupStats>;
  readonly bySize: Map<number, SizeTotals>;
  readonly latestSize: number | undefined;
  readonly withoutReport: number;
  readonly untimedExcluded: number;
  readonly aboveSize: number;
}

const NOT_COUNTED = -1;
/** Rows a run of the loops below takes (a power of two, so that no run crosses a page). */
const RUN = 256;
const SLOT = PAGE_SIZE - 1;

/** Each tool number's group (offset by 2 for MANY_TOOLS and NO_TOOL), and each group's operation. */
export function groupsOfTools(toolNames: readonly string[]): { groupOfTool: Int32Array; operations: string[] } {
  const groupOfTool = new Int32Array(toolNames.length + 2);
  const groupOf = new Map<string, number>();
  for (let t = -2; t < toolNames.length; t++) {
    const operation = operationOf(t, toolNames);
    let g = groupOf.get(operation);
    if (g === undefined) groupOf.set(operation, (g = groupOf.size));
    groupOfTool[t + 2] = g;
  }
  return { groupOfTool, operations: [...groupOf.keys()] };
}

/**
 * The rows of `store` added up: by the WebAssembly kernel (row-tally.ts) when the store is of its shape, else by
 * tallyInScript. This runs once, after the input, while JavaScript is still cold.
 */
export function tallyRows(store: InvocationStore, window: EffectiveWindow): Tally {
  const { groupOfTool, operations: names } = groupsOfTools(store.toolNames);
  return kernelTally(store, window, groupOfTool, names) ?? tallyInScript(store, window, groupOfTool, names);
}

/**
 * tallyRows in JavaScript, for a store the kernel does not take: three passes over the columns, each group's totals
 * in typed arrays. Each pass is a small loop, quickly optimised, and a path first taken after that (another Memory
 * Size, say) costs a small loop's recompiling, not a large one's.
 */
export function tallyInScript(store: InvocationStore, window: EffectiveWindow, groupOfTool: Int32Array, names: readonly string[]): Tally {
  const groupOfRow = new Int32Array(store.size);
  const { invocations, withoutReport, untimedExcluded } = assignGroups(store, window, groupOfTool, groupOfRow, names.length);
  const { groups, durations } = addUpGroups(store, groupOfRow, invocations);
  const { bySize, latestSize, aboveSize } = addUpSizes(store, groupOfRow);
  const operations = new Map<string, GroupStats>();
  groups.forEach((group, g) => {
    if (group !== undefined) operations.set(names[g]!, group);
  });
  const all = GroupStats.combine([...operations.values()], durations);
  return { all, operations, bySize, latestSize, withoutReport, untimedExcluded, aboveSize };
}

/**
 * Sets each row's group (NOT_COUNTED for a row without a report or outside the window) and counts each group's
 * rows. Rows go in runs of RUN, each reading its page's columns afresh, so that the code between runs has run
 * many times, with type feedback, before the loop is optimised (else the optimised loop would be dropped at the
 * first page's end).
 */
function assignGroups(store: InvocationStore, window: EffectiveWindow, groupOfTool: Int32Array, groupOfRow: Int32Array, groups: number) {
  const invocations = new Float64Array(groups);
  const windowed = window.from !== 'data';
  const startMs = window.startMs ?? Number.NaN;
  const endMs = window.endMs ?? Number.NaN;
  let withoutReport = 0;
  let untimedExcluded = 0;
  const rows = store.size;
  for (let from = 0; from < rows; from += RUN) {
    const { flags, timestamp, tool } = store.page(from >>> PAGE_BITS);
    const to = Math.min(rows, from + RUN);
    for (let i = from, s = from & SLOT; i < to; i++, s++) {
      let g = NOT_COUNTED;
      if ((flags[s]! & Flag.hasReport) === 0) withoutReport += 1;
      else {
        const ts = timestamp[s]!;
        if (!windowed || (ts >= startMs && ts < endMs)) g = groupOfTool[tool[s]! + 2]!;
        else if (ts !== ts) untimedExcluded += 1;
      }
      groupOfRow[i] = g;
      if (g !== NOT_COUNTED) invocations[g] = invocations[g]! + 1;
    }
  }
  return { invocations, withoutReport, untimedExcluded };
}

/** Each group's totals (undefined for a group with no rows), and the durations of all their rows. */
function addUpGroups(store: InvocationStore, groupOfRow: Int32Array, invocations: Float64Array) {
  const groups = invocations.length;
  const coldStarts = new Float64Array(groups);
  const timeouts = new Float64Array(groups);
  const outOfMemory = new Float64Array(groups);
  const peakRss = new Float64Array(groups).fill(Number.NaN);
  const peakHeap = new Float64Array(groups).fill(Number.NaN);
  const dense = Array.from(invocations, (n) => new Float64Array(n === 0 ? 0 : DENSE_LIMIT));
  const others = Array.from(invocations, (): number[] => []);
  const durations = Array.from(invocations, (n) => new Float64Array(n));
  const filled = new Int32Array(groups);
  const allDurations = new Float64Array(invocations.reduce((a, b) => a + b, 0));
  let counted = 0;
  // each group's durations and all of them summed in row order: a floating-point sum depends on its order
  const durationSums = new Float64Array(groups);
  let durationSum = 0;
  const rows = store.size;
  for (let from = 0; from < rows; from += RUN) {
    const { flags: flagsOf, maxMemoryUsedMB, durationMs, peakRssMB, peakHeapMB } = store.page(from >>> PAGE_BITS);
    const to = Math.min(rows, from + RUN);
    for (let i = from, s = from & SLOT; i < to; i++, s++) {
      const g = groupOfRow[i]!;
      if (g === NOT_COUNTED) continue;
      const flags = flagsOf[s]!;
      const used = maxMemoryUsedMB[s]!;
      const d = durationMs[s]!;
      durationSum += d;
      allDurations[counted++] = d;
      durationSums[g] = durationSums[g]! + d;
      durations[g]![filled[g]!] = d;
      filled[g] = filled[g]! + 1;
      if (used >= 0 && used < DENSE_LIMIT) dense[g]![used] = dense[g]![used]! + 1;
      else others[g]!.push(used);
      if ((flags & Flag.coldStart) !== 0) coldStarts[g] = coldStarts[g]! + 1;
      if ((flags & TIMEOUT_FLAGS) !== 0) timeouts[g] = timeouts[g]! + 1;
      if ((flags & OUT_OF_MEMORY_FLAGS) !== 0) outOfMemory[g] = outOfMemory[g]! + 1;
      // the larger where NaN means none seen, as maxOfKnown
      const rss = peakRssMB[s]!;
      if (rss === rss) peakRss[g] = peakRss[g]! !== peakRss[g]! ? rss : Math.max(peakRss[g]!, rss);
      const heap = peakHeapMB[s]!;
      if (heap === heap) peakHeap[g] = peakHeap[g]! !== peakHeap[g]! ? heap : Math.max(peakHeap[g]!, heap);
    }
  }
  const stats = Array.from(invocations, (n, g): GroupStats | undefined => {
    if (n === 0) return undefined;
    const group = new GroupStats(ExactHistogram.fromCounts(dense[g]!, others[g]!), new DurationList(durations[g]!, durationSums[g]!));
    group.invocations = n;
    group.coldStarts = coldStarts[g]!;
    group.timeouts = timeouts[g]!;
    group.outOfMemory = outOfMemory[g]!;
    group.peakRssMB = peakRss[g]!;
    group.peakHeapMB = peakHeap[g]!;
    return group;
  });
  return { groups: stats, durations: new DurationList(allDurations, durationSum) };
}

/** Totals by Memory Size, the Memory Size of the latest report, and how many reports use more than theirs. */
function addUpSizes(store: InvocationStore, groupOfRow: Int32Array) {
  const bySize = new Map<number, SizeTotals>();
  let lastSize = Number.NaN;
  let totals: SizeTotals | undefined;
  let latestTs = Number.NEGATIVE_INFINITY;
  let latestSize: number | undefined;
  let aboveSize = 0;
  const rows = store.size;
  for (let from = 0; from < rows; from += RUN) {
    const { flags, timestamp, maxMemoryUsedMB, memorySizeMB, billedMs } = store.page(from >>> PAGE_BITS);
    const to = Math.min(rows, from + RUN);
    for (let i = from, s = from & SLOT; i < to; i++, s++) {
      if (groupOfRow[i] === NOT_COUNTED) continue;
      const used = maxMemoryUsedMB[s]!;
      const size = memorySizeMB[s]!;
      if (used > size) aboveSize += 1;
      // a function's invocations mostly share one Memory Size: look its totals up only when it changes
      if (size !== lastSize || totals === undefined) {
        totals = bySize.get(size);
        if (totals === undefined) bySize.set(size, (totals = { invocations: 0, timeouts: 0, outOfMemory: 0, maxUsed: 0, billedMs: 0 }));
        lastSize = size;
      }
      totals.invocations += 1;
      if ((flags[s]! & TIMEOUT_FLAGS) !== 0) totals.timeouts += 1;
      if ((flags[s]! & OUT_OF_MEMORY_FLAGS) !== 0) totals.outOfMemory += 1;
      totals.maxUsed = Math.max(totals.maxUsed, used);
      totals.billedMs += billedMs[s]!;
      const ts = timestamp[s]!;
      const t = ts !== ts ? Number.NEGATIVE_INFINITY : ts;
      if (latestSize === undefined || t > latestTs || (t === latestTs && size > latestSize)) {
        latestTs = t;
        latestSize = size;
      }
    }
  }
  return { bySize, latestSize, aboveSize };
}
