import { asciiBytes, asciiText, bytesAt, decimalAt, isAsciiSpace, numberEnd } from './ascii.js';
import type { CanonicalReport, RecordKernel } from './record-kernel.js';

const REPORT_PREFIX = asciiBytes('REPORT RequestId:');
const KEYS = ['REPORT RequestId', 'Duration', 'Billed Duration', 'Memory Size', 'Max Memory Used', 'Init Duration', 'Restore Duration', 'Billed Restore Duration', 'Status', 'Error Type'].map(asciiBytes);
const [ID, DURATION, BILLED, MEMORY_SIZE, MAX_USED, INIT, RESTORE, BILLED_RESTORE, STATUS, ERROR_TYPE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const MS = asciiBytes('ms');
const MB = asciiBytes('MB');

// value range [from, to) of each key in the line being read; -1 when absent
const from = new Int32Array(KEYS.length);
const to = new Int32Array(KEYS.length);

/** The indexes in KEYS of the keys of each length: most lengths (those of X-Ray's keys among them) have none. */
const KEYS_OF_LENGTH: readonly (readonly number[])[] = Array.from({ length: Math.max(...KEYS.map((k) => k.length)) + 1 }, (_, n) =>
  KEYS.flatMap((key, k) => (key.length === n ? [k] : [])),
);

/** Index in KEYS of the key `b[i, keyEnd)`, or -1. */
function keyIndex(b: Uint8Array, i: number, keyEnd: number): number {
  const candidates = KEYS_OF_LENGTH[keyEnd - i];
  if (candidates === undefined) return -1;
  for (const k of candidates) if (bytesAt(b, i, keyEnd, KEYS[k]!)) return k;
  return -1;
}

const isSeparator = (c: number): boolean => c === 9 || c === 10 || c === 13;
/** The bytes of a request id as parseReportLine takes them: `[\w.:-]`. */
const ID_BYTE = new Uint8Array(256);
for (const c of asciiBytes('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.:-')) ID_BYTE[c] = 1;
const isIdByte = (c: number): boolean => ID_BYTE[c] === 1;

/** A text REPORT read from bytes: the figures `parseReportLine` would give, the id as a byte range. */
export interface ReportBytes extends CanonicalReport {
  /** Billed Restore Duration, 0 when absent. */
  billedRestoreMs: number;
  timeoutStatus: boolean;
  outOfMemoryError: boolean;
}

export const isReportAt = (b: Uint8Array, start: number, end: number): boolean => bytesAt(b, start, end, REPORT_PREFIX);

/** readFields found a non-ASCII byte. */
const NOT_ASCII = -1;

/**
 * Splits `b[i, end)` into fields as parseReportLine does (separated by tabs and line ends, stray spaces allowed)
 * and records in `from`/`to` the trimmed value of each known key, the last occurrence winning; returns how many
 * fields had a known key, or NOT_ASCII.
 */
function readFields(b: Uint8Array, i: number, end: number): number {
  from.fill(-1);
  let known = 0;
  while (i < end) {
    while (i < end && (isSeparator(b[i]!) || b[i] === 32)) i += 1;
    let fieldEnd = i;
    let colon = -1;
    for (let c = b[fieldEnd]!; fieldEnd < end && c !== 9 && c !== 10 && c !== 13; c = b[++fieldEnd]!) {
      if (c >= 0x80) return NOT_ASCII;
      if (c === 58 && colon === -1) colon = fieldEnd;
    }
    if (colon > i) {
      let keyEnd = colon;
      while (keyEnd > i && b[keyEnd - 1] === 32) keyEnd -= 1;
      const k = keyIndex(b, i, keyEnd);
      if (k !== -1) {
        let vFrom = colon + 1;
        let vTo = fieldEnd;
        while (vFrom < vTo && isAsciiSpace(b[vFrom]!)) vFrom += 1;
        while (vTo > vFrom && isAsciiSpace(b[vTo - 1]!)) vTo -= 1;
        from[k] = vFrom;
        to[k] = vTo;
        known += 1;
      }
    }
    i = fieldEnd;
  }
  return known;
}

/** `<value> <unit>` in `b[from, to)` (already trimmed), as `quantity` in report-line.ts reads it; NaN when not. */
function quantityAt(b: Uint8Array, from: number, to: number, unit: Uint8Array): number {
  if (from < 0 || !bytesAt(b, to - unit.length, to, unit) || to - unit.length < from) return Number.NaN;
  let valueEnd = to - unit.length;
  while (valueEnd > from && isAsciiSpace(b[valueEnd - 1]!)) valueEnd -= 1;
  return decimalAt(b, from, valueEnd);
}

const text = (b: Uint8Array, from: number, to: number): string | undefined => (from < 0 ? undefined : asciiText(b, from, to));

const ID_PREFIX = asciiBytes('REPORT RequestId: ');
const FIELDS = ['Duration: ', 'Billed Duration: ', 'Memory Size: ', 'Max Memory Used: '].map(asciiBytes);
const UNITS = [MS, MS, MB, MB];
const INIT_FIELD = asciiBytes('Init Duration: ');
const canonicalFigures = new Float64Array(4);

/** End of `\d+(\.\d+)? <unit>` at `i` (the unit after one space), or -1. */
function quantityEnd(b: Uint8Array, i: number, end: number, unit: Uint8Array): number {
  const e = numberEnd(b, i, end);
  return e !== -1 && b[e] === 0x20 && bytesAt(b, e + 1, end, unit) ? e : -1;
}

/** Whether the field whose value ends at `i` ends there: only spaces before a separator or the end. */
function endsField(b: Uint8Array, i: number, end: number): boolean {
  while (i < end && b[i] === 0x20) i += 1;
  return i === end || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d;
}

/** Past the spaces and the one tab that end a field at `i`, or -1. */
function fieldEnd(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] === 0x20) i += 1;
  return i < end && b[i] === 0x09 ? i + 1 : -1;
}

