import type { ReportRecord } from '../parse/records.js';
import { maxOfKnown } from './known.js';
import { asciiBytes, asciiText, bytesAt } from '../parse/ascii.js';
import { RequestIndex, uuidWordsOfBytes, type IndexSnapshot } from './request-index.js';
import { StreamNames } from './stream-names.js';

export const Flag = {
  hasReport: 1,
  coldStart: 2,
  timeoutStatus: 4,
  outOfMemoryError: 8,
  timeoutLine: 16,
  killedLine: 32,
} as const;

const REPORT_FLAGS = Flag.hasReport | Flag.coldStart | Flag.timeoutStatus | Flag.outOfMemoryError;
/** A report's own flags: it exists, and whether it was a cold start, timed out, or ran out of memory. */
export const reportFlags = (coldStart: boolean, timeout: boolean, outOfMemory: boolean): number =>
  Flag.hasReport | (coldStart ? Flag.coldStart : 0) | (timeout ? Flag.timeoutStatus : 0) | (outOfMemory ? Flag.outOfMemoryError : 0);
export const NO_TOOL = -1;
export const MANY_TOOLS = -2;
/** The stream column of a row whose report came without a log stream (a bare or S3 export). */
export const NO_STREAM = -1;

interface Repeats {
  lines: number;
  same: number;
}

/** One invocation as read back from the store. */
export interface Row {
  flags: number;
  timestamp: number;
  maxMemoryUsedMB: number;
  memorySizeMB: number;
  billedMs: number;
  durationMs: number;
  tool: number;
  peakRssMB: number;
  peakHeapMB: number;
  /** The number of the log stream (execution environment) the kept report came from, or NO_STREAM. */
  stream: number;
}

export const PAGE_BITS = 14;
/** Rows a page of the store holds: row i is at slot i % PAGE_SIZE of page i / PAGE_SIZE. */
export const PAGE_SIZE = 1 << PAGE_BITS;
const SLOT = PAGE_SIZE - 1;

/** One page of every column; pages are allocated once and never copied, so the allocator never fragments. */
export interface Page {
  readonly flags: Uint8Array;
  readonly timestamp: Float64Array;
  readonly maxMemoryUsedMB: Int32Array;
  readonly memorySizeMB: Int32Array;
  readonly billedMs: Float64Array;
  readonly durationMs: Float64Array;
  readonly tool: Int32Array;
  readonly peakRssMB: Float64Array;
  readonly peakHeapMB: Float64Array;
  readonly stream: Int32Array;
}

const newPage = (): Page => ({
  flags: new Uint8Array(PAGE_SIZE),
  timestamp: new Float64Array(PAGE_SIZE).fill(Number.NaN),
  maxMemoryUsedMB: new Int32Array(PAGE_SIZE),
  memorySizeMB: new Int32Array(PAGE_SIZE),
  billedMs: new Float64Array(PAGE_SIZE),
  durationMs: new Float64Array(PAGE_SIZE),
  tool: new Int32Array(PAGE_SIZE).fill(NO_TOOL),
  peakRssMB: new Float64Array(PAGE_SIZE).fill(Number.NaN),
  peakHeapMB: new Float64Array(PAGE_SIZE).fill(Number.NaN),
  stream: new Int32Array(PAGE_SIZE).fill(NO_STREAM),
});

/** A page that came from another thread, rebuilt with the shape of newPage's, so that readPage stays monomorphic. */
const ownPage = (p: Page): Page => ({
  flags: p.flags,
  timestamp: p.timestamp,
  maxMemoryUsedMB: p.maxMemoryUsedMB,
  memorySizeMB: p.memorySizeMB,
  billedMs: p.billedMs,
  durationMs: p.durationMs,
  tool: p.tool,
  peakRssMB: p.peakRssMB,
  peakHeapMB: p.peakHeapMB,
  stream: p.stream,
});

function readPage(p: Page, s: number, out: Row): Row {
  out.flags = p.flags[s]!;
  out.timestamp = p.timestamp[s]!;
  out.maxMemoryUsedMB = p.maxMemoryUsedMB[s]!;
  out.memorySizeMB = p.memorySizeMB[s]!;
  out.billedMs = p.billedMs[s]!;
  out.durationMs = p.durationMs[s]!;
  out.tool = p.tool[s]!;
  out.peakRssMB = p.peakRssMB[s]!;
  out.peakHeapMB = p.peakHeapMB[s]!;
  out.stream = p.stream[s]!;
  return out;
}

