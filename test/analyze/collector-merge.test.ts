import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/analyze/build-document.js';
import { Collector } from '../../src/analyze/collector.js';
import { emptyRow } from '../../src/analyze/invocation-store.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../../src/analyze/prices.js';
import { eventsOf } from '../../src/fixtures/containers.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import type { LogEvent } from '../../src/parse/log-event.js';

// A file read in two parts, the second by another thread, must give what one reader gives: merge() is checked
// against reading the events in one go, for every cut of event lists full of repeats and conflicts.

function documentOf(collector: Collector, events: number) {
  return buildDocument({
    functions: [{ name: 'fn', collector, named: true }],
    window: { startMs: Date.UTC(2025, 9, 1), endMs: Date.UTC(2025, 9, 3) },
    arch: 'x86_64', basis: 'max', stepMB: 64, minInvocations: 50, strategy: 'conservative', region: undefined, profile: undefined, prices: LAMBDA_PRICES_US_EAST_1, generatedBy: 'test',
    source: { kind: 'files', events, skippedLines: 0, complete: true }, sourceWarnings: [],
  });
}

/** Each row's kept report with its log stream by name: the stores number streams in the order they met them. */
const streamsOf = (c: Collector) =>
  Array.from({ length: c.store.size }, (_, i) => c.store.streamNames[c.store.read(i, emptyRow()).stream] ?? null).sort();

function inOneGo(events: readonly LogEvent[]) {
  const c = new Collector();
  c.addAll(events);
  return { doc: documentOf(c, events.length), duplicates: c.store.duplicateReports, conflicts: c.store.conflictingReports, streams: streamsOf(c) };
}

function inParts(events: readonly LogEvent[], cuts: readonly number[]) {
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), events.length];
  const parts = bounds.slice(1).map((end, k) => {
    const c = new Collector();
    c.addAll(events.slice(bounds[k], end));
    return c;
  });
  const first = parts[0]!;
  // structuredClone is what postMessage does to the snapshot
  for (const later of parts.slice(1)) first.merge(structuredClone(later.snapshot()));
  return { doc: documentOf(first, events.length), duplicates: first.store.duplicateReports, conflicts: first.store.conflictingReports, streams: streamsOf(first) };
}

const report = (id: string, used: number, billed: number, size = 256, extra = ''): string =>
  `REPORT RequestId: ${id}\tDuration: ${billed - 0.5} ms\tBilled Duration: ${billed} ms\tMemory Size: ${size} MB\tMax Memory Used: ${used} MB\t${extra}`;

const ids = ['c793869b-ee49-115b-a5b6-4fd21e8dedac', 'aabf48c0-72ac-053d-b16e-f8a89e09ba2c', 'not-a-uuid-1', 'Another_Id.2'];
const event = fc.oneof(
  // few variants, so that a request id often gets the same report twice as well as different ones
  fc.record({ id: fc.constantFrom(...ids), used: fc.constantFrom(60, 70), billed: fc.constantFrom(100, 101), size: fc.constantFrom(128, 256), cold: fc.boolean(), ts: fc.constantFrom(1, 2, undefined), stream: fc.constantFrom('2025/10/01/[$LATEST]a', 'b', undefined) })
    .map((r): LogEvent => ({ timestamp: r.ts === undefined ? undefined : Date.UTC(2025, 9, 1) + r.ts, message: report(r.id, r.used, r.billed, r.size, r.cold ? 'Init Duration: 5.00 ms\t' : ''), logStream: r.stream })),
  fc.tuple(fc.constantFrom(...ids.slice(0, 2)), fc.constantFrom([60, 100, 1], [70, 100, 1], [60, 101, 2], [60, 100, undefined]))
    .map(([id, [used, billed, ts]]): LogEvent => ({ timestamp: ts === undefined ? undefined : Date.UTC(2025, 9, 1) + ts, message: report(id, used!, billed!) })),
  fc.record({ id: fc.constantFrom(...ids), name: fc.constantFrom('search_web', 'execute_js', 'extract_webpage_content') })
    .map((r): LogEvent => ({ timestamp: Date.UTC(2025, 9, 1), message: `2025-10-01T00:00:00.000Z\t${r.id}\tINFO\t🔧 Tool ${r.name} memory: 1.00MB heap, 2.00MB RSS` })),
  fc.record({ id: fc.constantFrom(...ids), heap: fc.constantFrom(10, 30), rss: fc.constantFrom(50, 90) })
    .map((r): LogEvent => ({ timestamp: Date.UTC(2025, 9, 1), message: `2025-10-01T00:00:00.000Z\t${r.id}\tINFO\t📊 Memory Statistics:\n  Heap: 1MB (peak: ${r.heap}MB)\n  RSS: 1MB (peak: ${r.rss}MB)\n  Snapshots: 2` })),
  fc.constantFrom<LogEvent>(
    { timestamp: Date.UTC(2025, 9, 1), message: `2025-10-01T00:00:01.000Z ${ids[0]} Task timed out after 3.00 seconds` },
    { timestamp: Date.UTC(2025, 9, 1), message: `RequestId: ${ids[2]} Error: Runtime exited with error: signal: killed` },
    { timestamp: Date.UTC(2025, 9, 1), message: 'REPORT RequestId: broken' },
  ),
);

