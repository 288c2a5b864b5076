import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble, WASM_MODULES } from '../../scripts/build-wasm.mjs';
import { GroupStats } from '../../src/analyze/group-stats.js';
import { emptyRow, Flag, InvocationStore, NO_STREAM, PAGE_SIZE } from '../../src/analyze/invocation-store.js';
import { memoryStats } from '../../src/analyze/memory-stats.js';
import { operationOf } from '../../src/analyze/operation.js';
import { kernelTally, MAX_GROUPS } from '../../src/analyze/row-tally.js';
import { ROW_TALLY_WASM } from '../../src/analyze/row-tally-wasm.js';
import { groupsOfTools, tallyInScript, type Tally } from '../../src/analyze/tally-rows.js';
import type { EffectiveWindow } from '../../src/analyze/window.js';

// tallyRows adds a store up in WebAssembly (row-tally.wat) when the store is of the kernel's shape, else in
// JavaScript; both are checked against a plain reference written from the rules: every row read back, groups and
// sizes in maps, percentiles by sorting.

const TOOLS = ['search_web', 'extract_webpage_content', 'web-search', 'calculator', 'weather', ...'abcdefghijklmnopqrst'];
const special = [Number.NaN, -0, 0, Infinity, -Infinity];
const duration = fc.oneof(fc.integer({ min: 0, max: 900_000 }).map((c) => c / 100), fc.constantFrom(...special), fc.double());
const row = fc.record({
  report: fc.option(
    fc.record({
      flags: fc.integer({ min: 0, max: 15 }).map((f) => f | Flag.hasReport),
      used: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(16_383, 16_384, 20_000)),
      size: fc.oneof(fc.constantFrom(128, 512, 1024, 1769, 3008, 10_240), fc.constantFrom(16_384, 40_000)),
      billed: fc.oneof(fc.integer({ min: 1, max: 900_000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
      duration,
      timestamp: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 99 }).map((m) => 1_700_000_000_000 + m * 60_000)),
    }),
    { freq: 6 },
  ),
  tools: fc.array(fc.constantFrom(...TOOLS), { maxLength: 3 }),
  peaks: fc.array(fc.tuple(fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 4000, noNaN: true })), fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 4000, noNaN: true }))), { maxLength: 2 }),
  lineFlags: fc.constantFrom(0, 0, 0, Flag.timeoutLine, Flag.killedLine),
});

type RowCase = typeof row extends fc.Arbitrary<infer T> ? T : never;

function storeOf(rows: readonly RowCase[], toolPool: number): InvocationStore {
  const store = new InvocationStore();
  rows.forEach((r, k) => {
    const id = `request-${k}`;
    const i = store.row(id);
    if (r.report !== null) {
      const { flags, used, size, billed, duration: d, timestamp } = r.report;
      store.addReportAt(i, flags, used, size, billed, d, timestamp, NO_STREAM);
    }
    for (const t of r.tools) store.addTool(id, TOOLS[TOOLS.indexOf(t) % toolPool]!);
    for (const [heap, rss] of r.peaks) store.addTrackerPeaksAt(i, heap, rss);
    if (r.lineFlags !== 0) store.addFlag(id, r.lineFlags);
  });
  return store;
}

const windows = fc.oneof(
  fc.constant<EffectiveWindow>({ startMs: undefined, endMs: undefined, from: 'data', lengthMs: undefined }),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, b]): EffectiveWindow => {
    const startMs = 1_700_000_000_000 + Math.min(a, b) * 60_000;
    const endMs = 1_700_000_000_000 + Math.max(a, b) * 60_000;
    return { startMs, endMs, from: 'flags', lengthMs: endMs - startMs };
  }),
);

const INDEXES = (n: number) => [...new Set([0, Math.floor(n / 2), Math.floor((n * 95) / 100), n - 1])].filter((k) => k >= 0 && k < n);

