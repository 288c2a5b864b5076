import { DENSE_LIMIT, ExactHistogram } from './exact-histogram.js';
import { DurationList, GroupStats, selectIndexes, type Durations } from './group-stats.js';
import { PAGE_SIZE, type InvocationStore } from './invocation-store.js';
import { ROW_TALLY_WASM } from './row-tally-wasm.js';
import { instantiate } from './wasm-module.js';
import type { SizeTotals, Tally } from './tally-rows.js';
import type { EffectiveWindow } from './window.js';

/** The most groups (operations) and tool numbers the kernel takes; a store with more is added up in JavaScript. */
export const MAX_GROUPS = 16;
const MAX_TOOLS = 1022;

const GROUP_OF_TOOL_AT = 0x1000;
const GROUPS_AT = 0x2000;
const GROUP_BYTES = 128;
const SIZES_AT = 0x100000;
const SIZE_BYTES = 40;
const COUNTS_AT = 0x1a0000;
const COUNTS_BYTES = DENSE_LIMIT * 8;
const ALL_COUNTS_AT = 0x3a0000;
const SIZE_ORDER_AT = 0x3c0000;
/** Where `begin` lays out the rows' durations (row-tally.wat's $rowsAt). */
const ROWS_AT = 0x400000;
const COLUMNS = {
  flags: 0x10000,
  tool: 0x14000,
  maxMemoryUsedMB: 0x24000,
  memorySizeMB: 0x34000,
  timestamp: 0x44000,
  billedMs: 0x64000,
  durationMs: 0x84000,
  peakRssMB: 0xa4000,
  peakHeapMB: 0xc4000,
} as const;

interface Kernel {
  readonly memory: { readonly buffer: ArrayBuffer };
  readonly begin: (capacity: number) => number;
  readonly tally: (rows: number, windowed: number, start: number, end: number) => number;
  readonly group: () => void;
  readonly durationsAt: (grouped: number) => number;
  readonly keys: (at: number, n: number) => void;
  readonly select: (at: number, from: number, to: number, k: number) => number;
  readonly counted: { readonly value: number };
  readonly withoutReport: { readonly value: number };
  readonly untimedExcluded: { readonly value: number };
  readonly aboveSize: { readonly value: number };
  readonly sizesSeen: { readonly value: number };
  readonly durationSum: { readonly value: number };
  readonly latestSize: { readonly value: number };
}

const newKernel = (): Kernel | undefined => instantiate<Kernel>(ROW_TALLY_WASM);

/**
 * tallyRows done by the WebAssembly kernel (row-tally.wat), page by page; undefined when the store is not of the
 * kernel's shape (more than MAX_GROUPS groups, a size or Max Memory Used outside 0–16383) or WebAssembly is not
 * there. `groupOfTool` is each tool number's group, offset by 2; `names` each group's operation.
 */
