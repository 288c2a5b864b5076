import type { CanonicalReport, RecordKernel } from '../../parse/record-kernel.js';
import type { StatisticsBytes } from '../../parse/tracker-bytes.js';
import { BLOCK_SCAN_WASM } from './block-scan-wasm.js';

// The memory layout of block-scan.wat.
/** Largest block the kernel takes; larger ones (lines longer than a read) are searched natively. */
export const SCAN_CAPACITY = 0x40000;
const RECORDS_AT = 0x040100;
const RECORD_BYTES = 32;
const MAX_RECORDS = 8;
const MAX_MARKER_BYTES = RECORD_BYTES - 4;
const COUNTS_AT = 0x040200;
const LISTED_AT = 0x040400;
const HITS_AT = 0x140400;
const UNESCAPED_AT = 0x240400;
const UNESCAPED_LENGTH_AT = 0x04020c;
const STAMP_TIMES_AT = 0x290000;
const STAMP_LENGTHS_AT = 0x390000;
/** What `events` found, and the MarkerSeen bits of each needle's hits it reads (block-scan.wat). */
const FRAMED_AT = 0x040210;
const SEEN_AT = 0x040260;
const ENDED_EVENTS_AT = 0x410000;
/** Room for the events `events` lists: one opens at most every 21 bytes (a timestamp, a space, a newline). */
const MAX_ENDED_EVENTS = 14336;
/** Where `report` and `statistics` leave what they read (block-scan.wat). */
const RECORD_AT = 0x280500;
// indexes of its i32 and f64 slots
const ID_START = RECORD_AT >> 2;
const ID_END = (RECORD_AT + 4) >> 2;
const COLD_START = (RECORD_AT + 8) >> 2;
const DURATION = (RECORD_AT + 0x10) >> 3;
const BILLED_DURATION = (RECORD_AT + 0x18) >> 3;
const MEMORY_SIZE = (RECORD_AT + 0x20) >> 3;
const MAX_MEMORY_USED = (RECORD_AT + 0x28) >> 3;
const PEAK_HEAP = (RECORD_AT + 0x30) >> 3;
const PEAK_RSS = (RECORD_AT + 0x38) >> 3;
const COMPLETE = (RECORD_AT + 0x40) >> 2;
const TOOL_NAME_END = (RECORD_AT + 0x44) >> 2;

/** A marker and where in it the two bytes the kernel looks for first are (a pair rare in logs). */
export interface ScanNeedle {
  readonly whole: Uint8Array;
  readonly pairOffset: number;
  /** The MarkerSeen bits its occurrences give the event holding them (`events`); none when left out. */
  readonly seen?: number;
}

/**
 * The events that open in the block scanned last at the lines after its listed digit-led newlines (`events`): a
 * view of the scanner's memory, valid until its next scan. The first event to open is given by where it starts, the
 * last by where it starts, its timestamp's length and time; those between them end in the block: `ended` of them,
 * their least and greatest time, and the `listed` ones holding a marker, entry e at `words[8e]` (start, end: the
 * newline after its last line, where its message starts or -1, its MarkerSeen bits, its timestamp's length) and its
 * time at `times[4e + 3]`.
 */
export interface OpenedEvents {
  readonly opened: number;
  readonly firstStart: number;
  readonly lastStart: number;
  readonly lastStampLength: number;
  readonly lastTime: number;
  readonly ended: number;
  readonly leastTime: number;
  readonly greatestTime: number;
  readonly listed: number;
  readonly words: Int32Array;
  readonly times: Float64Array;
}

/**
 * What a scan lists beside the needles: every newline, the newlines followed by an ASCII digit (the lines that may
 * open a timestamped event), every byte of JSON's structure (`" , : [ ] { }`: where strings may end, and all a JSON
 * scanner inside an object need look at), or nothing.
 */
export type ScanList = 'newlines' | 'digit-led newlines' | 'json structure' | 'nothing';

