import { RECORD_MARKERS } from '../../parse/markers.js';

const MARKER_BYTES = RECORD_MARKERS.map((m) => Buffer.from(m, 'utf8'));

/** Sorted byte offsets in `block` where a record marker starts: native scans, one a marker. */
export function markerPositions(block: Buffer): number[] {
  const positions: number[] = [];
  for (const marker of MARKER_BYTES) {
    for (let at = block.indexOf(marker); at !== -1; at = block.indexOf(marker, at + marker.length)) positions.push(at);
  }
  return positions.length > 1 ? positions.sort((a, b) => a - b) : positions;
}
