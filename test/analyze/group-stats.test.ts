import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupStats } from '../../src/analyze/group-stats.js';
import { Flag, type Row } from '../../src/analyze/invocation-store.js';
import { memoryStats } from '../../src/analyze/memory-stats.js';

const rows = fc.array(
  fc.record({
    group: fc.integer({ min: 0, max: 4 }),
    flags: fc.integer({ min: 0, max: 63 }).map((f) => f | Flag.hasReport),
    maxMemoryUsedMB: fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 16_000, max: 20_000 })),
    durationMs: fc.integer({ min: 0, max: 900_000 }).map((c) => c / 100),
    peakRssMB: fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 4000, noNaN: true })),
    peakHeapMB: fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 4000, noNaN: true })),
  }),
  { maxLength: 3000, size: 'max' },
);

const asRow = (r: { flags: number; maxMemoryUsedMB: number; durationMs: number; peakRssMB: number; peakHeapMB: number }): Row => ({
  ...r, timestamp: 0, memorySizeMB: 128, billedMs: 0, tool: -1,
});

describe('GroupStats.combine', () => {
  it('gives what one group holding every row gives, the duration sum in row order included', () => {
    fc.assert(
      fc.property(rows, (list) => {
        const one = new GroupStats();
        const groups = Array.from({ length: 5 }, () => new GroupStats());
        let sum = 0;
        for (const r of list) {
          one.add(asRow(r));
          groups[r.group]!.add(asRow(r));
          sum += r.durationMs;
        }
        const combined = GroupStats.combine(groups, sum);
        const plain = (g: GroupStats) => ({
          invocations: g.invocations, coldStarts: g.coldStarts, timeouts: g.timeouts, outOfMemory: g.outOfMemory,
          peakRssMB: g.peakRssMB, peakHeapMB: g.peakHeapMB, memory: memoryStats(g.memory), count: g.memory.count,
          durationCount: g.durations.length, durationSum: g.durations.sum,
        });
        expect(plain(combined)).toEqual(plain(one));
        const indexes = [0, Math.floor(list.length / 2), list.length - 1].filter((k) => k >= 0);
        expect(combined.durations.atSortedIndexes(indexes)).toEqual(one.durations.atSortedIndexes(indexes));
      }),
      { numRuns: 150, endOnFailure: true }, // shrinking arrays this long takes minutes
    );
  });
});