/** A store as plain data (typed arrays, strings, numbers), to be moved between threads. */
export interface StoreSnapshot {
  readonly size: number;
  readonly pages: readonly Page[];
  readonly ids: IndexSnapshot;
  readonly toolNames: readonly string[];
  readonly streamNames: readonly string[];
  /** [row, report lines, lines equal to the kept one] for rows with more than one report line. */
  readonly repeats: readonly (readonly [number, number, number])[];
}

/**
 * Every request id seen, in paged columns of typed arrays: a few dozen bytes an invocation, which is the
 * de-duplication bookkeeping llmmem cannot avoid. Lines may arrive before or after their report (streams
 * interleave, Insights slices finish in any order), so nothing is final until the input ends.
 */
export class InvocationStore {
  private readonly ids = new RequestIndex();
  private readonly toolIds = new Map<string, number>();
  private readonly pages: Page[] = [];
  readonly toolNames: string[] = [];
  private readonly streams = new StreamNames();
  /** The ASCII bytes of each of toolNames; undefined for a name that is not ASCII. */
  private readonly toolNameBytes: (Uint8Array | undefined)[] = [];
  private n = 0;
  // A request's lines come together (tools, tracker block, report), so the last id answers most look-ups.
  private lastId = '';
  private lastRow = -1;
  private readonly words = new Int32Array(4);
  private readonly lastWords = new Int32Array(4);
  private lastWordsRow = -1;
  /** Request ids with more than one report line: how many, and how many equal the kept one. */
  private readonly repeats = new Map<number, Repeats>();
  private readonly candidate = emptyRow();

  get size(): number {
    return this.n;
  }

  /** Makes room for `requestIds` request ids in all, now, so that the index does not grow while they are added. */
  reserve(requestIds: number): void {
    this.ids.reserve(requestIds);
  }

