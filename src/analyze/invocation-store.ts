import type { ReportRecord } from '../parse/records.js';
import { requestKey } from './request-key.js';

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

/**
 * Every request id seen, in columns of typed arrays: a few dozen bytes an invocation, which is the
 * de-duplication bookkeeping llmmem cannot avoid. Lines may arrive before or after their report (streams
 * interleave, Insights slices finish in any order), so nothing is final until the input ends.
 */
export class InvocationStore {
  private readonly ids = new Map<string, number>();
  private readonly toolIds = new Map<string, number>();
  readonly toolNames: string[] = [];
  private n = 0;
  flags = new Uint8Array(1024);
  timestamp = new Float64Array(1024);
  maxMemoryUsedMB = new Int32Array(1024);
  memorySizeMB = new Int32Array(1024);
  billedMs = new Float64Array(1024);
  durationMs = new Float64Array(1024);
  tool = new Int32Array(1024);
  peakRssMB = new Float64Array(1024);
  peakHeapMB = new Float64Array(1024);

  get size(): number {
    return this.n;
  }

  // A request's lines come together (tools, tracker block, report), so the last id answers most look-ups.
  private lastId = '';
  private lastRow = -1;

  /** Row of `requestId`, created empty on first sight. */
  row(requestId: string): number {
    if (requestId === this.lastId) return this.lastRow;
    const key = requestKey(requestId);
    let i = this.ids.get(key);
    if (i === undefined) i = this.newRow(key);
    this.lastId = requestId;
    this.lastRow = i;
    return i;
  }

  private newRow(key: string): number {
    if (this.n === this.flags.length) this.grow();
    const i = this.n++;
    this.ids.set(key, i);
    this.tool[i] = NO_TOOL;
    this.peakRssMB[i] = Number.NaN;
    this.peakHeapMB[i] = Number.NaN;
    this.timestamp[i] = Number.NaN;
    return i;
  }

  /**
   * Records a report. Of two different reports for one request id the one with the larger Max Memory Used
   * wins (then billed duration, then the later time), so the outcome never depends on arrival order.
   */
  addReport(r: ReportRecord, timestamp: number | undefined): DuplicateOutcome {
    const i = this.row(r.requestId);
    const billed = r.billedDurationMs + (r.billedRestoreDurationMs ?? 0);
    const ts = timestamp ?? Number.NaN;
    let outcome: DuplicateOutcome = 'new';
    if ((this.flags[i]! & Flag.hasReport) !== 0) {
      const same =
        this.maxMemoryUsedMB[i] === r.maxMemoryUsedMB &&
        this.memorySizeMB[i] === r.memorySizeMB &&
        this.billedMs[i] === billed &&
        this.durationMs[i] === r.durationMs;
      if (same) return 'identical';
      outcome = 'conflict';
      if (!this.beats(i, r.maxMemoryUsedMB, billed, ts)) return outcome;
    }
    let flags = (this.flags[i]! & ~REPORT_FLAGS) | Flag.hasReport;
    if (r.initDurationMs !== undefined || r.restoreDurationMs !== undefined) flags |= Flag.coldStart;
    if (r.status === 'timeout') flags |= Flag.timeoutStatus;
    if (r.errorType === 'Runtime.OutOfMemory') flags |= Flag.outOfMemoryError;
    this.flags[i] = flags;
    this.timestamp[i] = ts;
    this.maxMemoryUsedMB[i] = r.maxMemoryUsedMB;
    this.memorySizeMB[i] = r.memorySizeMB;
    this.billedMs[i] = billed;
    this.durationMs[i] = r.durationMs;
    return outcome;
  }

  private beats(i: number, maxUsed: number, billed: number, ts: number): boolean {
    if (maxUsed !== this.maxMemoryUsedMB[i]) return maxUsed > this.maxMemoryUsedMB[i]!;
    if (billed !== this.billedMs[i]) return billed > this.billedMs[i]!;
    const old = this.timestamp[i]!;
    return !Number.isNaN(ts) && (Number.isNaN(old) || ts > old);
  }

  addTool(requestId: string, tool: string): void {
    const i = this.row(requestId);
    let t = this.toolIds.get(tool);
    if (t === undefined) {
      t = this.toolNames.length;
      this.toolIds.set(tool, t);
      this.toolNames.push(tool);
    }
    const current = this.tool[i]!;
    if (current === NO_TOOL) this.tool[i] = t;
    else if (current !== t) this.tool[i] = MANY_TOOLS;
  }

  addTrackerPeaks(requestId: string, peakHeapMB: number | undefined, peakRssMB: number | undefined): void {
    const i = this.row(requestId);
    if (peakRssMB !== undefined && !(peakRssMB <= this.peakRssMB[i]!)) this.peakRssMB[i] = peakRssMB;
    if (peakHeapMB !== undefined && !(peakHeapMB <= this.peakHeapMB[i]!)) this.peakHeapMB[i] = peakHeapMB;
  }

  addFlag(requestId: string, flag: number): void {
    const i = this.row(requestId);
    this.flags[i] = this.flags[i]! | flag;
  }

  private grow(): void {
    // 1.5× rather than 2×: the columns are most of what a long run keeps, and a doubling wastes up to half.
    const cap = Math.ceil(this.flags.length * 1.5);
    const widen = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.flags = widen(this.flags, (k) => new Uint8Array(k));
    this.timestamp = widen(this.timestamp, (k) => new Float64Array(k));
    this.maxMemoryUsedMB = widen(this.maxMemoryUsedMB, (k) => new Int32Array(k));
    this.memorySizeMB = widen(this.memorySizeMB, (k) => new Int32Array(k));
    this.billedMs = widen(this.billedMs, (k) => new Float64Array(k));
    this.durationMs = widen(this.durationMs, (k) => new Float64Array(k));
    this.tool = widen(this.tool, (k) => new Int32Array(k));
    this.peakRssMB = widen(this.peakRssMB, (k) => new Float64Array(k));
    this.peakHeapMB = widen(this.peakHeapMB, (k) => new Float64Array(k));
  }
}
