import { OUT_OF_MEMORY_FLAGS, TIMEOUT_FLAGS } from './group-stats.js';
import { Flag, NO_STREAM, PAGE_BITS, PAGE_SIZE, type InvocationStore } from './invocation-store.js';
import type { StreamSums } from './leak.js';
import { selectRank } from './select-rank.js';
import type { EffectiveWindow } from './window.js';

const SLOT = PAGE_SIZE - 1;

/** An invocation killed for memory: it needed more than `memorySizeMB`, so its Max Memory Used is a lower bound. */
export interface Kill {
  readonly group: number;
  readonly maxMemoryUsedMB: number;
  readonly memorySizeMB: number;
}

/** What the window measured at one Memory Size. */
export interface SizeHistory {
  readonly memoryMB: number;
  invocations: number;
  timeouts: number;
  outOfMemory: number;
  firstMs: number;
  lastMs: number;
  /** Max Memory Used and billed duration of each invocation at this size (reordered by the rank look-ups). */
  readonly used: Float64Array;
  readonly billedMs: Float64Array;
  /** Per group (operation): invocations at this size and the sum of their billed durations. */
  readonly groupInvocations: Float64Array;
  readonly groupBilledMs: Float64Array;
}

/** The rows of one function read again for what the decisions need beyond the tally. */
export interface DecisionRows {
  readonly kills: readonly Kill[];
  /** By Memory Size, ascending. */
  readonly sizes: readonly SizeHistory[];
  /** Per log stream number: the sums its leak test rests on (undefined for a stream with no counted report). */
  readonly streams: readonly (StreamSums | undefined)[];
}

/**
 * Reads the rows the tally counted (a report, in the window) once more: the kills, the history of each Memory Size,
 * and each log stream's warm invocations as sums over (t, Max Memory Used), t in seconds from the window's start.
 * `groupOfTool` is tallyRows' (each tool number's group, offset by 2); `sizeCounts` the invocations of each size.
 */
export function readDecisionRows(
  store: InvocationStore,
  window: EffectiveWindow,
  groupOfTool: Int32Array,
  groups: number,
  sizeCounts: ReadonlyMap<number, number>,
): DecisionRows {
  const sizes = new Map<number, SizeHistory>();
  for (const [memoryMB, n] of [...sizeCounts].sort(([a], [b]) => a - b)) {
    sizes.set(memoryMB, {
      memoryMB,
      invocations: 0,
      timeouts: 0,
      outOfMemory: 0,
      firstMs: Number.POSITIVE_INFINITY,
      lastMs: Number.NEGATIVE_INFINITY,
      used: new Float64Array(n),
      billedMs: new Float64Array(n),
      groupInvocations: new Float64Array(groups),
      groupBilledMs: new Float64Array(groups),
    });
  }
  const kills: Kill[] = [];
  const streams: (StreamSums | undefined)[] = new Array<StreamSums | undefined>(store.streamNames.length).fill(undefined);
  const windowed = window.from !== 'data';
  const startMs = window.startMs ?? Number.NaN;
  const endMs = window.endMs ?? Number.NaN;
  const rows = store.size;
  for (let i = 0; i < rows; i++) {
    const p = store.page(i >>> PAGE_BITS);
    const s = i & SLOT;
    const flags = p.flags[s]!;
    const ts = p.timestamp[s]!;
    // the rows tallyRows counts: a report, inside [start, end) when a window was asked for
    if ((flags & Flag.hasReport) === 0 || (windowed && !(ts >= startMs && ts < endMs))) continue;
    const group = groupOfTool[p.tool[s]! + 2]!;
    const used = p.maxMemoryUsedMB[s]!;
    const size = p.memorySizeMB[s]!;
    const billed = p.billedMs[s]!;
    const killed = (flags & OUT_OF_MEMORY_FLAGS) !== 0;
    if (killed) kills.push({ group, maxMemoryUsedMB: used, memorySizeMB: size });
    const h = sizes.get(size)!;
    h.used[h.invocations] = used;
    h.billedMs[h.invocations] = billed;
    h.invocations += 1;
    if ((flags & TIMEOUT_FLAGS) !== 0) h.timeouts += 1;
    if (killed) h.outOfMemory += 1;
    h.groupInvocations[group] = h.groupInvocations[group]! + 1;
    h.groupBilledMs[group] = h.groupBilledMs[group]! + billed;
    if (ts === ts) {
      h.firstMs = Math.min(h.firstMs, ts);
      h.lastMs = Math.max(h.lastMs, ts);
    }
    const stream = p.stream[s]!;
    if (stream === NO_STREAM || ts !== ts || window.startMs === undefined) continue;
    const fit = (streams[stream] ??= newStreamSums(stream));
    const t = (ts - window.startMs) / 1000;
    if (t >= fit.lastSeconds) {
      fit.lastSeconds = t;
      fit.endedInKill = killed;
      fit.memorySizeMB = size;
    }
    if ((flags & Flag.coldStart) !== 0) continue;
    fit.n += 1;
    fit.t += t;
    fit.m += used;
    fit.tt += t * t;
    fit.mm += used * used;
    fit.tm += t * used;
    fit.firstWarmSeconds = Math.min(fit.firstWarmSeconds, t);
    fit.lastWarmSeconds = Math.max(fit.lastWarmSeconds, t);
  }
  return { kills, sizes: [...sizes.values()], streams };
}

const newStreamSums = (stream: number): StreamSums => ({
  stream,
  n: 0,
  t: 0,
  m: 0,
  tt: 0,
  mm: 0,
  tm: 0,
  firstWarmSeconds: Number.POSITIVE_INFINITY,
  lastWarmSeconds: Number.NEGATIVE_INFINITY,
  lastSeconds: Number.NEGATIVE_INFINITY,
  endedInKill: false,
  memorySizeMB: 0,
});

/** The value at 1-based nearest rank `rank` of `values` (reorders them). */
export function valueAtRank(values: Float64Array, rank: number): number {
  return selectRank(values, rank - 1, 0, values.length);
}
