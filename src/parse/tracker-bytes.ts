import { asciiBytes, bytesAt, decimalAt, isAsciiSpace, isDigit, wordIn, numberEnd } from './ascii.js';

const TOOL = asciiBytes('Tool ');
const MEMORY = asciiBytes(' memory: ');
const HEAP_SEP = asciiBytes('MB heap, ');
const RSS_END = asciiBytes('MB RSS');
const HEAP = asciiBytes('Heap: ');
const RSS = asciiBytes('RSS: ');
const SNAPSHOTS = asciiBytes('Snapshots: ');
const PEAK = asciiBytes('(peak: ');
const MB_CLOSE = asciiBytes('MB)');

/** Steps aside: the string parser must read this event. */
export const NEEDS_TEXT = -1;

/** toolNameBytes found no tool line. */
export const NO_TOOL_LINE = -2;

/**
 * Where the tool name of `Tool (\S+) memory: <n>MB heap, <n>MB RSS` (parseToolLine's pattern, leftmost match) in
 * `b[from, end)` starts; its end in `out.end`. NO_TOOL_LINE when there is none, NEEDS_TEXT when a non-ASCII byte
 * could be Unicode white space. The name's bytes are ASCII.
 */
export function toolNameBytes(b: Uint8Array, from: number, end: number, out: { end: number }): number {
  for (let at = wordIn(b, TOOL, from, end); at !== -1; at = wordIn(b, TOOL, at + 1, end)) {
    const nameFrom = at + TOOL.length;
    let i = nameFrom;
    while (i < end && !isAsciiSpace(b[i]!)) {
      if (b[i]! >= 0x80) return NEEDS_TEXT;
      i += 1;
    }
    if (i === nameFrom || !bytesAt(b, i, end, MEMORY)) continue;
    const heapEnd = numberEnd(b, i + MEMORY.length, end);
    if (heapEnd === -1 || !bytesAt(b, heapEnd, end, HEAP_SEP)) continue;
    const rssEnd = numberEnd(b, heapEnd + HEAP_SEP.length, end);
    if (rssEnd === -1 || !bytesAt(b, rssEnd, end, RSS_END)) continue;
    out.end = i;
    return nameFrom;
  }
  return NO_TOOL_LINE;
}

/** Peaks of a statistics block as parseStatisticsBlock reads them; NaN where it finds none. */
export interface StatisticsBytes {
  peakHeapMB: number;
  peakRssMB: number;
  complete: boolean;
}

// First bytes of the UTF-8 forms of the Unicode white space `\s` matches (U+00A0, U+1680, U+2000–U+3000, U+FEFF).
const mayBeUnicodeSpace = (c: number): boolean => c === 0xc2 || c === 0xe1 || c === 0xe2 || c === 0xe3 || c === 0xef;

/** The value of the last `(peak: <n>MB)` in `b[from, lineEnd)`, or NaN. */
function lastPeak(b: Uint8Array, from: number, lineEnd: number): number {
  for (let at = lineEnd - PEAK.length; at >= from; at--) {
    if (b[at] !== 0x28 || !bytesAt(b, at, lineEnd, PEAK)) continue;
    const n = at + PEAK.length;
    const e = numberEnd(b, n, lineEnd);
    if (e !== -1 && bytesAt(b, e, lineEnd, MB_CLOSE)) return decimalAt(b, n, e);
  }
  return Number.NaN;
}

/**
 * The byte-level twin of parseStatisticsBlock over the body `b[from, end)`: per line (`^\s*` with the `m` flag),
 * the first `Heap:` and `RSS:` line holding a `(peak: …MB)`, whose last such value counts, and a `Snapshots:` line.
 * False when a carriage return, a Unicode line separator or possible Unicode white space (U+2000–U+205F start
 * with E2 80 or E2 81; the tracker's `→` is E2 86 92) makes the lines unclear; `unclearLines` false says the
 * caller knows the bytes hold no carriage return, E2 80 or E2 81 (MarkerSeen.unclearLines).
 */
export function readStatisticsBytes(b: Uint8Array, from: number, end: number, out: StatisticsBytes, unclearLines = true): boolean {
  let heap = Number.NaN;
  let rss = Number.NaN;
  let snapshots = false;
  let line = from;
  while (line <= end) {
    let lineEnd = line;
    if (unclearLines) {
      for (let c = b[lineEnd]!; lineEnd < end && c !== 0x0a; c = b[++lineEnd]!) {
        if (c === 0x0d || (c === 0xe2 && (b[lineEnd + 1] === 0x80 || b[lineEnd + 1] === 0x81))) return false;
      }
    } else {
      while (lineEnd < end && b[lineEnd] !== 0x0a) lineEnd += 1;
    }
    let i = line;
    while (i < lineEnd && isAsciiSpace(b[i]!)) i += 1;
    if (i < lineEnd && mayBeUnicodeSpace(b[i]!)) return false;
    const c = b[i];
    if (c === 0x48 && Number.isNaN(heap) && bytesAt(b, i, lineEnd, HEAP)) heap = lastPeak(b, i + HEAP.length, lineEnd);
    else if (c === 0x52 && Number.isNaN(rss) && bytesAt(b, i, lineEnd, RSS)) rss = lastPeak(b, i + RSS.length, lineEnd);
    else if (c === 0x53 && !snapshots && bytesAt(b, i, lineEnd, SNAPSHOTS) && i + SNAPSHOTS.length < lineEnd && isDigit(b[i + SNAPSHOTS.length]!)) snapshots = true;
    line = lineEnd + 1;
  }
  out.peakHeapMB = heap;
  out.peakRssMB = rss;
  out.complete = !Number.isNaN(heap) && !Number.isNaN(rss) && snapshots;
  return true;
}
