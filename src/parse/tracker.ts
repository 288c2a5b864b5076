import type { ToolRecord, TrackerRecord } from './records.js';

// The emoji before each line may be missing or mis-decoded (`üîß`, `üìä`), so only the text is matched.
const TOOL_LINE = /Tool (\S+) memory: (\d+(?:\.\d+)?)MB heap, (\d+(?:\.\d+)?)MB RSS/;
const HEAP_PEAK = /^\s*Heap: [^\n]*\(peak: (\d+(?:\.\d+)?)MB\)/m;
const RSS_PEAK = /^\s*RSS: [^\n]*\(peak: (\d+(?:\.\d+)?)MB\)/m;
const SNAPSHOTS = /^\s*Snapshots: \d+/m;

export const isStatisticsBlock = (body: string): boolean => body.includes('Memory Statistics:');

/** Reads the tracker's per-tool line; undefined when `body` is not one. */
export function parseToolLine(requestId: string, body: string): ToolRecord | undefined {
  const m = TOOL_LINE.exec(body);
  if (m === null) return undefined;
  return { kind: 'tool', requestId, tool: m[1] ?? '', heapMB: Number(m[2]), rssMB: Number(m[3]) };
}

/** Reads the peaks of a `📊 Memory Statistics:` block; a block cut short is returned with `complete: false`. */
export function parseStatisticsBlock(requestId: string, body: string): TrackerRecord {
  const heap = HEAP_PEAK.exec(body)?.[1];
  const rss = RSS_PEAK.exec(body)?.[1];
  return {
    kind: 'tracker',
    requestId,
    peakHeapMB: heap === undefined ? undefined : Number(heap),
    peakRssMB: rss === undefined ? undefined : Number(rss),
    complete: heap !== undefined && rss !== undefined && SNAPSHOTS.test(body),
  };
}
