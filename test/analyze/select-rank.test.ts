import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationList } from '../../src/analyze/group-stats.js';
import { selectRank } from '../../src/analyze/select-rank.js';

const special = [Number.NaN, -0, 0, Infinity, -Infinity, 1, 1, 1];
const values = fc.array(fc.oneof(fc.double(), fc.constantFrom(...special), fc.integer({ min: 0, max: 3000 }).map((c) => c / 100)), { minLength: 1, maxLength: 300 });

describe('selectRank', () => {
  it('finds the value the built-in sort puts at each index (-0 before +0, NaN last)', () => {
    fc.assert(
      fc.property(values, fc.nat(), (list, pick) => {
        const sorted = Float64Array.from(list).sort();
        const k = pick % list.length;
        const got = selectRank(Float64Array.from(list), k);
        expect(Object.is(got, sorted[k]), `index ${k} of ${list}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives a DurationList the built-in sort\'s values at several indexes at once', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (list, picks) => {
        const d = new DurationList(Float64Array.from(list), 0);
        const sorted = Float64Array.from(list).sort();
        const indexes = picks.map((p) => p % list.length);
        const got = d.atSortedIndexes(indexes);
        indexes.forEach((k, i) => expect(Object.is(got[i], sorted[k])).toBe(true));
      }),
      { numRuns: 2000 },
    );
  });

  it('stays exact on long runs of equal and sorted values', () => {
    for (const list of [Array(5000).fill(7), Array.from({ length: 5000 }, (_, i) => i), Array.from({ length: 5000 }, (_, i) => 5000 - i)]) {
      const sorted = Float64Array.from(list).sort();
      for (const k of [0, 2499, 4999]) expect(selectRank(Float64Array.from(list), k)).toBe(sorted[k]);
    }
  });
});
