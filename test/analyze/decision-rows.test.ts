import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble, WASM_MODULES } from '../../scripts/build-wasm.mjs';
import { DECISION_SCAN_WASM } from '../../src/analyze/decision-scan-wasm.js';
import { readDecisionRows, type DecisionRows } from '../../src/analyze/decision-rows.js';
import { emptyRow, Flag, InvocationStore, NO_STREAM } from '../../src/analyze/invocation-store.js';
import { groupsOfTools, tallyRows } from '../../src/analyze/tally-rows.js';
import type { EffectiveWindow } from '../../src/analyze/window.js';

// The decision rows are read by a WebAssembly kernel (decision-scan.wat) or, where it declines, in JavaScript; both
// are held to a plain reference written from the rules, row by row, in row order (so that float sums agree to the bit).

const T0 = 1_700_000_000_000;
const row = fc.record({
  report: fc.option(
    fc.record({
      flags: fc.integer({ min: 0, max: 15 }).map((f) => f | Flag.hasReport),
      used: fc.integer({ min: 0, max: 3000 }),
      size: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(128, 192, 256, 1024) }, { weight: 1, arbitrary: fc.constantFrom(16_384, 40_000) }),
      billed: fc.oneof(fc.integer({ min: 1, max: 900_000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
      timestamp: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 999 }).map((m) => T0 + m * 61_003)),
      stream: fc.constantFrom(undefined, 'a', 'b', 'c'),
    }),
    { freq: 8 },
  ),
  tool: fc.option(fc.constantFrom('search_web', 'extract_webpage_content', 'execute_js'), { freq: 2 }),
  lineFlags: fc.constantFrom(0, 0, 0, Flag.timeoutLine, Flag.killedLine),
});
type RowCase = typeof row extends fc.Arbitrary<infer T> ? T : never;

function storeOf(rows: readonly RowCase[]): InvocationStore {
  const store = new InvocationStore();
  rows.forEach((r, k) => {
    const i = store.row(`r${k}`);
    if (r.report !== null) {
      const { flags, used, size, billed, timestamp, stream } = r.report;
      store.addReportAt(i, flags, used, size, billed, 1, timestamp, stream === undefined ? NO_STREAM : store.streamId(stream));
    }
    if (r.tool !== null) store.addTool(`r${k}`, r.tool);
    if (r.lineFlags !== 0) store.addFlag(`r${k}`, r.lineFlags);
  });
  return store;
}

/** The rules, plainly: every row read back, the counted ones kept, each figure built by its definition. */
function reference(store: InvocationStore, window: EffectiveWindow) {
  const { groupOfTool, operations } = groupsOfTools(store.toolNames);
  const r = emptyRow();
  const rows = Array.from({ length: store.size }, (_, i) => ({ ...store.read(i, r) })).filter(
    (x) => (x.flags & Flag.hasReport) !== 0 && (window.from === 'data' || (x.timestamp >= window.startMs! && x.timestamp < window.endMs!)),
  );
  const killed = (x: (typeof rows)[number]) => (x.flags & (Flag.outOfMemoryError | Flag.killedLine)) !== 0;
  const group = (x: (typeof rows)[number]) => groupOfTool[x.tool + 2]!;
  const sizes = [...new Set(rows.map((x) => x.memorySizeMB))].sort((a, b) => a - b).map((size) => {
    const mine = rows.filter((x) => x.memorySizeMB === size);
    const times = mine.map((x) => x.timestamp).filter((t) => !Number.isNaN(t));
    const groupInvocations = new Float64Array(operations.length);
    const groupBilledMs = new Float64Array(operations.length);
    for (const x of mine) {
      groupInvocations[group(x)]! += 1;
      groupBilledMs[group(x)]! += x.billedMs;
    }
    return {
      memoryMB: size,
      firstMs: times.length === 0 ? Infinity : Math.min(...times),
      lastMs: times.length === 0 ? -Infinity : Math.max(...times),
      used: Float64Array.from(mine, (x) => x.maxMemoryUsedMB),
      billedMs: Float64Array.from(mine, (x) => x.billedMs),
      groupInvocations,
      groupBilledMs,
    };
  });
  const kills = rows.filter(killed).map((x) => ({ group: group(x), maxMemoryUsedMB: x.maxMemoryUsedMB, memorySizeMB: x.memorySizeMB }));
  const streams = store.streamNames.map((_, j) => {
    const mine = rows.filter((x) => x.stream === j && !Number.isNaN(x.timestamp) && window.startMs !== undefined);
    if (mine.length === 0) return undefined;
    const t = (x: (typeof rows)[number]) => (x.timestamp - window.startMs!) / 1000;
    let latest = mine[0]!;
    for (const x of mine) if (t(x) >= t(latest)) latest = x;
    const warm = mine.filter((x) => (x.flags & Flag.coldStart) === 0);
    const sum = (f: (x: (typeof rows)[number]) => number) => warm.reduce((a, x) => a + f(x), 0);
    return {
      stream: j,
      n: warm.length,
      t: sum(t),
      m: sum((x) => x.maxMemoryUsedMB),
      tt: sum((x) => t(x) * t(x)),
      mm: sum((x) => x.maxMemoryUsedMB * x.maxMemoryUsedMB),
      tm: sum((x) => t(x) * x.maxMemoryUsedMB),
      firstWarmSeconds: warm.length === 0 ? Infinity : Math.min(...warm.map(t)),
      lastWarmSeconds: warm.length === 0 ? -Infinity : Math.max(...warm.map(t)),
      lastSeconds: t(latest),
      endedInKill: killed(latest),
      memorySizeMB: latest.memorySizeMB,
    };
  });
  return { kills, sizes, streams };
}

