import { asciiBytes, isAsciiSpace, isDigit, wordIn } from './ascii.js';
import { readReportBytes, isReportAt, type ReportBytes } from './report-bytes.js';
import type { RecordKernel } from './record-kernel.js';
import { NEEDS_TEXT, NO_TOOL_LINE, readStatisticsBytes, toolNameBytes, type StatisticsBytes } from './tracker-bytes.js';

export { NEEDS_TEXT };

/** Which record markers (parse/markers.ts) a source saw in an event's bytes; it may say more, never less. */
export const MarkerSeen = {
  statistics: 1,
  /** `Task timed out`, `signal: killed` or `platform.report`: records the string parser reads. */
  rare: 2,
  /**
   * The bytes around the event may hold a carriage return or a character of U+2000–U+207F (Unicode spaces and line
   * separators among them: UTF-8 E2 80 xx, E2 81 xx), which make the lines of a statistics block unclear; without
   * this bit the block's bytes need not be looked at one by one for them.
   */
  unclearLines: 4,
} as const;

const STATISTICS = asciiBytes('Memory Statistics:');
const nameEnd = { end: 0 };

/** One record read from bytes; a reusable scratch object the reader fills. */
export interface ByteRecord {
  kind: 'report' | 'tool' | 'tracker';
  report: ReportBytes;
  idStart: number;
  idEnd: number;
  /** The tool name's bytes (ASCII). */
  toolStart: number;
  toolEnd: number;
  stats: StatisticsBytes;
}

export const newByteRecord = (): ByteRecord => ({
  kind: 'report',
  report: { idStart: 0, idEnd: 0, durationMs: 0, billedDurationMs: 0, memorySizeMB: 0, maxMemoryUsedMB: 0, billedRestoreMs: 0, coldStart: false, timeoutStatus: false, outOfMemoryError: false },
  idStart: 0,
  idEnd: 0,
  toolStart: 0,
  toolEnd: 0,
  stats: { peakHeapMB: Number.NaN, peakRssMB: Number.NaN, complete: false },
});

/** Offsets of the digits of `YYYY-MM-DD`. */
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
const NO_FRAME = -1;
const DOUBTFUL = -2;
const NONE = 0;
const RECORD = 1;
/** What readRecordBytes found: nothing worth a record, a record in `out`, or NEEDS_TEXT. */
export type ByteReading = typeof NONE | typeof RECORD | typeof NEEDS_TEXT;
export const ByteReading = { none: NONE, record: RECORD, needsText: NEEDS_TEXT } as const;

/**
 * End of the Node.js runtime's framing `<ISO>\t<requestId>\t<LEVEL>\t` at `start` (splitAppLine's NODE_FRAME),
 * with the id's range in `out`; NO_FRAME when the message is not framed so, DOUBTFUL when non-ASCII bytes leave it open.
 */
function nodeFrameEnd(b: Uint8Array, start: number, end: number, out: ByteRecord): number {
  if (end - start < 20) return NO_FRAME;
  for (const k of DATE_DIGITS) if (!isDigit(b[start + k]!)) return NO_FRAME;
  if (b[start + 4] !== 0x2d || b[start + 7] !== 0x2d || b[start + 10] !== 0x54) return NO_FRAME;
  // [^\t]{8,30}\t counts UTF-16 units, so non-ASCII bytes there are left to the string parser
  const from = start + 11;
  let tab = from;
  while (tab < end && tab - from <= 30 && b[tab] !== 0x09) {
    if (b[tab]! >= 0x80) return DOUBTFUL;
    tab += 1;
  }
  if (tab >= end || b[tab] !== 0x09 || tab - from < 8 || tab - from > 30) return NO_FRAME;
  const idStart = tab + 1;
  let i = idStart;
  while (i < end && b[i] !== 0x09 && !isAsciiSpace(b[i]!)) {
    if (b[i]! >= 0x80) return DOUBTFUL;
    i += 1;
  }
  if (i === idStart || i >= end || b[i] !== 0x09) return NO_FRAME;
  out.idStart = idStart;
  out.idEnd = i;
  const levelStart = ++i;
  while (i < end && b[i]! >= 65 && b[i]! <= 90) i += 1;
  return i === levelStart || i >= end || b[i] !== 0x09 ? NO_FRAME : i + 1;
}

/**
 * The byte-level twin of parseMessage for the records that make up most of a log: text REPORT lines and the
 * Node.js tracker's tool lines and statistics blocks. Everything else — JSON messages, Python framing, failure
 * lines, malformed reports, doubtful bytes — is NEEDS_TEXT, and the caller decodes the event for parseMessage.
 * `seen` must include every marker of the message (a superset is fine); a `kernel` holding `b` (ByteEvent.kernel)
 * reads the framing and tool lines, and the REPORT lines and statistics blocks it is sure of.
 */
export function readRecordBytes(b: Uint8Array, start: number, end: number, seen: number, out: ByteRecord, kernel?: RecordKernel): ByteReading {
  if (isReportAt(b, start, end)) {
    if (!readReportBytes(b, start, end, out.report, kernel)) return NEEDS_TEXT;
    out.kind = 'report';
    return RECORD;
  }
  if ((seen & MarkerSeen.rare) !== 0 || b[start] === 0x7b || b[start] === 0x5b) return NEEDS_TEXT;
  const body = kernel === undefined ? nodeFrameEnd(b, start, end, out) : kernel.nodeFrameEnd(start, end, out);
  if (body === DOUBTFUL) return NEEDS_TEXT;
  if (body === NO_FRAME) return NONE;
  if ((seen & MarkerSeen.statistics) !== 0 && wordIn(b, STATISTICS, body, end) !== -1) {
    const unclearLines = (seen & MarkerSeen.unclearLines) !== 0;
    if (kernel === undefined || !kernel.readStatistics(body, end, unclearLines, out.stats)) {
      if (!readStatisticsBytes(b, body, end, out.stats, unclearLines)) return NEEDS_TEXT;
    }
    out.kind = 'tracker';
    return RECORD;
  }
  const toolStart = kernel === undefined ? toolNameBytes(b, body, end, nameEnd) : kernel.toolNameBytes(body, end, nameEnd);
  if (toolStart === NEEDS_TEXT) return NEEDS_TEXT;
  if (toolStart === NO_TOOL_LINE) return NONE;
  out.kind = 'tool';
  out.toolStart = toolStart;
  out.toolEnd = nameEnd.end;
  return RECORD;
}
