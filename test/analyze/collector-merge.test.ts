import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/analyze/build-document.js';
import { Collector } from '../../src/analyze/collector.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../../src/analyze/prices.js';
import { eventsOf } from '../../src/fixtures/containers.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import type { LogEvent } from '../../src/parse/log-event.js';

// A file read in two parts, the second by another thread, must give what one reader gives: merge() is checked
// against reading the events in one go, for every cut of event lists full of repeats and conflicts.

function documentOf(collector: Collector, events: number) {
  return buildDocument({
    functions: [{ name: 'fn', collector }],
    window: { startMs: Date.UTC(2025, 9, 1), endMs: Date.UTC(2025, 9, 3) },
    arch: 'x86_64', basis: 'max', stepMB: 64, prices: LAMBDA_PRICES_US_EAST_1, generatedBy: 'test',
    source: { kind: 'files', events, skippedLines: 0, complete: true }, sourceWarnings: [],
  });
}

function inOneGo(events: readonly LogEvent[]) {
  const c = new Collector();
  c.addAll(events);
  return { doc: documentOf(c, events.length), duplicates: c.store.duplicateReports, conflicts: c.store.conflictingReports };
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
  return { doc: documentOf(first, events.length), duplicates: first.store.duplicateReports, conflicts: first.store.conflictingReports };
}

const report = (id: string, used: number, billed: number, size = 256, extra = ''): string =>
  `REPORT RequestId: ${id}\tDuration: ${billed - 0.5} ms\tBilled Duration: ${billed} ms\tMemory Size: ${size} MB\tMax Memory Used: ${used} MB\t${extra}`;

const ids = ['c793869b-ee49-115b-a5b6-4fd21e8dedac', 'aabf48c0-72ac-053d-b16e-f8a89e09ba2c', 'not-a-uuid-1', 'Another_Id.2'];
const event = fc.oneof(
  // few variants, so that a request id often gets the same report twice as well as different ones
  fc.record({ id: fc.constantFrom(...ids), used: fc.constantFrom(60, 70), billed: fc.constantFrom(100, 101), size: fc.constantFrom(128, 256), cold: fc.boolean(), ts: fc.constantFrom(1, 2, undefined) })
    .map((r): LogEvent => ({ timestamp: r.ts === undefined ? undefined : Date.UTC(2025, 9, 1) + r.ts, message: report(r.id, r.used, r.billed, r.size, r.cold ? 'Init Duration: 5.00 ms\t' : '') })),
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
        expect([b.duplicates, b.conflicts]).toEqual([a.duplicates, a.conflicts]);
        expect(b.doc.functions).toEqual(a.doc.functions);
      }),
      { numRuns: 2000 },
    );
  });

  it('merges a generated corpus cut at every tenth event', () => {
    const events = [...eventsOf(generateCorpus({ seed: 99, invocations: 120, startMs: Date.UTC(2025, 9, 1), days: 1 }))];
    const want = inOneGo(events);
    for (let cut = 0; cut <= events.length; cut += 10) expect(inParts(events, [cut]), `cut at ${cut}`).toEqual(want);
  });
});