function read(store: InvocationStore, window: EffectiveWindow, useKernel: boolean): DecisionRows {
  const { groupOfTool, operations } = groupsOfTools(store.toolNames);
  const { bySize, all } = tallyRows(store, window);
  return readDecisionRows(store, window, groupOfTool, operations.length, bySize, all.outOfMemory, useKernel);
}

const comparable = (d: DecisionRows) => ({ kills: d.kills, sizes: d.sizes.map(({ totals: _, ...rest }) => rest), streams: d.streams });
const windows: EffectiveWindow[] = [
  { startMs: T0 + 100 * 61_003, endMs: T0 + 800 * 61_003, from: 'flags', lengthMs: 700 * 61_003 },
  { startMs: T0, endMs: T0 + 999 * 61_003, from: 'data', lengthMs: 999 * 61_003 },
];

describe('readDecisionRows', () => {
  it('is the committed assembly of decision-scan.wat', async () => {
    expect(await assemble(WASM_MODULES.find((m) => m.name === 'DECISION_SCAN_WASM')!.wat)).toBe(DECISION_SCAN_WASM);
  });

  it('in WebAssembly and in JavaScript, gives what the rules give row by row', () => {
    let byKernel = 0;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.constantFrom(...windows), (rows, window) => {
        const store = storeOf(rows);
        const want = reference(store, window);
        const kernel = read(store, window, true);
        if (kernel.readBy === 'kernel') byKernel += 1;
        expect(comparable(kernel)).toEqual(want);
        const script = read(store, window, false);
        expect(script.readBy).toBe('script');
        expect(comparable(script)).toEqual(want);
      }),
      { numRuns: 600 },
    );
    expect(byKernel).toBeGreaterThan(100);
  });

  it('reads stores of several pages alike in both', () => {
    const rows: RowCase[] = Array.from({ length: 40_000 }, (_, k) => ({
      report: { flags: Flag.hasReport | (k % 13 === 0 ? Flag.coldStart : 0) | (k % 97 === 0 ? Flag.outOfMemoryError : 0), used: 60 + (k % 300), size: k < 25_000 ? 256 : 192, billed: 100 + (k % 7), timestamp: T0 + k * 1_000, stream: (['a', 'b', 'c'] as const)[k % 3] },
      tool: k % 5 === 0 ? 'search_web' : null,
      lineFlags: 0,
    }));
    const store = storeOf(rows);
    const window: EffectiveWindow = { startMs: T0 + 500_000, endMs: T0 + 39_000_000, from: 'flags', lengthMs: 38_500_000 };
    const kernel = read(store, window, true);
    expect(kernel.readBy).toBe('kernel');
    expect(comparable(kernel)).toEqual(reference(store, window));
    expect(comparable(read(store, window, false))).toEqual(comparable(kernel));
  });
});
