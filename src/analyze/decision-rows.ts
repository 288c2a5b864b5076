import { OUT_OF_MEMORY_FLAGS } from './group-stats.js';
import { Flag, NO_STREAM, PAGE_BITS, PAGE_SIZE, type InvocationStore, type Page } from './invocation-store.js';
import type { StreamSums } from './leak.js';
import type { SizeTotals } from './tally-rows.js';
import type { EffectiveWindow } from './window.js';
import { DECISION_SCAN_WASM } from './decision-scan-wasm.js';
import { instantiate } from './wasm-module.js';

/** An invocation killed for memory: it needed more than `memorySizeMB`, so its Max Memory Used is a lower bound. */
export interface Kill {
  readonly group: number;
  readonly maxMemoryUsedMB: number;
  readonly memorySizeMB: number;
}

/** What the window measured at one Memory Size. */
export interface SizeHistory {
  readonly memoryMB: number;
  /** The tally's totals of the size (the same rows). */
  readonly totals: SizeTotals;
  readonly firstMs: number;
  readonly lastMs: number;
  /** Max Memory Used and billed duration of each invocation at this size. */
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
  /** Which pass read them: the kernel, or JavaScript (no WebAssembly, or a size outside the kernel's table). */
  readonly readBy: 'kernel' | 'script';
}

/** Rows a call of the JavaScript pass takes: a power of two, so that no run crosses a page. */
const RUN = 256;
const SLOT = PAGE_SIZE - 1;
/** A stream's record: n, Σt, Σm, Σt², Σm², Σtm, first and last warm t, latest t, its kill (0 or 1), its size. */
const STREAM_FIELDS = 11;
/** Memory Sizes the kernel's table of size indexes holds (0 below this). */
const SIZE_TABLE = 16_384;

interface Kernel {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly kills: { readonly value: number };
  readonly scan: (rows: number, windowed: number, start: number, end: number, origin: number, groups: number, ...at: number[]) => number;
}

/**
 * Reads the rows the tally counted (a report, in the window) once more: the kills, each Memory Size's values (its
 * Max Memory Used and billed durations, its first and last report, its operations' counts and billed sums), and each
 * log stream's sums over (t, Max Memory Used), t in seconds from the window's start. `groupOfTool` is tallyRows'
 * (each tool number's group, offset by 2); `bySize` its totals by size, `kills` its count of kills for memory. By the
 * kernel (decision-scan.wat) where WebAssembly is there and the sizes fit its table, else in JavaScript: both fill
 * the same arrays, and the result is read from them alike.
 */
export function readDecisionRows(
  store: InvocationStore,
  window: EffectiveWindow,
  groupOfTool: Int32Array,
  groups: number,
  bySize: ReadonlyMap<number, SizeTotals>,
  kills: number,
  useKernel = true,
): DecisionRows {
  const sizeList = [...bySize.keys()].sort((a, b) => a - b);
  const shape = { sizes: sizeList.length, counted: 0, groups, streams: store.streamNames.length, kills, tools: groupOfTool.length };
  for (const t of bySize.values()) shape.counted += t.invocations;
  const kernel = useKernel && sizeList.every((size) => size >= 0 && size < SIZE_TABLE) ? instantiate<Kernel>(DECISION_SCAN_WASM) : undefined;
  const regions = layout(shape, kernel !== undefined);
  let buffer: ArrayBuffer;
  if (kernel !== undefined) {
    const pages = Math.ceil(regions.bytes / 65_536) - kernel.memory.buffer.byteLength / 65_536;
    if (pages > 0) kernel.memory.grow(pages);
    buffer = kernel.memory.buffer;
  } else {
    buffer = new ArrayBuffer(regions.bytes);
  }
  const state = new DecisionState(buffer, regions, shape, sizeList, bySize);
  state.groupOfTool.set(groupOfTool);
  const scanned = kernel !== undefined && scanInKernel(kernel, state, regions, sizeList, store, window);
  if (!scanned) {
    if (kernel !== undefined) return readDecisionRows(store, window, groupOfTool, groups, bySize, kills, false);
    const scan = new ScriptScan(state, window, sizeList);
    const rows = store.size;
    for (let from = 0; from < rows; from += RUN) scan.run(store.page(from >>> PAGE_BITS), from & SLOT, (from & SLOT) + Math.min(RUN, rows - from));
  }
  return state.result(kernel === undefined ? state.killCount : kernel.kills.value, kernel === undefined ? 'script' : 'kernel');
}

