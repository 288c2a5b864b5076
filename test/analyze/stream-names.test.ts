import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamNames } from '../../src/analyze/stream-names.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('StreamNames', () => {
  it('numbers names in order of first sight, by string or by bytes alike, as a Map of strings would', () => {
    // names that share their last 24 bytes collide in the hash table; non-ASCII ones take the UTF-8 decoder
    const tail = '[$LATEST]0123456789abcdef';
    const name = fc.oneof(fc.constantFrom('a', 'b', 'é', '', 'x'.repeat(40)).map((head) => `${head}${tail}`), fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.boolean()), { maxLength: 400 }), (lookups) => {
        const names = new StreamNames();
        const plain = new Map<string, number>();
        for (const [n, asBytes] of lookups) {
          if (!plain.has(n)) plain.set(n, plain.size);
          const b = bytes(`<${n}>`);
          const id = asBytes ? names.idOfBytes(b, 1, b.length - 1) : names.idOf(n);
          expect(id, n).toBe(plain.get(n));
        }
        expect(names.names).toEqual([...plain.keys()]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every name apart as its table grows past thousands of streams', () => {
    const names = new StreamNames();
    const stream = (k: number) => bytes(`2025/10/01/[$LATEST]${k.toString(16).padStart(32, '0')}`);
    for (let k = 0; k < 5000; k++) expect(names.idOfBytes(stream(k), 0, stream(k).length)).toBe(k);
    for (let k = 4999; k >= 0; k--) expect(names.idOfBytes(stream(k), 0, stream(k).length)).toBe(k);
    expect(names.names).toHaveLength(5000);
  });

  it('keeps its own copy of the bytes: a source reads the next block into the same Buffer', () => {
    const names = new StreamNames();
    const buffer = Buffer.alloc(64);
    let call = 0;
    const at = (name: string): number => {
      // each time in another place of the buffer, the rest of it overwritten
      const offset = 4 + 11 * (call++ % 4);
      buffer.fill(0x2e);
      const n = buffer.write(name, offset);
      return names.idOfBytes(buffer, offset, offset + n);
    };
    expect([at('stream-a'), at('stream-b'), at('stream-a'), at('stream-b')]).toEqual([0, 1, 0, 1]);
    // each name met as bytes was turned into a string once, and is found by its bytes since
    expect((names as unknown as { keys: unknown[] }).keys).toHaveLength(2);
  });
});
