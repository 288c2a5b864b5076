import { widenSpan } from '../../parse/event-span.js';
import type { LogEvent, SourceEvent } from '../../parse/log-event.js';
import { MarkerSeen } from '../../parse/record-bytes.js';
import type { RecordKernel } from '../../parse/record-kernel.js';
import { NO_STAMP, READ_STAMP, type BlockScanner, type LineStamps, type OpenedEvents } from './block-scan.js';
import { firstAtOrAfter, markerAt, markerKind, scanBlock, SEEN_BY_KIND, type MarkerEntries, type ScannedBlock } from './marker-positions.js';
import { lineBlocks } from './line-blocks.js';
import { TimestampReader } from './timestamp-bytes.js';

// Messages that can only be the start of an event: platform lines and the runtimes' framed lines.
const MESSAGE_START = /^(?:(?:START|END|REPORT) RequestId:|RequestId: \S+ Error:|INIT_START|INIT_REPORT|RESTORE_|EXTENSION|TELEMETRY|\d{4}-\d{2}-\d{2}T\S+\t|\d{4}-\d{2}-\d{2}T\S+ \S+ Task timed out|\[[A-Z]+\]\t|\{")/;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;

export type Layout = 'undecided' | 'timestamp-message' | 'timestamp-stream-message';

/** What framing a text file found; noise events are counted and timed here, never decoded. */
export interface TextEventCounts {
  events: number;
  oversizedLines: number;
  firstEventMs: number | undefined;
  lastEventMs: number | undefined;
}

/** Tells `<ISO> <message>` from `<ISO> <stream> <message>` by where a recognisable message begins. */
function decideLayout(rest: string): Layout | undefined {
  if (MESSAGE_START.test(rest)) return 'timestamp-message';
  const space = rest.indexOf(' ');
  if (space > 0 && MESSAGE_START.test(rest.slice(space + 1))) return 'timestamp-stream-message';
  return undefined;
}

/**
 * Frames line-based exports into events: `aws logs tail` (`<ISO> <stream> <message>`), S3 exports and
 * `tail --format short` (`<ISO> <message>`), or bare messages. A line that does not start a new event continues
 * the one before it (the 📊 block comes back whole). Framing works on bytes; only events holding a record marker
 * are decoded and yielded, the rest are counted and their times kept for the window.
 */
export class TextFramer {
  private layout: Layout = 'undecided';
  private timestamped = false;
  private readonly ts = new TimestampReader();
  // the event being framed: its bytes before the current block, where it starts in it, its time, whether it matters
  private open = false;
  /** Lines of the open event from earlier blocks, each without its line end. */
  private readonly carried: Buffer[] = [];
  /** Lines of the open event in the current block. */
  private linesHere = 0;
  private start = 0;
  private end = 0;
  private time = Number.NaN;
  /** Length of the container timestamp that opens the event; 0 when it has none. */
  private timeLength = 0;
  private interesting = false;
  /** MarkerSeen bits of the markers in the open event. */
  private seen = 0;
  /** MarkerSeen.unclearLines when the current block may hold a carriage return or a Unicode separator. */
  private unclearLines = 0;
  /** Whether a line of the open event ended with `\r\n`, which frame() turns into `\n`. */
  private lineEndsWithCr = false;
  /**
   * The block scanner holding the current block, when it took it: it reads the records of the block's events
   * (`blockRecords`), and its spare room takes an event carried from earlier blocks.
   */
  private scanner: BlockScanner | undefined;
  private readonly out: SourceEvent[] = [];

  /** `layout`: the layout of the lines before, for a framer that starts mid-file on a line that opens an event. */
  constructor(private readonly counts: TextEventCounts, layout: Layout = 'undecided') {
    this.layout = layout;
    this.timestamped = layout !== 'undecided';
  }

  /** The layout decided so far ('undecided' until a timestamped line with a recognisable message). */
  get decidedLayout(): Layout {
    return this.layout;
  }

  /** Frames the complete lines of `block` (it ends with a newline, or is the input's last line). */
  block(block: Buffer): SourceEvent[] {
    let scanned: ScannedBlock | undefined;
    if (this.timestamped) {
      scanned = scanBlock(block, false, true);
      if (scanned.listed !== undefined && scanned.stamps !== undefined && scanned.unclearLines === 0) {
        this.scanner = scanned.kernel;
        this.unclearLines = 0;
        const opened = scanned.kernel?.openedEvents(this.layout === 'timestamp-stream-message');
        if (opened === undefined) this.frameAtLineStarts(block, scanned.listed, scanned.markers, scanned.stamps);
        else this.frameOpenedEvents(block, opened, scanned.markers);
        return this.endBlock(block);
      }
      if (scanned.listed !== undefined) scanned = undefined; // a carriage return or a separator: every line is looked at
    }
    const { markers, listed: newlines, unclearLines, kernel } = scanned ?? scanBlock(block);
    this.unclearLines = unclearLines;
    this.scanner = kernel;
    let m = 0;
    let k = 0;
    let pos = 0;
    const len = block.length;
    while (pos < len) {
      // every pass of this loop takes one line, so the scanned newlines are taken in order
      const nl = newlines === undefined ? block.indexOf(NEWLINE, pos) : k < newlines.length ? newlines[k++]! : -1;
      const lineEnd = nl === -1 ? len : nl;
      const cr = lineEnd > pos && block[lineEnd - 1] === CR;
      const contentEnd = cr ? lineEnd - 1 : lineEnd;
      const c0 = block[pos]!;
      const t = c0 >= 48 && c0 <= 57 ? this.ts.read(block, pos, contentEnd) : Number.NaN;
      const after = Number.isNaN(t) ? -1 : block[pos + this.ts.length];
      if (after === SPACE) {
        this.startEvent(block, pos, t, this.ts.length);
        if (this.layout === 'undecided') {
          const rest = block.toString('utf8', pos + this.ts.length + 1, Math.min(contentEnd, pos + this.ts.length + 257));
          this.layout = decideLayout(rest) ?? 'undecided';
          this.timestamped = this.layout !== 'undecided';
        }
      } else if (!this.timestamped && (!this.open || this.isMessageStart(block, pos, contentEnd, after))) {
        if (contentEnd === pos && !this.open) {
          pos = lineEnd + 1;
          continue;
        }
        this.startEvent(block, pos, after === TAB ? t : Number.NaN, 0);
      }
      this.end = contentEnd;
      this.linesHere += 1;
      if (cr) this.lineEndsWithCr = true;
      m = this.markersOfLines(markers, m, pos, lineEnd);
      pos = lineEnd + 1;
    }
    return this.endBlock(block);
  }

  /**
   * block() for a timestamped layout and a block without carriage returns or Unicode separators. Only the block's
   * first line and the lines after a newline that start with a digit (`digitLed`: those newlines) can open an event,
   * so only they are looked at, their timestamps as the block scanner read them (`stamps`); the lines between them
   * belong to the event open before, as line by line.
   */
  private frameAtLineStarts(block: Buffer, digitLed: Int32Array, markers: MarkerEntries, stamps: LineStamps): void {
    const len = block.length;
    let from = 0; // where the lines not yet given to an event begin
    let m = 0;
    for (let k = -1; k < digitLed.length; k++) {
      const pos = k < 0 ? 0 : digitLed[k]! + 1;
      let t: number;
      let length = k < 0 ? READ_STAMP : stamps.lengths[k]!;
      if (length === NO_STAMP) continue;
      if (length === READ_STAMP) {
        t = this.readStamp(block, pos);
        if (Number.isNaN(t)) continue;
        length = this.ts.length;
      } else {
        t = stamps.times[k]!;
      }
      if (block[pos + length] !== SPACE) continue;
      if (pos > from) m = this.takeLines(block, from, pos, markers, m);
      this.startEvent(block, pos, t, length);
      from = pos;
    }
    if (len > from) this.takeLines(block, from, len, markers, m);
  }

  /**
   * frameAtLineStarts with the events opening after the block's first line framed by the block scanner (`opened`):
   * those that end in the block are counted and timed there, and only those holding a marker come back to be handed
   * over, their messages located. The block's first line, the event open before the first to open here and the last
   * one, which the next block may go on with, are framed here as line by line.
   */
  private frameOpenedEvents(block: Buffer, opened: OpenedEvents, markers: MarkerEntries): void {
    const t = this.readStamp(block, 0);
    if (!Number.isNaN(t) && block[this.ts.length] === SPACE) this.startEvent(block, 0, t, this.ts.length);
    let from = 0;
    let m = 0;
    if (opened.opened > 0) {
      // the lines before the first to open here (the block's first line at least) go to the event open before it
      m = this.takeLines(block, 0, opened.firstStart, markers, 0);
      if (opened.opened > 1) {
        this.closeEvent(block);
        this.takeEnded(block, opened);
      }
      this.startEvent(block, opened.lastStart, opened.lastTime, opened.lastStampLength);
      from = opened.lastStart;
    }
    if (block.length > from) this.takeLines(block, from, block.length, markers, m);
  }

  /** The timestamp TimestampReader reads at the line starting at `pos` (its length then in `ts.length`), NaN for none. */
  private readStamp(block: Buffer, pos: number): number {
    const c0 = block[pos]!;
    // read up to the block's end, a timestamp comes out as up to its line's: a newline fails every byte it could reach
    return c0 < 48 || c0 > 57 ? Number.NaN : this.ts.read(block, pos, block.length);
  }

  /** Counts and times the events the block scanner found to end in `block`, and hands over those holding a marker. */
  private takeEnded(block: Buffer, opened: OpenedEvents): void {
    const c = this.counts;
    if (opened.ended > 0) {
      c.events += opened.ended;
      widenSpan(c, opened.leastTime, opened.greatestTime);
    }
    const { words, times } = opened;
    const kernel = this.scanner?.blockRecords;
    const streamed = this.layout === 'timestamp-stream-message' ? block : undefined;
    for (let e = 0; e < opened.listed; e++) {
      const w = e * 8;
      const message = words[w + 2]!;
      const time = times[e * 4 + 3]!;
      if (message >= 0) {
        // the stream name lies between the timestamp's space and the message (and the space before it, if any)
        const streamStart = streamed === undefined ? 0 : words[w]! + words[w + 4]! + 1;
        const streamEnd = streamed === undefined ? 0 : block[message - 1] === SPACE ? message - 1 : message;
        this.out.push({ bytes: block, start: message, end: words[w + 1]!, timestamp: time, seen: words[w + 3]!, kernel, streamBytes: streamed, streamStart, streamEnd });
      } else {
        // a stream name and no message: frame() says so on the text
        this.time = time;
        this.timeLength = words[w + 4]!;
        this.out.push(this.frame(block.toString('utf8', words[w]!, words[w + 1]!)));
      }
    }
  }

  /** Gives the whole lines `[from, to)` of `block` to the open event; returns the index of the first marker past them. */
  private takeLines(block: Buffer, from: number, to: number, markers: MarkerEntries, m: number): number {
    this.end = block[to - 1] === NEWLINE ? to - 1 : to;
    this.linesHere += 1;
    return this.markersOfLines(markers, m, from, to);
  }

  /** Marks the open event with the markers in `[from, to)`, from index `m` on; returns the index of the first past them. */
  private markersOfLines(markers: MarkerEntries, m: number, from: number, to: number): number {
    for (m = firstAtOrAfter(markers, from, m); m < markers.length && markerAt(markers[m]!) < to; m += 1) {
      this.interesting = true;
      this.seen |= SEEN_BY_KIND[markerKind(markers[m]!)]!;
    }
    return m;
  }

  /** Keeps the bytes so far of an event the next block may go on with, and hands over the events framed. */
  private endBlock(block: Buffer): SourceEvent[] {
    if (this.open && this.linesHere > 0) this.carried.push(Buffer.from(block.subarray(this.start, this.end)));
    this.start = 0;
    this.end = 0;
    this.linesHere = 0;
    return this.take();
  }

  /** Ends the last event; call once the input is exhausted. */
  finish(): SourceEvent[] {
    this.closeEvent(undefined);
    return this.take();
  }

  private take(): SourceEvent[] {
    // one array, emptied as its events are handed over: arrays made afresh start empty in another shape than one
    // holding events, and a push that met the other shape (an event carried over, first of its block) deoptimised the
    // framer's optimised loop, and had it compiled again, on each thread
    return this.out.splice(0);
  }

  private isMessageStart(block: Buffer, pos: number, contentEnd: number, after: number | undefined): boolean {
    if (after === TAB) return true;
    return MESSAGE_START.test(block.toString('latin1', pos, Math.min(contentEnd, pos + 24)));
  }

  private startEvent(block: Buffer, pos: number, time: number, timeLength: number): void {
    this.closeEvent(block);
    this.open = true;
    this.start = pos;
    this.end = pos;
    this.time = time;
    this.timeLength = timeLength;
    this.interesting = false;
    this.seen = 0;
    this.lineEndsWithCr = false;
    this.linesHere = 0;
  }

  private closeEvent(block: Buffer | undefined): void {
    if (!this.open) return;
    this.open = false;
    const c = this.counts;
    c.events += 1;
    if (!Number.isNaN(this.time)) widenSpan(c, this.time, this.time);
    if (this.interesting) {
      const hasLinesHere = block !== undefined && this.linesHere > 0;
      if (this.carried.length === 0) {
        // its lines are all in this block (an event has lines in this block or earlier ones)
        if (hasLinesHere) {
          this.out.push(this.byteEvent(block, this.start, this.end, this.seen | this.unclearLines, this.scanner?.blockRecords) ?? this.frame(block.toString('utf8', this.start, this.end)));
        } else {
          this.out.push(this.frame(''));
        }
      } else {
        // (a view of the lines here is made only now: one per event was ~3% of a run, and its garbage)
        const { bytes, length, kernel } = this.joinCarried(hasLinesHere ? block.subarray(this.start, this.end) : undefined);
        // which blocks held a carriage return or a Unicode separator is not kept: its lines count as unclear
        const event = this.byteEvent(bytes, 0, length, this.seen | MarkerSeen.unclearLines, kernel);
        this.out.push(event ?? this.frame(bytes.toString('utf8', 0, length)));
      }
    }
    if (this.carried.length > 0) this.carried.length = 0; // emptied in place, as the event array is (see take)
  }

  /**
   * The open event's lines from earlier blocks and then `here` (its lines in this block), joined by newlines in one
   * buffer: the block scanner's spare room when they fit there, whose records the scanner then reads
   * (`unescapedRecords`; the room is JSON's, unused for text, and like the block it is valid until the next block),
   * else a buffer of their own. (Joined by hand: arrays made per event took new shapes, and each new one deoptimised
   * the framer's optimised loop, which this is inlined into, and had it compiled again.)
   */
  private joinCarried(here: Buffer | undefined): { bytes: Buffer; length: number; kernel: RecordKernel | undefined } {
    const carried = this.carried;
    let length = here === undefined ? -1 : here.length;
    for (let k = 0; k < carried.length; k++) length += carried[k]!.length + 1;
    const scanner = this.scanner;
    const room = scanner?.unescaped;
    const fits = scanner !== undefined && room !== undefined && length <= room.length;
    const bytes = fits ? room : Buffer.allocUnsafe(length);
    const kernel = fits ? scanner.unescapedRecords : undefined;
    let at = 0;
    for (let k = 0; k < carried.length; k++) {
      if (k > 0) bytes[at++] = NEWLINE;
      at += carried[k]!.copy(bytes, at);
    }
    if (here !== undefined) {
      bytes[at++] = NEWLINE;
      here.copy(bytes, at);
    }
    return { bytes, length, kernel };
  }

  /**
   * The open event as the bytes `[from, end)` of `bytes`, its message located as frame() would; undefined when it has a
   * carriage return or no message, which frame() handles on the decoded text.
   */
  private byteEvent(bytes: Buffer, from: number, end: number, seen: number, kernel: RecordKernel | undefined): SourceEvent | undefined {
    let start = from;
    let streamStart = 0;
    let streamEnd = 0;
    if (this.lineEndsWithCr) return undefined;
    if (this.timeLength > 0) {
      start += this.timeLength + 1;
      if (this.layout === 'timestamp-stream-message') {
        let i = start;
        while (i < end && bytes[i] !== SPACE && bytes[i] !== NEWLINE) i += 1;
        if (i === end) return undefined;
        streamStart = start;
        streamEnd = i;
        start = bytes[i] === SPACE ? i + 1 : i;
      }
    }
    const streamBytes = streamEnd > 0 ? bytes : undefined;
    return { bytes, start, end, timestamp: Number.isNaN(this.time) ? undefined : this.time, seen, kernel, streamBytes, streamStart, streamEnd };
  }

  /** Splits a decoded event into time, stream and message, as the layout says. */
  private frame(text: string): LogEvent {
    const whole = text.includes('\r') ? text.replace(/\r?\n/g, '\n').replace(/\r$/, '') : text;
    const timestamp = Number.isNaN(this.time) ? undefined : this.time;
    if (this.timeLength === 0) return { message: whole, timestamp };
    const rest = whole.slice(this.timeLength + 1);
    if (this.layout !== 'timestamp-stream-message') return { message: rest, timestamp };
    const space = rest.search(/[ \n]/);
    if (space === -1) return { message: '', timestamp, logStream: rest };
    return { message: rest.slice(rest[space] === ' ' ? space + 1 : space), timestamp, logStream: rest.slice(0, space) };
  }
}

/** Streams a text container's events, one decode per event that matters. */
export async function* textEvents(chunks: AsyncIterable<Buffer>, counts: TextEventCounts, layout: Layout = 'undecided'): AsyncGenerator<SourceEvent[]> {
  const framer = new TextFramer(counts, layout);
  for await (const { bytes, oversized } of lineBlocks(chunks)) {
    counts.oversizedLines += oversized;
    const out = framer.block(bytes);
    if (out.length > 0) yield out;
  }
  const out = framer.finish();
  if (out.length > 0) yield out;
}
