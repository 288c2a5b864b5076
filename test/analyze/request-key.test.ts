import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestKey } from '../../src/analyze/request-key.js';

describe('requestKey', () => {
  it('packs a canonical UUID into 17 characters', () => {
    expect(requestKey('c793869b-ee49-115b-a5b6-4fd21e8dedac')).toHaveLength(17);
  });

  it('is one-to-one: different ids never share a key, UUID or not', () => {
    const uuid = fc.uuid();
    const other = fc.string({ minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(uuid, other), fc.oneof(uuid, other), (a, b) => {
        expect(requestKey(a) === requestKey(b)).toBe(a === b);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps upper-case and other non-canonical ids as they are', () => {
    expect(requestKey('C793869B-EE49-115B-A5B6-4FD21E8DEDAC')).toBe('C793869B-EE49-115B-A5B6-4FD21E8DEDAC');
    expect(requestKey('req-1')).toBe('req-1');
  });
});