const LIST_MODE: Readonly<Record<ScanList, number>> = { nothing: 0, newlines: 1, 'digit-led newlines': 2, 'json structure': 3 };

/** What one pass over a block found; its lists are views of the scanner's memory, valid until its next scan. */
export interface BlockScan {
  /** Offsets of what the scan was asked to list, ascending. */
  readonly listed: Int32Array;
  /** `start * 8 + needle index` of every occurrence of a needle, in the order of their pairs. */
  readonly hits: Int32Array;
  /** False when the block holds no carriage return and no E2 80 / E2 81 (UTF-8 of U+2000–U+207F); true may err on the safe side. */
  readonly unclearLines: boolean;
  /** For 'digit-led newlines': the timestamps opening the lines after them. */
  readonly stamps: LineStamps | undefined;
}

/**
 * The timestamp that opens the line after each listed newline, as TimestampReader.read reads it up to the block's
 * end: entry k's length in `lengths[k]` and its epoch milliseconds in `times[k]`; a length of NO_STAMP for none,
 * READ_STAMP for one TimestampReader must read (a year below 100).
 */
export interface LineStamps {
  readonly times: Float64Array;
  readonly lengths: Int32Array;
}
export const NO_STAMP = -1;
export const READ_STAMP = -2;

interface Kernel {
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
  readonly numbers: Float64Array;
  /** 1 when read, 0 when the JavaScript reader must: the two record readers. */
  readonly report: (start: number, end: number) => number;
  readonly statistics: (from: number, end: number, unclearLines: number) => number;
  readonly frame: (start: number, end: number) => number;
  readonly toolName: (from: number, end: number) => number;
  /** The unescaped strings' room, as a Buffer over the kernel's memory. */
  readonly unescaped: Buffer;
  readonly unescape: (at: number, to: number, out: number) => number;
  /** `list`: a LIST_MODE. */
  readonly scan: (length: number, needles: number, list: number) => void;
  readonly stamps: (length: number) => void;
  readonly lineStamps: LineStamps;
  /** `stream`: 1 when a stream name stands between an event's timestamp and its message. */
  readonly events: (stream: number) => number;
  readonly ended: { readonly words: Int32Array; readonly times: Float64Array };
}

