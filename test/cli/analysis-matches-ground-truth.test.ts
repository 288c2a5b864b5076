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
  expect(f.actual.monthlyCostUSD).toBeCloseTo(want.actualMonthly, 6);
  expect(f.basis.peakMB).toBe(want.basisPeak);
  expect(f.basis.censoredInvocations).toBe(want.censored);
  for (const op of f.operations) expect(op.basisPeakMB, op.operation).toBe(want.operations.get(op.operation)!.basisPeak);
  expect(f.recommendations.map((r: any) => r.strategy)).toEqual(want.recommendations.map((r) => r.strategy));
  f.recommendations.forEach((r: any, k: number) => {
    const w = want.recommendations[k]!;
    expect(r.memoryMB, w.strategy).toBe(w.memoryMB);
    expect(r.monthlyCostUSD, w.strategy).toBeCloseTo(w.monthly, 6);
    expect(r.monthlySavingsUSD, w.strategy).toBeCloseTo(w.savings, 6);
    expect(r.exceedingInvocations, w.strategy).toBe(w.exceeding);
    expect(r.unknownInvocations, w.strategy).toBe(w.unknown);
    expect(r.risk, w.strategy).toBe(w.risk);
    expect(r.durations, w.strategy).toBe(w.durations);
  });
  expect(f.finding).toBe(want.finding);
  expect(f.findingReasons).toEqual(want.findingReasons);
  expect(f.memorySizes).toEqual(want.memorySizes);
}

/** What a container without log stream names (S3 export, `tail --format short`) must give: no leak test at all. */
const withoutStreams = (w: ExpectedFunction): ExpectedFunction => ({ ...w, leaks: [], findingReasons: w.findingReasons.filter((r) => r !== 'leak-suspect') });

/** The leak suspects of a container that carries log streams, to the stated tolerance. */
function expectLeaksMatch(f: any, want: ExpectedFunction): void {
  expect(f.leakSuspects.map((l: any) => l.logStream)).toEqual(want.leaks.map((l) => l.logStream));
  f.leakSuspects.forEach((l: any, k: number) => {
    const w = want.leaks[k]!;
    expect(l.invocations).toBe(w.invocations);
    expect(l.correlation).toBeCloseTo(w.correlation, 6);
    expect(l.riseMB).toBeCloseTo(w.riseMB, 2);
    expect(l.endedInOutOfMemory).toBe(w.endedInOutOfMemory);
  });
}

describe('every figure of the document equals the ground truth of the generated corpus', () => {
  const truth = truthOf(FIXTURE_CORPUS);
  const { first, last } = spanOf(FIXTURE_CORPUS);
  const whole = expectedFunction(truth, { startMs: -Infinity, endMs: Infinity, days: (last - first) / 86_400_000, originMs: first });

  it('the corpus holds what the decisions are tested on: kills at the current size and one leaking stream', () => {
    expect(whole.finding).toBe('under-provisioned');
    expect(whole.leaks).toHaveLength(1);
    expect(whole.leaks[0]!.endedInOutOfMemory).toBe(true);
  });

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
    // an S3 export carries no log stream names: no execution environment to test for a leak, and a warning says so
    const streams = !file.includes('s3-export');
    expectDocumentMatches(doc.functions[0], streams ? whole : withoutStreams(whole));
    expectLeaksMatch(doc.functions[0], streams ? whole : withoutStreams(whole));
    expect(doc.warnings.some((w: any) => w.code === 'no-log-streams')).toBe(!streams);
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
    const want = expectedFunction(jsonTruth, { startMs: Date.UTC(2025, 9, 1), endMs: Date.UTC(2025, 9, 15), days: 14 });
    expectDocumentMatches(doc.functions[0], want);
    expectLeaksMatch(doc.functions[0], want);
  });

  it('`aws logs tail --format short` (whole seconds) gives the same figures over a window that holds it all', async () => {
    const { doc } = await runJson(['analyze', '--input', `${DIR}/llmproxy.short.log`, '--start', '2025-10-01T00:00:00Z', '--days', '15']);
    const want = withoutStreams(expectedFunction(truth, { startMs: -Infinity, endMs: Infinity, days: 15 }));
    const toSecond = (iso: string): string => iso.replace(/\.\d{3}Z$/, '.000Z');
    expectDocumentMatches(doc.functions[0], { ...want, memorySizes: want.memorySizes.map((s) => ({ ...s, firstSeen: toSecond(s.firstSeen), lastSeen: toSecond(s.lastSeen) })) });
  });

  it('overlapping exports of the same events count each invocation once', async () => {
    const { doc } = await runJson(['analyze', '--input', `${DIR}/llmproxy.tail.log`, '--input', `${DIR}/llmproxy.filter-log-events.json`, '--input', `${DIR}/llmproxy.s3-export.log.gz`]);
    expectDocumentMatches(doc.functions[0], whole);
    expect(doc.source.inputs.map((i: any) => i.container)).toEqual(['text', 'filter-log-events-json', 'text']);
    expect(doc.source.inputs[2].gzip).toBe(true);
  });
});
