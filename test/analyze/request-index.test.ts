import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestIndex, uuidWords } from '../../src/analyze/request-index.js';

describe('RequestIndex', () => {
  it('gives every id the row a plain Map gives it, for UUIDs and other ids, through many table growths', () => {
    const id = fc.oneof(fc.uuid(), fc.uuid().map((u) => u.toUpperCase()), fc.string({ minLength: 1, maxLength: 40 }));
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 400 }), fc.array(fc.nat(399), { maxLength: 400 }), (ids, repeats) => {
        const index = new RequestIndex();
        const reference = new Map<string, number>();
        let next = 0;
        for (const candidate of [...ids, ...repeats.map((k) => ids[k % ids.length]!)]) {
          const want = reference.get(candidate) ?? reference.set(candidate, next).get(candidate)!;
          const got = index.rowOf(candidate, next);
          if (got === next) next += 1;
          expect(got, candidate).toBe(want);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds 100,000 UUIDs apart', () => {
    const index = new RequestIndex();
    let next = 0;
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    for (let k = 0; k < 100_000; k++) expect(index.rowOf(`${hex(k)}-0000-4000-8000-${hex(k * 7)}0000`, next++)).toBe(k);
    for (let k = 0; k < 100_000; k += 997) expect(index.rowOf(`${hex(k)}-0000-4000-8000-${hex(k * 7)}0000`, -1)).toBe(k);
  });

  it('reads a UUID as its four words, and refuses anything else', () => {
    const w = new Int32Array(4);
    expect(uuidWords('c793869b-ee49-115b-a5b6-4fd21e8dedac', w)).toBe(true);
    expect([...w].map((x) => (x >>> 0).toString(16).padStart(8, '0'))).toEqual(['c793869b', 'ee49115b', 'a5b64fd2', '1e8dedac']);
    for (const bad of ['C793869B-EE49-115B-A5B6-4FD21E8DEDAC', 'c793869b-ee49-115b-a5b6-4fd21e8dedaz', 'req-1', 'c793869bee49-115b-a5b6-4fd21e8dedac0']) expect(uuidWords(bad, w)).toBe(false);
  });

  it('reads every UUID as its hex words, and refuses one with any digit replaced by another byte', () => {
    const w = new Int32Array(4);
    const hex = fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: 32, maxLength: 32 }).map((a) => a.join(''));
    fc.assert(
      fc.property(hex, fc.nat(31), fc.integer({ min: 0, max: 255 }), (h, at, byte) => {
        const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        expect(uuidWords(id, w)).toBe(true);
        expect([...w]).toEqual([0, 8, 16, 24].map((k) => parseInt(h.slice(k, k + 8), 16) | 0));
        const c = String.fromCharCode(byte);
        const position = at + (at >= 8 ? 1 : 0) + (at >= 12 ? 1 : 0) + (at >= 16 ? 1 : 0) + (at >= 20 ? 1 : 0);
        const changed = id.slice(0, position) + c + id.slice(position + 1);
        expect(uuidWords(changed, w)).toBe(/^[0-9a-f]$/.test(c));
      }),
      { numRuns: 5000 },
    );
  });
});