  /** Page `k` (below pageCount) of the columns, to be read only; rows past `size` on the last page hold nothing. */
  page(k: number): Readonly<Page> {
    return this.pages[k]!;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Copies row `i` into `out` (one reusable object, so reading every row allocates nothing). */
  read(i: number, out: Row): Row {
    return readPage(this.pages[i >>> PAGE_BITS]!, i & SLOT, out);
  }

  /** Row of `requestId`, created empty on first sight. */
  row(requestId: string): number {
    if (requestId === this.lastId) return this.lastRow;
    const i = this.ids.rowOf(requestId, this.n);
    if (i === this.n) this.newRow();
    this.lastId = requestId;
    this.lastRow = i;
    return i;
  }

  /** Row of the request id held as ASCII bytes `b[from, to)`: UUIDs are looked up without making a string. */
  rowOfBytes(b: Uint8Array, from: number, to: number): number {
    const w = this.words;
    if (!uuidWordsOfBytes(b, from, to, w)) return this.row(asciiText(b, from, to));
    const last = this.lastWords;
    if (this.lastWordsRow >= 0 && w[0] === last[0] && w[1] === last[1] && w[2] === last[2] && w[3] === last[3]) return this.lastWordsRow;
    const i = this.ids.rowOfUuid(w, this.n);
    if (i === this.n) this.newRow();
    last[0] = w[0]!;
    last[1] = w[1]!;
    last[2] = w[2]!;
    last[3] = w[3]!;
    this.lastWordsRow = i;
    return i;
  }

  private newRow(): number {
    const i = this.n++;
    if (i >>> PAGE_BITS === this.pages.length) this.pages.push(newPage());
    return i;
  }

  /**
   * Records a report. Of two different reports for one request id the one that ranks higher wins (larger Max
   * Memory Used, then billed duration, later time, Memory Size, duration, flags: a total order), so the outcome
   * never depends on arrival order; nor do the counts of lines identical to, or differing from, the kept one.
   */
  addReport(r: ReportRecord, timestamp: number | undefined, logStream?: string): void {
    const flags = reportFlags(r.initDurationMs !== undefined || r.restoreDurationMs !== undefined, r.status === 'timeout', r.errorType === 'Runtime.OutOfMemory');
    const billed = r.billedDurationMs + (r.billedRestoreDurationMs ?? 0);
    const stream = logStream === undefined || logStream === '' ? NO_STREAM : this.streamId(logStream);
    this.addReportAt(this.row(r.requestId), flags, r.maxMemoryUsedMB, r.memorySizeMB, billed, r.durationMs, timestamp, stream);
  }

  /**
   * addReport for row `i`; `flags` are the report's own (Flag.hasReport and the cold start / status flags), `stream`
   * a number from streamId / streamIdOfBytes or NO_STREAM.
   */
  addReportAt(i: number, flags: number, maxMemoryUsedMB: number, memorySizeMB: number, billedMs: number, durationMs: number, timestamp: number | undefined, stream: number): void {
    const c = this.candidate;
    c.stream = stream;
    c.flags = flags;
    c.maxMemoryUsedMB = maxMemoryUsedMB;
    c.memorySizeMB = memorySizeMB;
    c.billedMs = billedMs;
    c.durationMs = durationMs;
    c.timestamp = timestamp ?? Number.NaN;
    this.mergeReport(i, c, 1, 1);
  }

  /** Lines beyond the first that repeat the kept report exactly, over every request id. */
  get duplicateReports(): number {
    let n = 0;
    for (const r of this.repeats.values()) n += r.same - 1;
    return n;
  }

  /** Report lines that differ from the report kept for their request id. */
  get conflictingReports(): number {
    let n = 0;
    for (const r of this.repeats.values()) n += r.lines - r.same;
    return n;
  }

  /** Folds in `lines` report lines of row `i`, `same` of which equal `r` and the others rank below it. */
  private mergeReport(i: number, r: Row, lines: number, same: number): void {
    const p = this.pages[i >>> PAGE_BITS]!;
    const s = i & SLOT;
    if ((p.flags[s]! & Flag.hasReport) === 0) {
      this.keep(p, s, r);
      if (lines > 1) this.repeats.set(i, { lines, same });
      return;
    }
    const before = this.repeats.get(i) ?? { lines: 1, same: 1 };
    const order = compareReports(r, p, s, this.streamNames);
    // a report ranking above the kept one equals no line before it: such a line would have been kept
    if (order > 0) this.keep(p, s, r);
    this.repeats.set(i, { lines: before.lines + lines, same: order === 0 ? before.same + same : order > 0 ? same : before.same });
  }

  private keep(p: Page, s: number, r: Row): void {
    p.flags[s] = (p.flags[s]! & ~REPORT_FLAGS) | r.flags;
    p.timestamp[s] = r.timestamp;
    p.maxMemoryUsedMB[s] = r.maxMemoryUsedMB;
    p.memorySizeMB[s] = r.memorySizeMB;
    p.billedMs[s] = r.billedMs;
    p.durationMs[s] = r.durationMs;
    p.stream[s] = r.stream;
  }

  addTool(requestId: string, tool: string): void {
    this.addToolAt(this.row(requestId), this.toolId(tool));
  }

  /** addTool for row `i` and a tool number from toolIdOfBytes. */
  addToolAt(i: number, tool: number): void {
    this.setTool(this.pages[i >>> PAGE_BITS]!, i & SLOT, tool);
  }

  /** The number of the tool named by the ASCII bytes `b[from, to)`: a log names a handful, compared as bytes. */
  toolIdOfBytes(b: Uint8Array, from: number, to: number): number {
    const length = to - from;
    const names = this.toolNameBytes;
    for (let t = 0; t < names.length; t++) {
      const name = names[t];
      if (name !== undefined && name.length === length && bytesAt(b, from, to, name)) return t;
    }
    return this.toolId(asciiText(b, from, to));
  }

  private setTool(p: Page, s: number, t: number): void {
    const current = p.tool[s]!;
    if (current === NO_TOOL) p.tool[s] = t;
    else if (current !== t) p.tool[s] = MANY_TOOLS;
  }

  private toolId(tool: string): number {
    let t = this.toolIds.get(tool);
    if (t === undefined) {
      t = this.toolNames.length;
      this.toolIds.set(tool, t);
      this.toolNames.push(tool);
      // a name with other than ASCII characters never equals bytes toolIdOfBytes is given
      this.toolNameBytes.push(/^[\x00-\x7f]*$/.test(tool) ? asciiBytes(tool) : undefined);
    }
    return t;
  }

  /** Each log stream number's name. */
  get streamNames(): readonly string[] {
    return this.streams.names;
  }

  /** The number of the log stream `name`, given on first sight. */
  streamId(name: string): number {
    return this.streams.idOf(name);
  }

  /** streamId of the UTF-8 bytes `b[from, to)`; NO_STREAM for none. */
  streamIdOfBytes(b: Uint8Array, from: number, to: number): number {
    return to <= from ? NO_STREAM : this.streams.idOfBytes(b, from, to);
  }

  addTrackerPeaks(requestId: string, peakHeapMB: number | undefined, peakRssMB: number | undefined): void {
    this.addTrackerPeaksAt(this.row(requestId), peakHeapMB ?? Number.NaN, peakRssMB ?? Number.NaN);
  }

  /** Widens row `i`'s tracker peaks; NaN for a peak the block did not give. */
  addTrackerPeaksAt(i: number, peakHeapMB: number, peakRssMB: number): void {
    const p = this.pages[i >>> PAGE_BITS]!;
    const s = i & SLOT;
    p.peakRssMB[s] = maxOfKnown(p.peakRssMB[s]!, peakRssMB);
    p.peakHeapMB[s] = maxOfKnown(p.peakHeapMB[s]!, peakHeapMB);
  }

  addFlag(requestId: string, flag: number): void {
    const i = this.row(requestId);
    const p = this.pages[i >>> PAGE_BITS]!;
    p.flags[i & SLOT] = p.flags[i & SLOT]! | flag;
  }

  snapshot(): StoreSnapshot {
    return {
      size: this.n,
      pages: this.pages,
      ids: this.ids.snapshot(),
      toolNames: this.toolNames,
      streamNames: this.streamNames,
      repeats: [...this.repeats].map(([row, r]) => [row, r.lines, r.same] as const),
    };
  }

  /**
   * Folds in a store that read the input after this one: the result is the store one reader would have built
   * reading both in order — rows in order of first sight, the same kept reports and counts, tools, peaks, flags.
   */
  merge(b: StoreSnapshot): void {
    const otherIdOf = new Map<number, string>();
    for (const [id, row] of b.ids.others) otherIdOf.set(row, id);
    const hasOthers = otherIdOf.size > 0;
    const repeats = new Map(b.repeats.map(([row, lines, same]) => [row, { lines, same }]));
    const toolOf = b.toolNames.map((name) => this.toolId(name));
    const streamOf = b.streamNames.map((name) => this.streamId(name));
    this.ids.reserve(this.n + b.size);
    const pages = b.pages.map(ownPage);
    const keyPages = b.ids.uuidKeys;
    const fresh = this.n;
    // First the row each of b's rows folds into, rows new here numbered on in b's order (a small loop, soon
    // optimised: this runs once, after the input); then new rows copied a run at a time, column by column, and each
    // row this store had merged on its own.
    const into = new Int32Array(b.size);
    for (let j = 0; j < b.size; j++) {
      const other = hasOthers ? otherIdOf.get(j) : undefined;
      const n = this.n;
      const i = other === undefined ? this.ids.rowOfUuidAt(keyPages[j >>> PAGE_BITS]!, (j & SLOT) * 4, n) : this.ids.rowOf(other, n);
      if (i === n) this.n = n + 1;
      into[j] = i;
    }
    while (this.pages.length << PAGE_BITS < this.n) this.pages.push(newPage());
    const r = emptyRow();
    for (let j = 0; j < b.size; ) {
      if (into[j]! >= fresh) {
        const from = j;
        while (j < b.size && into[j]! >= fresh) j++;
        this.copyNewRows(pages, from, into[from]!, j - from, toolOf, streamOf, repeats);
        continue;
      }
      const i = into[j]!;
      readPage(pages[j >>> PAGE_BITS]!, j & SLOT, r);
      const lineFlags = r.flags & ~REPORT_FLAGS;
      if ((r.flags & Flag.hasReport) !== 0) {
        const rep = repeats.get(j);
        r.flags &= REPORT_FLAGS;
        if (r.stream !== NO_STREAM) r.stream = streamOf[r.stream]!;
        this.mergeReport(i, r, rep?.lines ?? 1, rep?.same ?? 1);
      }
      const p = this.pages[i >>> PAGE_BITS]!;
      const s = i & SLOT;
      p.flags[s] = p.flags[s]! | lineFlags;
      if (r.tool === MANY_TOOLS) p.tool[s] = MANY_TOOLS;
      else if (r.tool !== NO_TOOL) this.setTool(p, s, toolOf[r.tool]!);
      this.addTrackerPeaksAt(i, r.peakHeapMB, r.peakRssMB);
      j++;
    }
  }

  /**
   * Copies `count` rows of another store's `pages` from row `from` into this store's fresh rows from `to`: what
   * merging each into an empty row gives (its tools and streams renumbered by `toolOf` and `streamOf`, its repeated
   * reports re-keyed).
   */
  private copyNewRows(pages: readonly Page[], from: number, to: number, count: number, toolOf: readonly number[], streamOf: readonly number[], repeats: ReadonlyMap<number, Repeats>): void {
    for (let j = from, i = to, left = count; left > 0; ) {
      const sj = j & SLOT;
      const si = i & SLOT;
      const n = Math.min(left, PAGE_SIZE - sj, PAGE_SIZE - si);
      const source = pages[j >>> PAGE_BITS]!;
      const target = this.pages[i >>> PAGE_BITS]!;
      for (const column of COLUMNS) target[column].set(source[column].subarray(sj, sj + n), si);
      for (let k = 0; k < n; k++) {
        const t = source.tool[sj + k]!;
        target.tool[si + k] = t < 0 ? t : toolOf[t]!;
        const stream = source.stream[sj + k]!;
        target.stream[si + k] = stream === NO_STREAM ? NO_STREAM : streamOf[stream]!;
      }
      j += n;
      i += n;
      left -= n;
    }
    if (repeats.size === 0) return;
    for (let k = 0; k < count; k++) {
      const rep = repeats.get(from + k);
      if (rep !== undefined) this.repeats.set(to + k, { lines: rep.lines, same: rep.same });
    }
  }
}

/** The columns a fresh row takes from the row it copies as they are (tools and streams are renumbered). */
const COLUMNS = ['flags', 'timestamp', 'maxMemoryUsedMB', 'memorySizeMB', 'billedMs', 'durationMs', 'peakRssMB', 'peakHeapMB'] as const;

/**
 * Sign of how report `r` ranks against the one kept in `p` at `s`: the total order of addReport, its stream last, by
 * name (stream numbers depend on the order of arrival).
 */
function compareReports(r: Row, p: Page, s: number, streamNames: readonly string[]): number {
  return (
    sign(r.maxMemoryUsedMB, p.maxMemoryUsedMB[s]!) ||
    sign(r.billedMs, p.billedMs[s]!) ||
    sign(timeRank(r.timestamp), timeRank(p.timestamp[s]!)) ||
    sign(r.memorySizeMB, p.memorySizeMB[s]!) ||
    sign(r.durationMs, p.durationMs[s]!) ||
    sign(r.flags & REPORT_FLAGS, p.flags[s]! & REPORT_FLAGS) ||
    compareStreams(r.stream, p.stream[s]!, streamNames)
  );
}

/** Streams by name, none lowest. */
function compareStreams(a: number, b: number, names: readonly string[]): number {
  if (a === b) return 0;
  if (a === NO_STREAM || b === NO_STREAM) return a === NO_STREAM ? -1 : 1;
  return names[a]! < names[b]! ? -1 : 1;
}

const sign = (a: number, b: number): number => (a === b ? 0 : a > b ? 1 : -1);
/** No time ranks below any time. */
const timeRank = (t: number): number => (Number.isNaN(t) ? -Infinity : t);

export const emptyRow = (): Row => ({ flags: 0, timestamp: Number.NaN, maxMemoryUsedMB: 0, memorySizeMB: 0, billedMs: 0, durationMs: 0, tool: NO_TOOL, peakRssMB: Number.NaN, peakHeapMB: Number.NaN, stream: NO_STREAM });
