import { RECORD_MARKERS } from '../../parse/markers.js';

const MARKER_BYTES = RECORD_MARKERS.map((m) => Buffer.from(m, 'utf8'));
/** In JSON any character may be written as `\uXXXX`, which could hide a marker from a byte search. */
const JSON_ESCAPE = Buffer.from('\\u');

/** Sorted byte offsets in `block` where a record marker starts (and `\u` escapes, for JSON): native scans. */
export function markerPositions(block: Buffer, json = false): number[] {
  const positions: number[] = [];
  for (const marker of json ? [...MARKER_BYTES, JSON_ESCAPE] : MARKER_BYTES) {
    for (let at = block.indexOf(marker); at !== -1; at = block.indexOf(marker, at + marker.length)) positions.push(at);
  }
  return positions.length > 1 ? positions.sort((a, b) => a - b) : positions;
}

/** Index of the first position at or after `from` (positions sorted), for walking them alongside a scan. */
export function firstAtOrAfter(positions: readonly number[], from: number, hint: number): number {
  let k = hint;
  while (k < positions.length && positions[k]! < from) k += 1;
  return k;
}
