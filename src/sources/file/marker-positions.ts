import { RECORD_MARKERS } from '../../parse/markers.js';
import { MarkerSeen } from '../../parse/record-bytes.js';

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

interface Needle {
  readonly whole: Buffer;
  readonly part: Buffer;
  readonly offset: number;
}

const needle = (whole: string, part: string): Needle => {
  const offset = whole.indexOf(part);
  if (offset === -1) throw new Error(`search part ${part} is not in ${whole}`);
  return { whole: Buffer.from(whole, 'utf8'), part: Buffer.from(part, 'utf8'), offset };
};

const MARKERS = RECORD_MARKERS.map((m) => needle(m, SEARCH_PART[m]));
/** In JSON any character may be written as `\uXXXX`, which could hide a marker from a byte search. */
const JSON_ESCAPE = needle('\\u', '\\u');

/** MarkerSeen bits of each kind (an index into RECORD_MARKERS); the `\u` escape says nothing of its own. */
export const SEEN_BY_KIND: readonly number[] = [
  ...RECORD_MARKERS.map((m) =>
    m === 'Memory Statistics:' ? MarkerSeen.statistics : m === 'Task timed out' || m === 'signal: killed' || m === 'platform.report' ? MarkerSeen.rare : 0,
  ),
  0,
];

const KIND_BITS = 3;
/** Byte offset of an entry of markerPositions. */
export const markerAt = (entry: number): number => Math.floor(entry / (1 << KIND_BITS));
/** Kind of an entry of markerPositions: an index into RECORD_MARKERS, or RECORD_MARKERS.length for a `\u` escape. */
export const markerKind = (entry: number): number => entry % (1 << KIND_BITS);

/**
 * Where record markers (and `\u` escapes, for JSON) start in `block`, sorted, each entry `offset * 8 + kind`
 * (read them with markerAt and markerKind): native scans, one per marker.
 */
export function markerPositions(block: Buffer, json = false): number[] {
  const entries: number[] = [];
  const needles = json ? [...MARKERS, JSON_ESCAPE] : MARKERS;
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
export function firstAtOrAfter(entries: readonly number[], from: number, hint: number): number {
  let k = hint;
  while (k < entries.length && markerAt(entries[k]!) < from) k += 1;
  return k;
}
