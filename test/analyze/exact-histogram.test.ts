import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactHistogram } from '../../src/analyze/exact-histogram.js';
import { memoryStats } from '../../src/analyze/memory-stats.js';
import { nearestRank } from '../../src/analyze/percentile.js';

const naive = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  // ceil(p/100·n) by counting: the smallest rank r with r·100 ≥ p·n
  let r = 1;
  while (r * 100 < p * s.length) r += 1;
  return s[r - 1]!;
};

describe('nearest-rank percentiles', () => {
  it.each([
    [50, 10, 5], [90, 10, 9], [95, 10, 10], [99, 100, 99], [99, 101, 100], [50, 1, 1], [99.9, 1000, 999], [99.9, 1001, 1000], [100, 7, 7],
  ])('p%s of %i values is at rank %i', (p, n, rank) => {
    expect(nearestRank(p, n)).toBe(rank);
  });

  it('match a sort-and-index implementation on any data, including values past 16 GB', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 300 }), (values) => {
        const h = new ExactHistogram();
        for (const v of values) h.add(v);
        const s = memoryStats(h)!;
        const { mean, ...ranks } = s;
        expect(ranks).toEqual({ max: Math.max(...values), p50: naive(values, 50), p90: naive(values, 90), p95: naive(values, 95), p99: naive(values, 99) });
        const exact = values.reduce((a, b) => a + b, 0) / values.length;
        expect(Math.abs(mean - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.round(mean * 100)).toBeCloseTo(mean * 100, 6);
      }),
    );
  });

  it('rounds the mean half up to 2 decimals', () => {
    const h = new ExactHistogram();
    for (const v of [1, 2, 2]) h.add(v); // 1.6666…
    expect(memoryStats(h)!.mean).toBe(1.67);
    const g = new ExactHistogram();
    for (const v of [1, 2, 2, 2, 2, 2, 2, 2]) g.add(v); // 1.875
    expect(memoryStats(g)!.mean).toBe(1.88);
  });

  it('counts values strictly above a size', () => {
    const h = new ExactHistogram();
    for (const v of [100, 128, 129, 200, 20000]) h.add(v);
    expect(h.countAbove(128)).toBe(3);
  });

  it('gives every rank and every count above a threshold as the sorted values do, sparse values past 16 GB too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 16_000, max: 40_000 })), { minLength: 1, maxLength: 200 }),
        fc.array(fc.oneof(fc.integer({ min: -5, max: 41_000 }), fc.double({ min: -5, max: 41_000, noNaN: true })), { maxLength: 8 }),
        (values, thresholds) => {
          const h = new ExactHistogram();
          for (const v of values) h.add(v);
          const sorted = [...values].sort((a, b) => a - b);
          for (let rank = 1; rank <= sorted.length; rank++) expect(h.valueAtRank(rank)).toBe(sorted[rank - 1]);
          expect(h.valueAtRank(0)).toBeUndefined();
          expect(h.valueAtRank(sorted.length + 1)).toBeUndefined();
          expect(h.max()).toBe(sorted[sorted.length - 1]);
          for (const t of [...thresholds, ...values, ...values.map((v) => v - 0.5)]) expect(h.countAbove(t)).toBe(values.filter((v) => v > t).length);
        },
      ),
    );
  });
});