interface Shape {
  readonly sizes: number;
  readonly counted: number;
  readonly groups: number;
  readonly streams: number;
  readonly kills: number;
  readonly tools: number;
}

type Regions = ReturnType<typeof layout>;

/** Byte offsets of each array in one buffer (f64 first, so every one is aligned), and the kernel's page columns. */
function layout(s: Shape, withPage: boolean) {
  let at = 0;
  const take = (bytes: number): number => {
    const here = at;
    at += Math.ceil(bytes / 8) * 8;
    return here;
  };
  const regions = {
    used: take(s.counted * 8),
    billed: take(s.counted * 8),
    groupN: take(s.sizes * s.groups * 8),
    groupBilled: take(s.sizes * s.groups * 8),
    first: take(s.sizes * 8),
    last: take(s.sizes * 8),
    streams: take(s.streams * STREAM_FIELDS * 8),
    kills: take(s.kills * 12),
    filled: take(s.sizes * 4),
    groupOfTool: take(s.tools * 4),
    sizeIndex: withPage ? take(SIZE_TABLE * 4) : 0,
    page: {
      timestamp: withPage ? take(PAGE_SIZE * 8) : 0,
      billedMs: withPage ? take(PAGE_SIZE * 8) : 0,
      flags: withPage ? take(PAGE_SIZE) : 0,
      tool: withPage ? take(PAGE_SIZE * 4) : 0,
      maxMemoryUsedMB: withPage ? take(PAGE_SIZE * 4) : 0,
      memorySizeMB: withPage ? take(PAGE_SIZE * 4) : 0,
      stream: withPage ? take(PAGE_SIZE * 4) : 0,
    },
    bytes: 0,
  };
  regions.bytes = Math.max(8, at);
  return regions;
}

/** The arrays both passes fill, as views of one buffer; and the result read from them. */
class DecisionState {
  readonly used: Float64Array;
  readonly billed: Float64Array;
  readonly groupN: Float64Array;
  readonly groupBilled: Float64Array;
  readonly first: Float64Array;
  readonly last: Float64Array;
  readonly streams: Float64Array;
  readonly kills: Int32Array;
  /** Each size index's next place in `used` and `billed`. */
  readonly filled: Int32Array;
  readonly groupOfTool: Int32Array;
  readonly offsets: Int32Array;
  killCount = 0;

  constructor(
    buffer: ArrayBuffer,
    r: Regions,
    readonly shape: Shape,
    private readonly sizeList: readonly number[],
    private readonly bySize: ReadonlyMap<number, SizeTotals>,
  ) {
    const f64 = (at: number, n: number): Float64Array => new Float64Array(buffer, at, n);
    this.used = f64(r.used, shape.counted);
    this.billed = f64(r.billed, shape.counted);
    this.groupN = f64(r.groupN, shape.sizes * shape.groups);
    this.groupBilled = f64(r.groupBilled, shape.sizes * shape.groups);
    this.first = f64(r.first, shape.sizes).fill(Number.POSITIVE_INFINITY);
    this.last = f64(r.last, shape.sizes).fill(Number.NEGATIVE_INFINITY);
    this.streams = f64(r.streams, shape.streams * STREAM_FIELDS);
    for (let j = 0; j < shape.streams; j++) {
      const at = j * STREAM_FIELDS;
      this.streams.fill(0, at, at + 6);
      this.streams[at + 6] = Number.POSITIVE_INFINITY;
      this.streams[at + 7] = Number.NEGATIVE_INFINITY;
      this.streams[at + 8] = Number.NaN;
      this.streams.fill(0, at + 9, at + 11);
    }
    this.kills = new Int32Array(buffer, r.kills, shape.kills * 3);
    this.filled = new Int32Array(buffer, r.filled, shape.sizes);
    this.groupOfTool = new Int32Array(buffer, r.groupOfTool, shape.tools);
    this.offsets = new Int32Array(shape.sizes + 1);
    sizeList.forEach((size, x) => (this.offsets[x + 1] = this.offsets[x]! + bySize.get(size)!.invocations));
    this.filled.set(this.offsets.subarray(0, shape.sizes));
  }