export function kernelTally(store: InvocationStore, window: EffectiveWindow, groupOfTool: Int32Array, names: readonly string[]): Tally | undefined {
  const groups = names.length;
  if (groups > MAX_GROUPS || groupOfTool.length > MAX_TOOLS + 2) return undefined;
  const kernel = newKernel();
  if (kernel === undefined || kernel.begin(store.size + (store.size & 1)) === 0) return undefined;
  const buffer = kernel.memory.buffer;
  new Int32Array(buffer, GROUP_OF_TOOL_AT, groupOfTool.length).set(groupOfTool);
  // group g's totals at f64 index g * 16 (row-tally.wat's layout): +0 invocations, +1 cold starts, +2 timeouts,
  // +3 out of memory, +4 peak RSS, +5 peak heap, +6 duration sum, +8 Max Memory Used sum; its place, i32 g * 32 + 14
  const totals = new Float64Array(buffer, GROUPS_AT, (groups * GROUP_BYTES) / 8);
  for (let g = 0; g < groups; g++) totals.fill(Number.NaN, g * 16 + 4, g * 16 + 6); // the peaks: none seen

  const windowed = window.from === 'data' ? 0 : 1;
  const start = window.startMs ?? Number.NaN;
  const end = window.endMs ?? Number.NaN;
  const columns = {
    flags: new Uint8Array(buffer, COLUMNS.flags, PAGE_SIZE),
    tool: new Int32Array(buffer, COLUMNS.tool, PAGE_SIZE),
    maxMemoryUsedMB: new Int32Array(buffer, COLUMNS.maxMemoryUsedMB, PAGE_SIZE),
    memorySizeMB: new Int32Array(buffer, COLUMNS.memorySizeMB, PAGE_SIZE),
    timestamp: new Float64Array(buffer, COLUMNS.timestamp, PAGE_SIZE),
    billedMs: new Float64Array(buffer, COLUMNS.billedMs, PAGE_SIZE),
    durationMs: new Float64Array(buffer, COLUMNS.durationMs, PAGE_SIZE),
    peakRssMB: new Float64Array(buffer, COLUMNS.peakRssMB, PAGE_SIZE),
    peakHeapMB: new Float64Array(buffer, COLUMNS.peakHeapMB, PAGE_SIZE),
  };
  for (let k = 0; k < store.pageCount; k++) {
    const rows = Math.min(PAGE_SIZE, store.size - k * PAGE_SIZE);
    const page = store.page(k);
    for (const name of Object.keys(columns) as (keyof typeof columns)[]) columns[name].set(page[name].subarray(0, rows));
    if (kernel.tally(rows, windowed, start, end) === 0) return undefined;
  }

  // each group's durations after the groups before it, in row order
  const places = new Int32Array(buffer, GROUPS_AT, (groups * GROUP_BYTES) / 4);
  let place = 0;
  for (let g = 0; g < groups; g++) {
    places[g * 32 + 14] = place;
    place += totals[g * 16]!;
  }
  kernel.group();
  const operations = new Map<string, GroupStats>();
  const groupedAt = kernel.durationsAt(1);
  for (let g = 0, from = 0; g < groups; g++) {
    const at = g * 16;
    const n = totals[at]!;
    if (n === 0) continue;
    const memory = ExactHistogram.ofDense(countsAt(buffer, COUNTS_AT + g * COUNTS_BYTES), n, totals[at + 8]!);
    const group = new GroupStats(memory, new KernelDurations(kernel, groupedAt + from * 8, n, totals[at + 6]!));
    group.invocations = n;
    group.coldStarts = totals[at + 1]!;
    group.timeouts = totals[at + 2]!;
    group.outOfMemory = totals[at + 3]!;
    group.peakRssMB = totals[at + 4]!;
    group.peakHeapMB = totals[at + 5]!;
    operations.set(names[g]!, group);
    from += n;
  }
  const counted = kernel.counted.value;
  let usedSum = 0;
  for (const g of operations.values()) usedSum += g.memory.valueSum;
  const all = GroupStats.combine(
    [...operations.values()],
    new KernelDurations(kernel, kernel.durationsAt(0), counted, kernel.durationSum.value),
    ExactHistogram.ofDense(countsAt(buffer, ALL_COUNTS_AT), counted, usedSum),
  );

  const bySize = new Map<number, SizeTotals>();
  const sizes = new Float64Array(buffer, SIZES_AT, (DENSE_LIMIT * SIZE_BYTES) / 8);
  // in the order first seen, as tallyRows' map holds them (the cost is summed over them in that order)
  for (const size of new Int32Array(buffer, SIZE_ORDER_AT, kernel.sizesSeen.value)) {
    const at = size * 5;
    bySize.set(size, { invocations: sizes[at]!, timeouts: sizes[at + 1]!, outOfMemory: sizes[at + 2]!, maxUsed: sizes[at + 3]!, billedMs: sizes[at + 4]! });
  }
  const latestSize = kernel.latestSize.value;
  return {
    all,
    operations,
    bySize,
    latestSize: latestSize < 0 ? undefined : latestSize,
    withoutReport: kernel.withoutReport.value,
    untimedExcluded: kernel.untimedExcluded.value,
    aboveSize: kernel.aboveSize.value,
  };
}

/**
 * A selection for arrays of up to `capacity` values: the values at given indexes of an array sorted (as
 * `Float64Array.prototype.sort` orders them), found by the kernel's selection on a copy (one kernel for every array),
 * or by DurationList's where WebAssembly is not there. It runs at once where the selection in JavaScript, run once on
 * a cold path, would first be compiled.
 */
export function newSelection(capacity: number): (values: Float64Array, indexes: readonly number[]) => number[] {
  const kernel = newKernel();
  if (kernel === undefined || kernel.begin(capacity + (capacity & 1)) === 0) return (values, indexes) => new DurationList(values.slice(), 0).atSortedIndexes(indexes);
  return (values, indexes) => {
    new Float64Array(kernel.memory.buffer, ROWS_AT, values.length).set(values);
    return new KernelDurations(kernel, ROWS_AT, values.length, 0).atSortedIndexes(indexes);
  };
}

/** A copy of the counts of Max Memory Used at `at` in the kernel's memory. */
const countsAt = (buffer: ArrayBuffer, at: number): Float64Array => new Float64Array(buffer, at, DENSE_LIMIT).slice();

/** Durations lying in the kernel's memory; their ranks are found by its selection, which reorders them. */
class KernelDurations implements Durations {
  private keyed = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly at: number,
    readonly length: number,
    readonly sum: number,
  ) {}

  atSortedIndexes(indexes: readonly number[]): number[] {
    if (this.keyed) throw new Error('the ranks of kernel durations are asked once');
    this.keyed = true;
    this.kernel.keys(this.at, this.length);
    return selectIndexes(indexes, (index, from) => this.kernel.select(this.at, from, this.length, index));
  }
}