/** The figures of a group a test compares, its durations at a few sorted indexes included (asked once). */
function figures(g: GroupStats) {
  return {
    invocations: g.invocations, coldStarts: g.coldStarts, timeouts: g.timeouts, outOfMemory: g.outOfMemory,
    peakRssMB: g.peakRssMB, peakHeapMB: g.peakHeapMB, memory: memoryStats(g.memory), memoryCount: g.memory.count,
    memorySum: g.memory.valueSum, durationCount: g.durations.length, durationSum: g.durations.sum,
    durationsAt: g.durations.atSortedIndexes(INDEXES(g.durations.length)),
  };
}

function plain(t: Tally) {
  return {
    all: figures(t.all),
    operations: [...t.operations].map(([op, g]) => [op, figures(g)] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
    bySize: [...t.bySize],
    latestSize: t.latestSize, withoutReport: t.withoutReport, untimedExcluded: t.untimedExcluded, aboveSize: t.aboveSize,
  };
}

const maxOfKnown = (a: number, b: number): number => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b));
const isTimeout = (f: number) => (f & (Flag.timeoutStatus | Flag.timeoutLine)) !== 0;
const isOutOfMemory = (f: number) => (f & (Flag.outOfMemoryError | Flag.killedLine)) !== 0;

/** The rules, row by row. */
function reference(store: InvocationStore, window: EffectiveWindow) {
  type G = { invocations: number; coldStarts: number; timeouts: number; outOfMemory: number; peakRssMB: number; peakHeapMB: number; used: number[]; durations: number[]; sum: number };
  const newG = (): G => ({ invocations: 0, coldStarts: 0, timeouts: 0, outOfMemory: 0, peakRssMB: NaN, peakHeapMB: NaN, used: [], durations: [], sum: 0 });
  const groups = new Map<string, G>();
  const all = newG();
  const bySize = new Map<number, { invocations: number; timeouts: number; outOfMemory: number; maxUsed: number; billedMs: number }>();
  let latest: [number, number] | undefined;
  let withoutReport = 0, untimedExcluded = 0, aboveSize = 0;
  const r = emptyRow();
  for (let i = 0; i < store.size; i++) {
    store.read(i, r);
    if ((r.flags & Flag.hasReport) === 0) { withoutReport++; continue; }
    if (window.from !== 'data' && !(r.timestamp >= window.startMs! && r.timestamp < window.endMs!)) {
      if (Number.isNaN(r.timestamp)) untimedExcluded++;
      continue;
    }
    const op = operationOf(r.tool, store.toolNames);
    if (!groups.has(op)) groups.set(op, newG());
    for (const g of [groups.get(op)!, all]) {
      g.invocations++;
      if (r.flags & Flag.coldStart) g.coldStarts++;
      if (isTimeout(r.flags)) g.timeouts++;
      if (isOutOfMemory(r.flags)) g.outOfMemory++;
      g.peakRssMB = maxOfKnown(g.peakRssMB, r.peakRssMB);
      g.peakHeapMB = maxOfKnown(g.peakHeapMB, r.peakHeapMB);
      g.used.push(r.maxMemoryUsedMB);
      g.durations.push(r.durationMs);
      g.sum += r.durationMs;
    }
    if (r.maxMemoryUsedMB > r.memorySizeMB) aboveSize++;
    const s = bySize.get(r.memorySizeMB) ?? { invocations: 0, timeouts: 0, outOfMemory: 0, maxUsed: 0, billedMs: 0 };
    bySize.set(r.memorySizeMB, s);
    s.invocations++;
    if (isTimeout(r.flags)) s.timeouts++;
    if (isOutOfMemory(r.flags)) s.outOfMemory++;
    s.maxUsed = Math.max(s.maxUsed, r.maxMemoryUsedMB);
    s.billedMs += r.billedMs;
    const t = Number.isNaN(r.timestamp) ? -Infinity : r.timestamp;
    if (latest === undefined || t > latest[0] || (t === latest[0] && r.memorySizeMB > latest[1])) latest = [t, r.memorySizeMB];
  }
  const rank = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil((p * values.length) / 100)) - 1]!;
  const fig = (g: G) => {
    const sorted = Float64Array.from(g.durations).sort();
    return {
      invocations: g.invocations, coldStarts: g.coldStarts, timeouts: g.timeouts, outOfMemory: g.outOfMemory,
      peakRssMB: g.peakRssMB, peakHeapMB: g.peakHeapMB,
      memory: g.used.length === 0 ? null : {
        max: rank(g.used, 100), p50: rank(g.used, 50), p90: rank(g.used, 90), p95: rank(g.used, 95), p99: rank(g.used, 99),
        mean: Math.floor((g.used.reduce((a, b) => a + b, 0) * 200 + g.used.length) / (2 * g.used.length)) / 100,
      },
      memoryCount: g.used.length, memorySum: g.used.reduce((a, b) => a + b, 0),
      durationCount: g.durations.length, durationSum: g.sum, durationsAt: INDEXES(sorted.length).map((k) => sorted[k]!),
    };
  };
  return {
    all: fig(all),
    operations: [...groups].map(([op, g]) => [op, fig(g)] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
    bySize: [...bySize],
    latestSize: latest?.[1], withoutReport, untimedExcluded, aboveSize,
  };
}

