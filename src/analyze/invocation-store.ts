import type { ReportRecord } from '../parse/records.js';
import { maxOfKnown } from './known.js';
import { asciiText } from '../parse/ascii.js';
import { RequestIndex, uuidWordsOfBytes } from './request-index.js';

export const Flag = {
  hasReport: 1,
  coldStart: 2,
  timeoutStatus: 4,
  outOfMemoryError: 8,
  timeoutLine: 16,
  killedLine: 32,
} as const;

const REPORT_FLAGS = Flag.hasReport | Flag.coldStart | Flag.timeoutStatus | Flag.outOfMemoryError;
export const NO_TOOL = -1;
export const MANY_TOOLS = -2;

/** What a duplicate report did to the store. */
export type DuplicateOutcome = 'new' | 'identical' | 'conflict';

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
}

const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;
const SLOT = PAGE_SIZE - 1;

/** One page of every column; pages are allocated once and never copied, so the allocator never fragments. */
class Page {
  readonly flags = new Uint8Array(PAGE_SIZE);
  readonly timestamp = new Float64Array(PAGE_SIZE).fill(Number.NaN);
  readonly maxMemoryUsedMB = new Int32Array(PAGE_SIZE);
  readonly memorySizeMB = new Int32Array(PAGE_SIZE);
  readonly billedMs = new Float64Array(PAGE_SIZE);
  readonly durationMs = new Float64Array(PAGE_SIZE);
  readonly tool = new Int32Array(PAGE_SIZE).fill(NO_TOOL);
  readonly peakRssMB = new Float64Array(PAGE_SIZE).fill(Number.NaN);
  readonly peakHeapMB = new Float64Array(PAGE_SIZE).fill(Number.NaN);
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
  private n = 0;
  // A request's lines come together (tools, tracker block, report), so the last id answers most look-ups.
  private lastId = '';
  private lastRow = -1;
  private readonly words = new Int32Array(4);
  private readonly lastWords = new Int32Array(4);
  private lastWordsRow = -1;

  get size(): number {
    return this.n;
  }

  /** Copies row `i` into `out` (one reusable object, so reading every row allocates nothing). */
  read(i: number, out: Row): Row {
    const p = this.pages[i >>> PAGE_BITS]!;
    const s = i & SLOT;
    out.flags = p.flags[s]!;
    out.timestamp = p.timestamp[s]!;
    out.maxMemoryUsedMB = p.maxMemoryUsedMB[s]!;
    out.memorySizeMB = p.memorySizeMB[s]!;
    out.billedMs = p.billedMs[s]!;
    out.durationMs = p.durationMs[s]!;
    out.tool = p.tool[s]!;
    out.peakRssMB = p.peakRssMB[s]!;
    out.peakHeapMB = p.peakHeapMB[s]!;
    return out;
  }

  /** Row of `requestId`, created empty on first sight. */
  row(requestId: string): number {
    if (requestId === this.lastId) return this.lastRow;
    const i = this.ids.rowOf(requestId, () => this.newRow());
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
    const i = this.ids.rowOfUuid(w, () => this.newRow());
    last.set(w);
    this.lastWordsRow = i;
    return i;
  }

  private newRow(): number {
    const i = this.n++;
    if (i >>> PAGE_BITS === this.pages.length) this.pages.push(new Page());
    return i;
  }

  /**
   * Records a report. Of two different reports for one request id the one with the larger Max Memory Used
   * wins (then billed duration, then the later time), so the outcome never depends on arrival order.
   */
  addReport(r: ReportRecord, timestamp: number | undefined): DuplicateOutcome {
    let flags = Flag.hasReport;
    if (r.initDurationMs !== undefined || r.restoreDurationMs !== undefined) flags |= Flag.coldStart;
    if (r.status === 'timeout') flags |= Flag.timeoutStatus;
    if (r.errorType === 'Runtime.OutOfMemory') flags |= Flag.outOfMemoryError;
    const billed = r.billedDurationMs + (r.billedRestoreDurationMs ?? 0);
    return this.addReportAt(this.row(r.requestId), flags, r.maxMemoryUsedMB, r.memorySizeMB, billed, r.durationMs, timestamp);
  }

  /** addReport for row `i`; `flags` are the report's own (Flag.hasReport and the cold start / status flags). */
  addReportAt(i: number, flags: number, maxMemoryUsedMB: number, memorySizeMB: number, billedMs: number, durationMs: number, timestamp: number | undefined): DuplicateOutcome {
    const p = this.pages[i >>> PAGE_BITS]!;
    const s = i & SLOT;
    const ts = timestamp ?? Number.NaN;
    let outcome: DuplicateOutcome = 'new';
    if ((p.flags[s]! & Flag.hasReport) !== 0) {
      const same = p.maxMemoryUsedMB[s] === maxMemoryUsedMB && p.memorySizeMB[s] === memorySizeMB && p.billedMs[s] === billedMs && p.durationMs[s] === durationMs;
      if (same) return 'identical';
      outcome = 'conflict';
      if (!beats(p, s, maxMemoryUsedMB, billedMs, ts)) return outcome;
    }
    p.flags[s] = (p.flags[s]! & ~REPORT_FLAGS) | flags;
    p.timestamp[s] = ts;
    p.maxMemoryUsedMB[s] = maxMemoryUsedMB;
    p.memorySizeMB[s] = memorySizeMB;
    p.billedMs[s] = billedMs;
    p.durationMs[s] = durationMs;
    return outcome;
  }

  addTool(requestId: string, tool: string): void {
    this.addToolAt(this.row(requestId), tool);
  }

  addToolAt(i: number, tool: string): void {
    let t = this.toolIds.get(tool);
    if (t === undefined) {
      t = this.toolNames.length;
      this.toolIds.set(tool, t);
      this.toolNames.push(tool);
    }
    const p = this.pages[i >>> PAGE_BITS]!;
    const s = i & SLOT;
    const current = p.tool[s]!;
    if (current === NO_TOOL) p.tool[s] = t;
    else if (current !== t) p.tool[s] = MANY_TOOLS;
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
}

function beats(p: Page, s: number, maxUsed: number, billed: number, ts: number): boolean {
  if (maxUsed !== p.maxMemoryUsedMB[s]) return maxUsed > p.maxMemoryUsedMB[s]!;
  if (billed !== p.billedMs[s]) return billed > p.billedMs[s]!;
  const old = p.timestamp[s]!;
  return !Number.isNaN(ts) && (Number.isNaN(old) || ts > old);
}

export const emptyRow = (): Row => ({ flags: 0, timestamp: Number.NaN, maxMemoryUsedMB: 0, memorySizeMB: 0, billedMs: 0, durationMs: 0, tool: NO_TOOL, peakRssMB: Number.NaN, peakHeapMB: Number.NaN });
