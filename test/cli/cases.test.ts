import { describe, expect, it } from 'vitest';
import { runJson } from '../support/run-main.js';

const CASES = 'fixtures/cases';
const PRICE = 0.0000166667;
const monthly = (gbSeconds: number, requests: number, factor: number) => gbSeconds * factor * PRICE + (requests * factor * 0.2) / 1e6;

describe('hand-written cases, with every figure worked out by hand', () => {
  it('report-fields: stray spaces, X-Ray on either line, Init and Restore durations, timeout and OOM status', async () => {
    const { doc } = await runJson(['recommend', '-i', `${CASES}/report-fields.s3.log`, '-f', 'llmproxy']);
    const f = doc.functions[0];
    expect([f.invocations, f.coldStarts, f.timeouts, f.outOfMemory, f.memorySizeMB]).toEqual([4, 2, 1, 1, 256]);
    // Max Memory Used 100, 120, 255, 140 → sorted 100 120 140 255
    expect(f.maxMemoryUsedMB).toEqual({ max: 255, p50: 120, p90: 255, p95: 255, p99: 255, mean: 153.75 });
    // 256 MB × (121 + 30000 + 900 + (50 + 150 billed restore)) ms
    expect(f.billedGbSeconds).toBe(0.25 * 31.221);
    // 10:00 → 13:00 is 1/8 day: × 240 for a month
    expect(doc.window.days).toBe(0.125);
    expect(f.current.monthlyCostUSD).toBeCloseTo(monthly(7.80525, 4, 240), 6);
    // every invocation ran at 256 MB: what the window cost is what 256 MB costs
    expect(f.actual.monthlyCostUSD).toBe(f.current.monthlyCostUSD);
    // the OOM kill at 256 MB needed at least 257 MB: censored 100 120 140 257
    expect(f.basis).toMatchObject({ peakMB: 257, censoredInvocations: 1 });
    // 257 × 1.5 = 385.5 → 448; 257 × 1.2 = 308.4 → 320; 257 × 1.15 = 295.55 → 320; the kill at 256 MB is not
    // judged at either (unknown), so each is at medium risk
    expect(f.recommendations.map((r: any) => [r.strategy, r.memoryMB, r.exceedingInvocations, r.unknownInvocations, r.risk])).toEqual([
      ['conservative', 448, 0, 1, 'medium'], ['aggressive', 320, 0, 1, 'medium'], ['optimized', 320, 0, 1, 'medium'],
    ]);
    expect(f.recommendations[0].monthlyCostUSD).toBeCloseTo(monthly((448 / 1024) * 31.221, 4, 240), 6);
    // killed for memory at the current size: under-provisioned, whatever the count; and a timeout at it
    expect([f.finding, f.findingReasons]).toEqual(['under-provisioned', ['out-of-memory-at-current-size', 'timeouts-at-current-size', 'few-invocations-for-operation']]);
    expect(f.apply).toEqual({
      strategy: 'conservative', memoryMB: 448,
      command: ['aws', 'lambda', 'update-function-configuration', '--function-name', 'llmproxy', '--memory-size', '448'],
    });
  });

  it('quoted-report: an application line quoting a REPORT is not an invocation', async () => {
    const { doc } = await runJson(['analyze', '-i', `${CASES}/quoted-report.s3.log`]);
    expect(doc.functions[0].invocations).toBe(1);
    expect(doc.functions[0].maxMemoryUsedMB.max).toBe(64);
  });

  it('tracker-after-report: CRLF, mis-decoded emoji, tool and tracker lines after the report, a cut block, an orphan', async () => {
    const { doc } = await runJson(['analyze', '-i', `${CASES}/tracker-after-report-crlf.tail.log`]);
    const [op] = doc.functions[0].operations;
    expect(op).toMatchObject({ operation: 'web-search', invocations: 1, trackerPeakRssMB: 72.75, trackerPeakHeapMB: 48.25 });
    const codes = Object.fromEntries(doc.warnings.map((w: any) => [w.code, w.count]));
    expect(codes['incomplete-tracker-block']).toBe(1);
    expect(codes['lines-without-report']).toBe(1);
  });

  it('failures: bare messages, a timeout line and a kill line that the REPORT does not state', async () => {
    const { doc } = await runJson(['analyze', '-i', `${CASES}/failures.bare.log`]);
    const f = doc.functions[0];
    expect([f.invocations, f.timeouts, f.outOfMemory, f.memorySizeMB, f.billedGbSeconds]).toEqual([2, 1, 1, 192, (192 / 1024) * 32]);
    expect(f.operations.map((o: any) => [o.operation, o.timeouts, o.outOfMemory])).toEqual([['simple-chat', 0, 1], ['web-scraping', 1, 0]]);
  });

  it('duplicates: concatenated documents overlap; identical repeats count once, a conflict keeps the larger', async () => {
    const { doc } = await runJson(['analyze', '-i', `${CASES}/duplicates.filter-log-events.json`]);
    const f = doc.functions[0];
    expect(f.invocations).toBe(2);
    expect(f.maxMemoryUsedMB).toMatchObject({ max: 90, p50: 80, mean: 85 });
    // the kept report of request 1 is the 9 ms one: (9 + 5) ms × 128 MB
    expect(f.billedGbSeconds).toBe((128 / 1024) * 0.014);
    expect(doc.warnings.find((w: any) => w.code === 'conflicting-duplicate-report').count).toBe(1);
  });

  it('broken-line: NDJSON with epoch and ISO timestamps, a Lambda JSON line, and one broken line counted', async () => {
    const { doc, stderr } = await runJson(['analyze', '-i', `${CASES}/broken-line.ndjson`]);
    expect(doc.functions[0].invocations).toBe(3);
    expect(doc.source.skippedLines).toBe(1);
    expect(stderr).toMatch(/skipped 1 unreadable line/);
  });

  it('python-runtime: Python framing is read, and a [LEVEL] line is not mistaken for JSON', async () => {
    const { doc } = await runJson(['analyze', '-i', `${CASES}/python-runtime.bare.log`]);
    expect(doc.functions[0].operations).toMatchObject([{ operation: 'web-search', invocations: 1 }]);
  });
});
