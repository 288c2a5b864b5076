import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../src/fixtures/containers.js';
import { FIXTURE_CORPUS, FIXTURE_JSON_CORPUS } from '../../src/fixtures/corpus-options.js';
import { generateCorpus, type CorpusOptions } from '../../src/fixtures/generator.js';
import { expectedFunction, type ExpectedFunction } from '../support/expected.js';
import { runJson } from '../support/run-main.js';

const DIR = 'fixtures/generated';
const truthOf = (o: CorpusOptions) => [...generateCorpus(o)].map((g) => g.truth);
const spanOf = (o: CorpusOptions) => {
  const ts = [...eventsOf(generateCorpus(o))].map((e) => e.timestamp!);
  return { first: Math.min(...ts), last: Math.max(...ts) };
};

function expectDocumentMatches(f: any, want: ExpectedFunction): void {
  expect(f.invocations).toBe(want.invocations);
  expect(f.coldStarts).toBe(want.coldStarts);
  expect(f.timeouts).toBe(want.timeouts);
  expect(f.outOfMemory).toBe(want.outOfMemory);
  expect(f.memorySizeMB).toBe(want.memorySizeMB);
  expect(f.maxMemoryUsedMB).toEqual(want.maxMemoryUsedMB);
  expect(f.operations.map((o: any) => o.operation).sort()).toEqual([...want.operations.keys()].sort());
  for (const op of f.operations) {
    const w = want.operations.get(op.operation)!;
    expect(op.invocations, op.operation).toBe(w.invocations);
    expect(op.maxMemoryUsedMB, op.operation).toEqual(w.stats);
    expect(op.trackerPeakRssMB, op.operation).toBe(w.rss);
    expect(op.trackerPeakHeapMB, op.operation).toBe(w.heap);
    expect(op.coldStarts, op.operation).toBe(w.cold);
    expect(op.timeouts, op.operation).toBe(w.timeouts);
    expect(op.outOfMemory, op.operation).toBe(w.oom);
  }
  expect(f.current.monthlyCostUSD).toBeCloseTo(want.currentMonthly, 6);
  expect(f.recommendations.map((r: any) => r.strategy)).toEqual(want.recommendations.map((r) => r.strategy));
  f.recommendations.forEach((r: any, k: number) => {
    const w = want.recommendations[k]!;
    expect(r.memoryMB, w.strategy).toBe(w.memoryMB);
    expect(r.monthlyCostUSD, w.strategy).toBeCloseTo(w.monthly, 6);
    expect(r.monthlySavingsUSD, w.strategy).toBeCloseTo(w.savings, 6);
    expect(r.exceedingInvocations, w.strategy).toBe(w.exceeding);
  });
}

describe('every figure of the document equals the ground truth of the generated corpus', () => {
  const truth = truthOf(FIXTURE_CORPUS);
  const { first, last } = spanOf(FIXTURE_CORPUS);
  const whole = expectedFunction(truth, { startMs: -Infinity, endMs: Infinity, days: (last - first) / 86_400_000 });

  it.each([
    'llmproxy.tail.log',
    'llmproxy.filter-log-events.json',
    'llmproxy.s3-export.log.gz',
    'llmproxy.ndjson',
  ])('%s without a window: the span of the events is the window', async (file) => {
    const { doc, stderr } = await runJson(['analyze', '--input', `${DIR}/${file}`, '--function', 'llmproxy']);
    expect(doc.window.from).toBe('data');
    expect(doc.window.start).toBe(new Date(first).toISOString());
    expect(doc.window.end).toBe(new Date(last).toISOString());
    expect(doc.functions[0].function).toBe('llmproxy');
    expectDocumentMatches(doc.functions[0], whole);
    expect(stderr).toContain('monthly projections rest on the span of the events read');
    expect(doc.warnings.map((w: any) => w.code)).toContain('window-from-data');
  });

  it('a window given by --start and --end counts only reports inside [start, end)', async () => {
    const startMs = Date.UTC(2025, 9, 3, 6);
    const endMs = Date.UTC(2025, 9, 10, 6);
    const { doc } = await runJson(['recommend', '--input', `${DIR}/llmproxy.tail.log`, '--start', '2025-10-03T06:00:00Z', '--end', '2025-10-10T06:00:00Z']);
    expect(doc.window).toEqual({ start: '2025-10-03T06:00:00.000Z', end: '2025-10-10T06:00:00.000Z', days: 7, from: 'flags' });
    expectDocumentMatches(doc.functions[0], expectedFunction(truth, { startMs, endMs, days: 7 }));
  });

  it('--days with --end and --arch arm64 price the same window on the arm64 tiers', async () => {
    const endMs = Date.UTC(2025, 9, 12);
    const { doc } = await runJson(['recommend', '--input', `${DIR}/llmproxy.ndjson`, '--days', '5', '--end', '2025-10-12T00:00:00Z', '--arch', 'arm64']);
    expect(doc.functions[0].arch).toBe('arm64');
    expectDocumentMatches(doc.functions[0], expectedFunction(truth, { startMs: endMs - 5 * 86_400_000, endMs, days: 5 }, 'arm64'));
  });

  it('reads Lambda JSON log format (platform.report records) to the same rules', async () => {
    const jsonTruth = truthOf(FIXTURE_JSON_CORPUS);
    const { doc } = await runJson(['analyze', '--input', `${DIR}/llmproxy.json-format.tail.log`, '--start', '2025-10-01T00:00:00Z', '--days', '14']);
    expectDocumentMatches(doc.functions[0], expectedFunction(jsonTruth, { startMs: Date.UTC(2025, 9, 1), endMs: Date.UTC(2025, 9, 15), days: 14 }));
  });

  it('`aws logs tail --format short` (whole seconds) gives the same figures over a window that holds it all', async () => {
    const { doc } = await runJson(['analyze', '--input', `${DIR}/llmproxy.short.log`, '--start', '2025-10-01T00:00:00Z', '--days', '15']);
    expectDocumentMatches(doc.functions[0], expectedFunction(truth, { startMs: -Infinity, endMs: Infinity, days: 15 }));
  });

  it('overlapping exports of the same events count each invocation once', async () => {
    const { doc } = await runJson(['analyze', '--input', `${DIR}/llmproxy.tail.log`, '--input', `${DIR}/llmproxy.filter-log-events.json`, '--input', `${DIR}/llmproxy.s3-export.log.gz`]);
    expectDocumentMatches(doc.functions[0], whole);
    expect(doc.source.inputs.map((i: any) => i.container)).toEqual(['text', 'filter-log-events-json', 'text']);
    expect(doc.source.inputs[2].gzip).toBe(true);
  });
});
