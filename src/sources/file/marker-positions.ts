import { RECORD_MARKERS } from '../../parse/markers.js';
import { MarkerSeen } from '../../parse/record-bytes.js';
import { BlockScanner, type LineStamps } from './block-scan.js';

/**
 * Each marker is searched for by a part of it whose first byte is rare in logs (a timestamp puts a `T` on every
 * line, so `Task timed out` is found through `k timed`): native searches skip faster on rare first bytes. A hit
 * of a part is then checked for the whole marker, so the positions are exactly the markers'; the markers that are
 * frequent are searched whole, as that check would cost more than the faster search saves.
 */
const SEARCH_PART: Readonly<Record<(typeof RECORD_MARKERS)[number], string>> = {
  'REPORT RequestId:': 'REPORT RequestId:',
  'Memory Statistics:': 'Memory Statistics:',
  'MB RSS': 'MB RSS',
  'Task timed out': 'k timed',
  'signal: killed': 'killed',
  'platform.report': '.report',
};

/**
 * The two bytes of each marker the block scanner looks for first: a pair that is rare in logs (each hit of a pair
 * costs a check of the whole marker).
 */
const SCAN_PAIR: Readonly<Record<string, string>> = {
  'REPORT RequestId:': 'RE',
  'Memory Statistics:': 'St',
  'MB RSS': 'SS',
  'Task timed out': 'Ta',
  'signal: killed': 'ki',
  'platform.report': 'm.',
  '\\u': '\\u',
};

interface Needle {
  readonly whole: Buffer;
  readonly part: Buffer;
  readonly offset: number;
  readonly pairOffset: number;
  /** The MarkerSeen bits it gives an event holding it. */
  readonly seen: number;
}

/** MarkerSeen bits of a marker; the `\u` escape says nothing of its own. */
const seenOf = (marker: string): number =>
  marker === 'Memory Statistics:' ? MarkerSeen.statistics : marker === 'Task timed out' || marker === 'signal: killed' || marker === 'platform.report' ? MarkerSeen.rare : 0;

const needle = (whole: string, part: string): Needle => {
  const offset = whole.indexOf(part);
  const pairOffset = whole.indexOf(SCAN_PAIR[whole] ?? '');
  if (offset === -1 || pairOffset === -1) throw new Error(`search part ${part} or scan pair is not in ${whole}`);
  return { whole: Buffer.from(whole, 'utf8'), part: Buffer.from(part, 'utf8'), offset, pairOffset, seen: seenOf(whole) };
};

const TEXT_NEEDLES = RECORD_MARKERS.map((m) => needle(m, SEARCH_PART[m]));
/** In JSON any character may be written as `\uXXXX`, which could hide a marker from a byte search. */
const JSON_NEEDLES = [...TEXT_NEEDLES, needle('\\u', '\\u')];

/** MarkerSeen bits of each kind (an index into RECORD_MARKERS, or RECORD_MARKERS.length for a `\u` escape). */
export const SEEN_BY_KIND: readonly number[] = JSON_NEEDLES.map((n) => n.seen);

const KIND_BITS = 3;
/** Byte offset of a marker entry. */
export const markerAt = (entry: number): number => Math.floor(entry / (1 << KIND_BITS));
/** Kind of a marker entry: an index into RECORD_MARKERS, or RECORD_MARKERS.length for a `\u` escape. */
export const markerKind = (entry: number): number => entry % (1 << KIND_BITS);

/** Sorted marker entries (`offset * 8 + kind`, read with markerAt and markerKind). */
export type MarkerEntries = ArrayLike<number>;

/**
 * What one look at a block found: its markers, and its newlines or JSON structure when the block scanner took it.
 * Read it before the next block is scanned (the lists may be views of the scanner's memory): each reader scans a
 * block and walks it before it asks for the next.
 */
export interface ScannedBlock {
  readonly markers: MarkerEntries;
  /**
   * Offsets, ascending, of a text block's newlines (every one, or those followed by a digit when so asked) or of a
   * JSON block's structure (`" , : [ ] { }`); undefined when the markers came from native searches.
   */
  readonly listed: Int32Array | undefined;
  /** MarkerSeen.unclearLines when the block may hold a carriage return or a Unicode separator, else 0. */
  readonly unclearLines: number;
  /** With `digitLed`, when the block scanner took the block: the timestamps opening the lines after `listed`. */
  readonly stamps: LineStamps | undefined;
  /**
   * The block scanner, when it took the block: until its next scan it holds the block, unescapes a JSON block's
   * strings and reads the records of a text block's events.
   */
  readonly kernel: BlockScanner | undefined;
}

let scanners: { text: BlockScanner; json: BlockScanner } | undefined;

/**
 * The record markers (and `\u` escapes, for JSON) of `block`, and its newlines (every one, or with `digitLed` those
 * followed by a digit) or, for JSON, the bytes of its structure: one pass of the block scanner (block-scan.ts), or,
 * for a block it cannot take, one native search per marker.
 */
export function scanBlock(block: Buffer, json = false, digitLed = false): ScannedBlock {
  scanners ??= { text: new BlockScanner(TEXT_NEEDLES), json: new BlockScanner(JSON_NEEDLES) };
  const scan = json ? scanners.json.scan(block, 'json structure') : scanners.text.scan(block, digitLed ? 'digit-led newlines' : 'newlines');
  if (scan === undefined) return { markers: searchMarkers(block, json), listed: undefined, unclearLines: MarkerSeen.unclearLines, stamps: undefined, kernel: undefined };
  const { hits } = scan;
  // a marker whose pair lies further in may start before one found just before it
  let sorted = true;
  for (let k = 1; k < hits.length && sorted; k++) sorted = hits[k]! >= hits[k - 1]!;
  return {
    markers: sorted ? hits : hits.sort(),
    listed: scan.listed,
    unclearLines: scan.unclearLines ? MarkerSeen.unclearLines : 0,
    stamps: scan.stamps,
    kernel: json ? scanners.json : scanners.text,
  };
}

/**
 * Where record markers (and `\u` escapes, for JSON) start in `block`, sorted, each entry `offset * 8 + kind`
 * (read them with markerAt and markerKind): native scans, one per marker. The block scanner gives the same.
 */
export function searchMarkers(block: Buffer, json = false): number[] {
  const entries: number[] = [];
  const needles = json ? JSON_NEEDLES : TEXT_NEEDLES;
  for (let kind = 0; kind < needles.length; kind++) {
    const { whole, part, offset } = needles[kind]!;
    for (let at = block.indexOf(part); at !== -1; at = block.indexOf(part, at + 1)) {
      const start = at - offset;
      const end = start + whole.length;
      if (start >= 0 && end <= block.length && (part.length === whole.length || block.compare(whole, 0, whole.length, start, end) === 0)) {
        entries.push(start * (1 << KIND_BITS) + kind);
      }
    }
  }
  return entries.length > 1 ? entries.sort((a, b) => a - b) : entries;
}

/** Index of the first entry at or after byte `from` (entries sorted), for walking them alongside a scan. */
export function firstAtOrAfter(entries: MarkerEntries, from: number, hint: number): number {
  let k = hint;
  while (k < entries.length && markerAt(entries[k]!) < from) k += 1;
  return k;
}