  result(kills: number, readBy: DecisionRows['readBy']): DecisionRows {
    const { offsets, shape } = this;
    // the tally counted the kills of the same rows: room for more would have been written past the kills' region
    if (kills !== shape.kills) throw new Error(`decision rows: ${kills} kills for memory where the tally counted ${shape.kills}`);
    const g = shape.groups;
    // copies: the buffer may be the kernel's, which the next instance does not share
    const sizes = this.sizeList.map((memoryMB, k): SizeHistory => ({
      memoryMB,
      totals: this.bySize.get(memoryMB)!,
      firstMs: this.first[k]!,
      lastMs: this.last[k]!,
      used: this.used.slice(offsets[k]!, offsets[k + 1]!),
      billedMs: this.billed.slice(offsets[k]!, offsets[k + 1]!),
      groupInvocations: this.groupN.slice(k * g, (k + 1) * g),
      groupBilledMs: this.groupBilled.slice(k * g, (k + 1) * g),
    }));
    const killList = Array.from({ length: kills }, (_, k): Kill => ({ group: this.kills[k * 3]!, maxMemoryUsedMB: this.kills[k * 3 + 1]!, memorySizeMB: this.kills[k * 3 + 2]! }));
    const f = this.streams;
    const streams = Array.from({ length: shape.streams }, (_, j): StreamSums | undefined => {
      const at = j * STREAM_FIELDS;
      const lastSeconds = f[at + 8]!;
      if (lastSeconds !== lastSeconds) return undefined;
      return {
        stream: j,
        n: f[at]!,
        t: f[at + 1]!,
        m: f[at + 2]!,
        tt: f[at + 3]!,
        mm: f[at + 4]!,
        tm: f[at + 5]!,
        firstWarmSeconds: f[at + 6]!,
        lastWarmSeconds: f[at + 7]!,
        lastSeconds,
        endedInKill: f[at + 9] === 1,
        memorySizeMB: f[at + 10]!,
      };
    });
    return { kills: killList, sizes, streams, readBy };
  }
}

/** The kernel's pass: each page's columns copied into its memory, then scanned there. False when it declined. */
function scanInKernel(kernel: Kernel, state: DecisionState, r: Regions, sizeList: readonly number[], store: InvocationStore, window: EffectiveWindow): boolean {
  const buffer = kernel.memory.buffer;
  const sizeIndex = new Int32Array(buffer, r.sizeIndex, SIZE_TABLE);
  sizeList.forEach((size, x) => (sizeIndex[size] = x));
  const p = r.page;
  const columns = {
    flags: new Uint8Array(buffer, p.flags, PAGE_SIZE),
    timestamp: new Float64Array(buffer, p.timestamp, PAGE_SIZE),
    tool: new Int32Array(buffer, p.tool, PAGE_SIZE),
    maxMemoryUsedMB: new Int32Array(buffer, p.maxMemoryUsedMB, PAGE_SIZE),
    memorySizeMB: new Int32Array(buffer, p.memorySizeMB, PAGE_SIZE),
    billedMs: new Float64Array(buffer, p.billedMs, PAGE_SIZE),
    stream: new Int32Array(buffer, p.stream, PAGE_SIZE),
  };
  const windowed = window.from === 'data' ? 0 : 1;
  const start = window.startMs ?? Number.NaN;
  const end = window.endMs ?? Number.NaN;
  const origin = window.startMs ?? Number.NaN;
  for (let k = 0; k < store.pageCount; k++) {
    const rows = Math.min(PAGE_SIZE, store.size - k * PAGE_SIZE);
    const page = store.page(k);
    for (const name of Object.keys(columns) as (keyof typeof columns)[]) columns[name].set(page[name].subarray(0, rows));
    const done = kernel.scan(
      rows, windowed, start, end, origin, state.shape.groups,
      p.flags, p.timestamp, p.tool, p.maxMemoryUsedMB, p.memorySizeMB, p.billedMs, p.stream,
      r.sizeIndex, r.groupOfTool, r.filled, r.used, r.billed, r.groupN, r.groupBilled, r.first, r.last, r.kills, r.streams,
    );
    if (done === 0) return false;
  }
  return true;
}