describe('Collector.merge', () => {
  it('gives what one reader gives, for any cuts of events full of repeats, conflicts, tools and failures', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }).chain((events) => fc.tuple(fc.constant(events), fc.array(fc.nat(events.length), { maxLength: 3 }))), ([events, cuts]) => {
        expect(inParts(events, cuts)).toEqual(inOneGo(events));
      }),
      { numRuns: 3000 },
    );
  });

  it('does not depend on the order of a request id\'s reports: the kept report and the counts are the same', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))), ([events, shuffled]) => {
        const a = inOneGo(events);
        const b = inOneGo(shuffled);
        expect([b.duplicates, b.conflicts, b.streams]).toEqual([a.duplicates, a.conflicts, a.streams]);
        expect(b.doc.functions).toEqual(a.doc.functions);
      }),
      { numRuns: 2000 },
    );
  });

  it('merges stores of tens of thousands of rows row by row as one reader stores them, across pages of either', () => {
    // ids new to the first part come in runs that cross the pages (16,384 rows) of both stores at different rows;
    // the second part repeats some of the first's ids, names its tools in another order, and mixes in other ids
    const uuid = (k: number) => `${k.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const eventsOf = (from: number, to: number, tools: readonly string[]) =>
      Array.from({ length: to - from }, (_, n): LogEvent[] => {
        const k = from + n;
        const id = k % 997 === 0 ? `other-${k}` : uuid(k);
        const lines: LogEvent[] = [{ timestamp: Date.UTC(2025, 9, 1) + k, message: report(id, 60 + (k % 50), 100 + (k % 7)), logStream: `stream-${(k * 7) % 13}` }];
        if (k % 3 === 0) lines.push({ timestamp: Date.UTC(2025, 9, 1), message: `2025-10-01T00:00:00.000Z\t${id}\tINFO\t🔧 Tool ${tools[k % tools.length]} memory: 1.00MB heap, ${k % 90}MB RSS` });
        if (k % 11 === 0) lines.push({ timestamp: Date.UTC(2025, 9, 1) + k, message: report(id, 60 + (k % 50), 100 + (k % 7)) });
        return lines;
      }).flat();
    const first = eventsOf(0, 10_000, ['search_web', 'execute_js']);
    const second = [...eventsOf(9_000, 30_000, ['extract_webpage_content', 'execute_js', 'search_web']), ...eventsOf(500, 600, ['execute_js'])];
    const one = new Collector();
    one.addAll([...first, ...second]);
    const a = new Collector();
    a.addAll(first);
    const b = new Collector();
    b.addAll(second);
    a.merge(structuredClone(b.snapshot()));
    // tools by name: the two stores number them differently
    const rows = (c: Collector) =>
      Array.from({ length: c.store.size }, (_, i) => {
        const row = c.store.read(i, emptyRow());
        return { ...row, tool: c.store.toolNames[row.tool] ?? row.tool, stream: c.store.streamNames[row.stream] ?? row.stream };
      });
    expect(a.store.size).toBe(30_000);
    expect(rows(a)).toEqual(rows(one));
    expect([a.store.duplicateReports, a.store.conflictingReports]).toEqual([one.store.duplicateReports, one.store.conflictingReports]);
  });

  it('merges a generated corpus cut at every tenth event', () => {
    const events = [...eventsOf(generateCorpus({ seed: 99, invocations: 120, startMs: Date.UTC(2025, 9, 1), days: 1 }))];
    const want = inOneGo(events);
    for (let cut = 0; cut <= events.length; cut += 10) expect(inParts(events, [cut]), `cut at ${cut}`).toEqual(want);
  });
});