/**
 * Lambda's REPORT line as Lambda writes it — the four figures in order, each field ended by a tab (after stray
 * spaces), perhaps `Init Duration`, then nothing the reader reads (X-Ray fields) — read in one pass. False for any
 * other shape, which the field-by-field reader then reads (it gives the same figures for this shape).
 */
function readCanonicalReport(b: Uint8Array, start: number, end: number, out: ReportBytes): boolean {
  if (!bytesAt(b, start, end, ID_PREFIX)) return false;
  let i = start + ID_PREFIX.length;
  const idStart = i;
  while (i < end && isIdByte(b[i]!)) i += 1;
  const idEnd = i;
  if (idEnd === idStart || idEnd - idStart > 128) return false;
  i = fieldEnd(b, i, end);
  const figures = canonicalFigures;
  for (let k = 0; k < 4; k++) {
    if (i === -1 || !bytesAt(b, i, end, FIELDS[k]!)) return false;
    const from = i + FIELDS[k]!.length;
    const e = quantityEnd(b, from, end, UNITS[k]!);
    if (e === -1) return false;
    figures[k] = decimalAt(b, from, e);
    i = e + 1 + UNITS[k]!.length;
    // the last field may end the line without a tab
    if (k < 3) i = fieldEnd(b, i, end);
    else if (!endsField(b, i, end)) return false;
  }
  let coldStart = false;
  let rest = fieldEnd(b, i, end);
  if (rest !== -1 && bytesAt(b, rest, end, INIT_FIELD)) {
    const e = quantityEnd(b, rest + INIT_FIELD.length, end, MS);
    if (e === -1) return false;
    coldStart = true;
    i = e + 1 + MS.length;
    if (!endsField(b, i, end)) return false;
    rest = fieldEnd(b, i, end);
  }
  if (rest !== -1) i = rest;
  // what follows (X-Ray fields, on this line or the next) must hold no field the reader reads
  if (i < end && readFields(b, i, end) !== 0) return false;
  return usable(out, idStart, idEnd, figures[0]!, figures[1]!, figures[2]!, figures[3]!, 0, coldStart, false, false);
}