/** The JavaScript pass (where WebAssembly is not there, or the kernel declines): the kernel's loop, a run of rows a call. */
class ScriptScan {
  private readonly indexOfSize: Map<number, number>;
  private readonly windowed: boolean;
  private readonly startMs: number;
  private readonly endMs: number;
  /** Where t counts from; NaN when no event had a time (then no stream is tested). */
  private readonly origin: number;
  private lastSize = Number.NaN;
  private x = 0;

  constructor(
    private readonly state: DecisionState,
    window: EffectiveWindow,
    sizeList: readonly number[],
  ) {
    this.indexOfSize = new Map(sizeList.map((size, x) => [size, x]));
    this.windowed = window.from !== 'data';
    this.startMs = window.startMs ?? Number.NaN;
    this.endMs = window.endMs ?? Number.NaN;
    this.origin = window.startMs ?? Number.NaN;
  }

  /** Takes the rows at slots [from, to) of `page`. */
  run(page: Readonly<Page>, from: number, to: number): void {
    const { flags: flagsOf, timestamp, tool, maxMemoryUsedMB, memorySizeMB, billedMs, stream: streamOf } = page;
    const { filled, used, billed: billedOf, groupN, groupBilled, first, last, groupOfTool, streams: f, kills } = this.state;
    const { windowed, startMs, endMs, origin } = this;
    const groups = this.state.shape.groups;
    for (let s = from; s < to; s++) {
      const flags = flagsOf[s]!;
      const ts = timestamp[s]!;
      // the rows tallyRows counts: a report, inside [start, end) when a window was asked for
      if ((flags & Flag.hasReport) === 0 || (windowed && !(ts >= startMs && ts < endMs))) continue;
      const size = memorySizeMB[s]!;
      if (size !== this.lastSize) {
        this.x = this.indexOfSize.get(size)!;
        this.lastSize = size;
      }
      const x = this.x;
      const m = maxMemoryUsedMB[s]!;
      const billed = billedMs[s]!;
      const at = filled[x]!;
      filled[x] = at + 1;
      used[at] = m;
      billedOf[at] = billed;
      const group = groupOfTool[tool[s]! + 2]!;
      const gx = x * groups + group;
      groupN[gx] = groupN[gx]! + 1;
      groupBilled[gx] = groupBilled[gx]! + billed;
      if (ts < first[x]!) first[x] = ts;
      if (ts > last[x]!) last[x] = ts;
      const killed = (flags & OUT_OF_MEMORY_FLAGS) !== 0;
      if (killed) {
        const k = this.state.killCount++ * 3;
        kills[k] = group;
        kills[k + 1] = m;
        kills[k + 2] = size;
      }
      const j = streamOf[s]!;
      const t = (ts - origin) / 1000;
      if (j === NO_STREAM || t !== t) continue;
      const r = j * STREAM_FIELDS;
      if (!(t < f[r + 8]!)) {
        f[r + 8] = t;
        f[r + 9] = killed ? 1 : 0;
        f[r + 10] = size;
      }
      if ((flags & Flag.coldStart) !== 0) continue;
      f[r] = f[r]! + 1;
      f[r + 1] = f[r + 1]! + t;
      f[r + 2] = f[r + 2]! + m;
      f[r + 3] = f[r + 3]! + t * t;
      f[r + 4] = f[r + 4]! + m * m;
      f[r + 5] = f[r + 5]! + t * m;
      if (t < f[r + 6]!) f[r + 6] = t;
      if (t > f[r + 7]!) f[r + 7] = t;
    }
  }
}
