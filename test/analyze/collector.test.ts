import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/analyze/build-document.js';
import { Collector } from '../../src/analyze/collector.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../../src/analyze/prices.js';
import type { LogEvent } from '../../src/parse/log-event.js';

const report = (id: string, used: number, billed = 100, size = 256, extra = ''): string =>
  `REPORT RequestId: ${id}\tDuration: ${billed - 0.5} ms\tBilled Duration: ${billed} ms\tMemory Size: ${size} MB\tMax Memory Used: ${used} MB\t${extra}`;
const tool = (id: string, name: string): string => `2025-10-11T19:07:01.234Z\t${id}\tINFO\t🔧 Tool ${name} memory: 10.00MB heap, 20.00MB RSS`;

function analyse(events: LogEvent[]) {
  const collector = new Collector();
  collector.addAll(events);
  return buildDocument({
    functions: [{ name: 'fn', collector, named: true }],
    window: { startMs: 0, endMs: 86_400_000 },
    arch: 'x86_64', basis: 'max', stepMB: 64, minInvocations: 50, strategy: 'conservative', region: undefined, profile: undefined, prices: LAMBDA_PRICES_US_EAST_1, generatedBy: 'test',
    source: { kind: 'files', events: events.length, skippedLines: 0, complete: true }, sourceWarnings: [],
  });
}

describe('joining events by request id', () => {
  it('classifies operations by the distinct tools seen, before or after the report', () => {
    const events: LogEvent[] = [
      { timestamp: 1000, message: report('a', 70) },
      { timestamp: 1000, message: report('b', 100) },
      { timestamp: 999, message: tool('b', 'search_web') },
      { timestamp: 1001, message: tool('b', 'search_web') }, // the same tool twice is still one tool
      { timestamp: 1000, message: report('c', 120) },
      { timestamp: 1002, message: tool('c', 'extract_webpage_content') }, // after its report
      { timestamp: 1000, message: report('d', 140) },
      { timestamp: 900, message: tool('d', 'search_web') },
      { timestamp: 901, message: tool('d', 'execute_js') },
      { timestamp: 1000, message: report('e', 90) },
      { timestamp: 900, message: tool('e', 'execute_js') },
    ];
    const ops = analyse(events).functions[0]!.operations.map((o) => [o.operation, o.invocations, o.maxMemoryUsedMB.max]);
    expect(ops).toEqual([['simple-chat', 1, 70], ['web-search', 1, 100], ['web-scraping', 1, 120], ['multi-tool', 1, 140], ['execute_js', 1, 90]]);
  });

  it('counts a repeated identical report once, and keeps the larger of two conflicting ones with a warning', () => {
    const doc = analyse([
      { timestamp: 1000, message: report('a', 70) },
      { timestamp: 1000, message: report('a', 70) },
      { timestamp: 2000, message: report('b', 80) },
      { timestamp: 2500, message: report('b', 95) },
    ]);
    expect(doc.functions[0]!.invocations).toBe(2);
    expect(doc.functions[0]!.maxMemoryUsedMB!.max).toBe(95);
    expect(doc.warnings.find((w) => w.code === 'conflicting-duplicate-report')?.count).toBe(1);
  });

  it('gives the same document whatever order the events arrive in', () => {
    const events: LogEvent[] = [
      { timestamp: 1000, message: report('a', 70) },
      { timestamp: 1100, message: report('a', 75, 200) },
      { timestamp: 900, message: tool('a', 'search_web') },
      { timestamp: 1000, message: report('b', 130, 50, 128, 'Status: error\tError Type: Runtime.OutOfMemory') },
      { timestamp: 1000, message: `2025-10-11T19:07:35.012Z c Task timed out after 3.00 seconds` },
      { timestamp: 1000, message: report('c', 60, 3000, 128, 'Init Duration: 100.00 ms') },
      { timestamp: 1000, message: report('d', 60, 3000, 192) },
    ];
    const reference = JSON.stringify(analyse(events));
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (shuffled) => {
        expect(JSON.stringify(analyse(shuffled))).toBe(reference);
      }),
    );
  });

  it('counts timeouts and OOM kills from the report or from their own lines, and cold starts from Init Duration', () => {
    const f = analyse([
      { timestamp: 1, message: report('t1', 60, 3000, 128, 'Status: timeout') },
      { timestamp: 1, message: report('t2', 60) },
      { timestamp: 2, message: '2025-10-11T19:07:35.012Z t2 Task timed out after 30.03 seconds' },
      { timestamp: 1, message: report('o1', 127, 10, 128, 'Status: error\tError Type: Runtime.OutOfMemory') },
      { timestamp: 1, message: report('o2', 127, 10, 128, 'Status: error\tError Type: Runtime.ExitError') },
      { timestamp: 2, message: 'RequestId: o2 Error: Runtime exited with error: signal: killed\nRuntime.ExitError' },
      { timestamp: 1, message: report('full', 128, 10, 128) }, // used == size is not an OOM by itself
      { timestamp: 1, message: report('c1', 60, 10, 128, 'Init Duration: 166.62 ms') },
      { timestamp: 1, message: report('c2', 60, 10, 128, 'Restore Duration: 210.00 ms\tBilled Restore Duration: 100 ms') },
    ]).functions[0]!;
    expect([f.timeouts, f.outOfMemory, f.coldStarts]).toEqual([2, 2, 2]);
  });

  it('warns about lines whose request never reported, without counting them', () => {
    const doc = analyse([{ timestamp: 1, message: report('a', 70) }, { timestamp: 1, message: tool('ghost', 'search_web') }]);
    expect(doc.functions[0]!.invocations).toBe(1);
    expect(doc.warnings.find((w) => w.code === 'lines-without-report')?.count).toBe(1);
  });

  it('reports the Memory Size of the latest report; current costs it for every invocation, actual each at its own size', () => {
    const f = analyse([
      { timestamp: 5000, message: report('late', 70, 1000, 192) },
      { timestamp: 1000, message: report('early', 70, 1000, 256) },
    ]).functions[0]!;
    expect(f.memorySizeMB).toBe(192);
    // (256 + 192) MB × 1 s = 0.4375 GB-s in one day → × 30 a month
    expect(f.billedGbSeconds).toBe(0.4375);
    expect(f.actual.monthlyCostUSD).toBeCloseTo(0.4375 * 30 * 0.0000166667 + (2 * 30 * 0.2) / 1e6, 6);
    // 2 × 192 MB × 1 s = 0.375 GB-s
    expect(f.current).toEqual({ memoryMB: 192, invocations: 1, monthlyCostUSD: Math.round((0.375 * 30 * 0.0000166667 + (2 * 30 * 0.2) / 1e6) * 1e6) / 1e6 });
  });
});