/**
 * Fills `out` when the figures make a usable report (reportFrom's rule: a whole positive Memory Size and a whole
 * Max Memory Used), and says whether they do.
 */
function usable(
  out: ReportBytes, idStart: number, idEnd: number, durationMs: number, billedDurationMs: number, memorySizeMB: number, maxMemoryUsedMB: number,
  billedRestoreMs: number, coldStart: boolean, timeoutStatus: boolean, outOfMemoryError: boolean,
): boolean {
  if (!Number.isInteger(memorySizeMB) || memorySizeMB === 0 || !Number.isInteger(maxMemoryUsedMB)) return false;
  out.idStart = idStart;
  out.idEnd = idEnd;
  out.durationMs = durationMs;
  out.billedDurationMs = billedDurationMs;
  out.memorySizeMB = memorySizeMB;
  out.maxMemoryUsedMB = maxMemoryUsedMB;
  out.billedRestoreMs = billedRestoreMs;
  out.coldStart = coldStart;
  out.timeoutStatus = timeoutStatus;
  out.outOfMemoryError = outOfMemoryError;
  return true;
}

/**
 * The byte-level twin of `parseReportLine` for the ASCII text REPORT line that makes up most of a log's records.
 * Fills `out` and returns true when the line is a usable report; false whenever the string parser must decide
 * (non-ASCII bytes, a missing or unreadable figure: it words the malformed record). A `kernel` holding `b` reads the
 * line in Lambda's shape first.
 */
export function readReportBytes(b: Uint8Array, start: number, end: number, out: ReportBytes, kernel?: RecordKernel): boolean {
  if (kernel !== undefined) {
    // a line the kernel is not sure of goes to the field-by-field reader, which reads Lambda's shape alike: trying the
    // one-pass reader first had it optimised on each thread for the few lines it then fails too (1 in 125 in the bench)
    if (kernel.readCanonicalReport(start, end, out) && usable(out, out.idStart, out.idEnd, out.durationMs, out.billedDurationMs, out.memorySizeMB, out.maxMemoryUsedMB, 0, out.coldStart, false, false)) return true;
  } else if (readCanonicalReport(b, start, end, out)) {
    return true;
  }
  if (!isReportAt(b, start, end) || readFields(b, start, end) === NOT_ASCII) return false;
  const idStart = from[ID]!;
  const idEnd = to[ID]!;
  if (idStart < 0 || idEnd === idStart || idEnd - idStart > 128) return false;
  for (let k = idStart; k < idEnd; k++) if (!isIdByte(b[k]!)) return false;
  const durationMs = quantityAt(b, from[DURATION]!, to[DURATION]!, MS);
  const billedDurationMs = quantityAt(b, from[BILLED]!, to[BILLED]!, MS);
  const memorySizeMB = quantityAt(b, from[MEMORY_SIZE]!, to[MEMORY_SIZE]!, MB);
  const maxMemoryUsedMB = quantityAt(b, from[MAX_USED]!, to[MAX_USED]!, MB);
  if (Number.isNaN(durationMs) || Number.isNaN(billedDurationMs)) return false;
  const hasInit = from[INIT]! >= 0 && !Number.isNaN(quantityAt(b, from[INIT]!, to[INIT]!, MS));
  const hasRestore = from[RESTORE]! >= 0 && !Number.isNaN(quantityAt(b, from[RESTORE]!, to[RESTORE]!, MS));
  const billedRestore = from[BILLED_RESTORE]! >= 0 ? quantityAt(b, from[BILLED_RESTORE]!, to[BILLED_RESTORE]!, MS) : Number.NaN;
  return usable(
    out, idStart, idEnd, durationMs, billedDurationMs, memorySizeMB, maxMemoryUsedMB, Number.isNaN(billedRestore) ? 0 : billedRestore, hasInit || hasRestore,
    text(b, from[STATUS]!, to[STATUS]!) === 'timeout', text(b, from[ERROR_TYPE]!, to[ERROR_TYPE]!) === 'Runtime.OutOfMemory',
  );
}