/** The part of the WebAssembly API used here (its types live in TypeScript's DOM library, not Node's). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

let compiled: object | null | undefined;

/** The kernel's module, or null where this Node.js runs no WebAssembly SIMD (then the native searches serve). */
function kernelModule(): object | null {
  if (compiled === undefined) {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      compiled = wasm === undefined ? null : new wasm.Module(Buffer.from(BLOCK_SCAN_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * Finds every occurrence of up to eight needles in a block, and lists its newlines or JSON structure (ScanList), in
 * one pass of 16 bytes a step (WebAssembly SIMD: two compares per needle for its pair, then a check of the whole
 * needle at each pair found; with the newlines followed by a digit, the timestamps that open their lines); then, on
 * request, unescapes JSON strings of that block, and reads the common records of the events in that block
 * (blockRecords) or of the messages it unescaped (unescapedRecords). Each scanner has its own instance, so its
 * needles stay written in its memory.
 */
export class BlockScanner {
  private readonly kernel: Kernel | undefined;
  private readonly count: number;
  /** Reads the records of events in the block scanned last, at their offsets in it; undefined without a kernel. */
  readonly blockRecords: RecordKernel | undefined;
  /**
   * Reads the records of messages written into `unescaped` (by unescapeString, or a text event carried from earlier
   * blocks, which the text framer copies there), at their offsets in it; undefined without a kernel.
   */
  readonly unescapedRecords: RecordKernel | undefined;

  constructor(needles: readonly ScanNeedle[]) {
    if (needles.length === 0 || needles.length > MAX_RECORDS) throw new Error(`a block scanner takes 1 to ${MAX_RECORDS} needles`);
    this.count = needles.length;
    const module = kernelModule();
    if (module === null) return;
    const instance = new (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly.Instance(module, {});
    const memory = instance.exports['memory'] as { readonly buffer: ArrayBuffer };
    const bytes = new Uint8Array(memory.buffer);
    for (let r = 0; r < MAX_RECORDS; r++) {
      // records past the needles repeat the last one: its pair is then looked for twice, checked once
      const { whole, pairOffset } = needles[Math.min(r, needles.length - 1)]!;
      if (whole.length > MAX_MARKER_BYTES || pairOffset < 0 || pairOffset + 2 > whole.length) throw new Error('a needle does not fit the kernel');
      const at = RECORDS_AT + r * RECORD_BYTES;
      bytes[at] = whole[pairOffset]!;
      bytes[at + 1] = whole[pairOffset + 1]!;
      bytes[at + 2] = pairOffset;
      bytes[at + 3] = whole.length;
      bytes.set(whole, at + 4);
      if (r < needles.length) bytes[SEEN_AT + r] = needles[r]!.seen ?? 0;
    }
    this.kernel = {
      bytes,
      words: new Int32Array(memory.buffer),
      numbers: new Float64Array(memory.buffer),
      report: instance.exports['report'] as Kernel['report'],
      statistics: instance.exports['statistics'] as Kernel['statistics'],
      frame: instance.exports['frame'] as Kernel['frame'],
      toolName: instance.exports['toolName'] as Kernel['toolName'],
      unescaped: Buffer.from(memory.buffer, UNESCAPED_AT, SCAN_CAPACITY),
      scan: instance.exports['scan'] as Kernel['scan'],
      stamps: instance.exports['stamps'] as Kernel['stamps'],
      lineStamps: { times: new Float64Array(memory.buffer, STAMP_TIMES_AT, SCAN_CAPACITY / 2), lengths: new Int32Array(memory.buffer, STAMP_LENGTHS_AT, SCAN_CAPACITY / 2) },
      unescape: instance.exports['unescape'] as Kernel['unescape'],
      events: instance.exports['events'] as Kernel['events'],
      ended: { words: new Int32Array(memory.buffer, ENDED_EVENTS_AT, MAX_ENDED_EVENTS * 8), times: new Float64Array(memory.buffer, ENDED_EVENTS_AT, MAX_ENDED_EVENTS * 4) },
    };
    this.blockRecords = new KernelRecords(this.kernel, 0);
    this.unescapedRecords = new KernelRecords(this.kernel, UNESCAPED_AT);
  }

  /**
   * Where the JSON strings of the block scanned last are written unescaped (`unescapeString`), or, for text, an event
   * carried from earlier blocks: a view of the kernel's memory, as long as the largest block; undefined without a kernel.
   */
  get unescaped(): Buffer | undefined {
    return this.kernel?.unescaped;
  }

  /**
   * Writes the JSON string whose opening quote is at `at` in the block scanned last (read up to `to`) into
   * `unescaped` from `out`, with its simple escapes undone, sixteen bytes a step: what `MessageBytes.copyString` does
   * byte by byte. Returns the index after its closing quote (`unescapedLength` then says how many bytes were
   * written), or -1 for a string it leaves to JSON.parse (a control character, a `\u` or unknown escape, no closing
   * quote before `to`) or when there is no kernel.
   */
  unescapeString(at: number, to: number, out: number): number {
    const k = this.kernel;
    return k === undefined ? -1 : k.unescape(at, to, UNESCAPED_AT + out);
  }

  /** The bytes the last successful unescapeString wrote. */
  get unescapedLength(): number {
    return this.kernel === undefined ? 0 : this.kernel.words[UNESCAPED_LENGTH_AT >> 2]!;
  }

  /** The needles of `block` and what `list` asks for; undefined when the kernel cannot take it (too long, or no kernel). */
  scan(block: Uint8Array, list: ScanList): BlockScan | undefined {
    const k = this.kernel;
    if (k === undefined || block.length > SCAN_CAPACITY) return undefined;
    k.bytes.set(block, 0);
    k.scan(block.length, this.count, LIST_MODE[list]);
    const listed = k.words[COUNTS_AT >> 2]!;
    const hits = k.words[(COUNTS_AT >> 2) + 1]!;
    const digitLed = list === 'digit-led newlines';
    if (digitLed) k.stamps(block.length);
    return {
      listed: k.words.subarray(LISTED_AT >> 2, (LISTED_AT >> 2) + listed),
      hits: k.words.subarray(HITS_AT >> 2, (HITS_AT >> 2) + hits),
      unclearLines: k.words[(COUNTS_AT >> 2) + 2] !== 0,
      stamps: digitLed ? k.lineStamps : undefined,
    };
  }

  /**
   * The events opening in the block scanned last for its 'digit-led newlines', at the lines after them, as
   * TextFramer.frameAtLineStarts frames them (`stream`: a stream name stands between an event's timestamp and its
   * message; the needles' `seen` bits mark the events holding them); undefined when a timestamp there is left to
   * TimestampReader (a year below 100), or without a kernel.
   */
  openedEvents(stream: boolean): OpenedEvents | undefined {
    const k = this.kernel;
    if (k === undefined) return undefined;
    const opened = k.events(stream ? 1 : 0);
    if (opened < 0) return undefined;
    const { words, numbers } = k;
    const at = FRAMED_AT >> 2;
    const f64At = FRAMED_AT >> 3;
    return {
      opened,
      listed: words[at]!,
      ended: words[at + 1]!,
      firstStart: words[at + 2]!,
      lastStart: words[at + 4]!,
      lastStampLength: words[at + 5]!,
      lastTime: numbers[f64At + 5]!,
      leastTime: numbers[f64At + 6]!,
      greatestTime: numbers[f64At + 7]!,
      words: k.ended.words,
      times: k.ended.times,
    };
  }
}

/**
 * The kernel's record readers (block-scan.wat) over the bytes its memory holds from `base` on: the block scanned
 * last (base 0), or the strings unescaped last.
 */
class KernelRecords implements RecordKernel {
  constructor(private readonly kernel: Kernel, private readonly base: number) {}

  readCanonicalReport(start: number, end: number, out: CanonicalReport): boolean {
    const { kernel: k, base } = this;
    if (k.report(base + start, base + end) === 0) return false;
    const { words, numbers } = k;
    out.idStart = words[ID_START]! - base;
    out.idEnd = words[ID_END]! - base;
    out.durationMs = numbers[DURATION]!;
    out.billedDurationMs = numbers[BILLED_DURATION]!;
    out.memorySizeMB = numbers[MEMORY_SIZE]!;
    out.maxMemoryUsedMB = numbers[MAX_MEMORY_USED]!;
    out.coldStart = words[COLD_START] !== 0;
    return true;
  }

  readStatistics(from: number, end: number, unclearLines: boolean, out: StatisticsBytes): boolean {
    const { kernel: k, base } = this;
    if (k.statistics(base + from, base + end, unclearLines ? 1 : 0) === 0) return false;
    out.peakHeapMB = k.numbers[PEAK_HEAP]!;
    out.peakRssMB = k.numbers[PEAK_RSS]!;
    out.complete = k.words[COMPLETE] !== 0;
    return true;
  }

  nodeFrameEnd(start: number, end: number, out: { idStart: number; idEnd: number }): number {
    const { kernel: k, base } = this;
    const body = k.frame(base + start, base + end);
    if (body < 0) return body;
    out.idStart = k.words[ID_START]! - base;
    out.idEnd = k.words[ID_END]! - base;
    return body - base;
  }

  toolNameBytes(from: number, end: number, out: { end: number }): number {
    const { kernel: k, base } = this;
    const name = k.toolName(base + from, base + end);
    if (name < 0) return name;
    out.end = k.words[TOOL_NAME_END]! - base;
    return name - base;
  }
}