function tallies(store: InvocationStore, window: EffectiveWindow) {
  const { groupOfTool, operations } = groupsOfTools(store.toolNames);
  const kernel = kernelTally(store, window, groupOfTool, operations);
  return { kernel: kernel === undefined ? undefined : plain(kernel), script: plain(tallyInScript(store, window, groupOfTool, operations)) };
}

describe('tallyRows', () => {
  it('is the committed assembly of row-tally.wat', async () => {
    expect(await assemble(WASM_MODULES.find((m) => m.name === 'ROW_TALLY_WASM')!.wat)).toBe(ROW_TALLY_WASM);
  });

  it('in WebAssembly and in JavaScript, gives what the rules give row by row', () => {
    let byKernel = 0;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 400 }), fc.integer({ min: 1, max: TOOLS.length }), windows, (rows, toolPool, window) => {
        const store = storeOf(rows, toolPool);
        const expected = reference(store, window);
        const { kernel, script } = tallies(store, window);
        expect(script).toEqual(expected);
        if (kernel !== undefined) {
          byKernel++;
          expect(kernel).toEqual(expected);
        }
      }),
      { numRuns: 400 },
    );
    // most runs must have gone through the kernel, or the comparison above proved little about it
    expect(byKernel).toBeGreaterThan(100);
  });

  it('is done by the kernel for a store of its shape, across pages, and by JavaScript for any other', () => {
    const store = new InvocationStore();
    const n = 2 * PAGE_SIZE + 123;
    for (let i = 0; i < n; i++) {
      const at = store.row(`r${i}`);
      store.addReportAt(at, Flag.hasReport | (i % 7 === 0 ? Flag.coldStart : 0), (i * 37) % 3000, i % 3 === 0 ? 1024 : 512, 100 + (i % 50), (i % 1000) / 100, 1_700_000_000_000 + i, NO_STREAM);
      if (i % 4 !== 0) store.addTool(`r${i}`, TOOLS[i % 4]!);
    }
    const window: EffectiveWindow = { startMs: 1_700_000_000_000 + 5, endMs: 1_700_000_000_000 + n - 5, from: 'flags', lengthMs: n - 10 };
    const { kernel, script } = tallies(store, window);
    expect(kernel).toBeDefined();
    expect(kernel).toEqual(reference(store, window));
    expect(script).toEqual(reference(store, window));

    for (const odd of [
      (s: InvocationStore) => s.addReportAt(s.row('big'), Flag.hasReport, 16_384, 20_480, 1, 1, 1_700_000_000_010, NO_STREAM), // past 16 GB
      (s: InvocationStore) => TOOLS.forEach((t, k) => s.addTool(`r${k + 1}`, `${t}-more`)), // more groups than the kernel holds
    ]) {
      odd(store);
      const { groupOfTool, operations } = groupsOfTools(store.toolNames);
      expect(kernelTally(store, window, groupOfTool, operations)).toBeUndefined();
      expect(plain(tallyInScript(store, window, groupOfTool, operations))).toEqual(reference(store, window));
    }
    expect(groupsOfTools(store.toolNames).operations.length).toBeGreaterThan(MAX_GROUPS);
  });
});
