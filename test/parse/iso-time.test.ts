import { describe, expect, it } from 'vitest';
import { matchTimestamp, parseTimestamp } from '../../src/parse/iso-time.js';

describe('timestamps', () => {
  it.each([
    ['2025-10-11T19:07:05.432Z', Date.UTC(2025, 9, 11, 19, 7, 5, 432)],
    ['2025-10-11T19:07:05.432000+00:00', Date.UTC(2025, 9, 11, 19, 7, 5, 432)],
    ['2025-10-11T19:07:05+00:00', Date.UTC(2025, 9, 11, 19, 7, 5)],
    ['2025-10-11T21:07:05.5+02:00', Date.UTC(2025, 9, 11, 19, 7, 5, 500)],
    ['2025-10-11 19:07:05.432', Date.UTC(2025, 9, 11, 19, 7, 5, 432)],
    ['2025-10-11T19:07:05', Date.UTC(2025, 9, 11, 19, 7, 5)],
    ['1760209625432', 1760209625432],
  ])('parses %s as UTC', (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  it.each(['2025-13-11T19:07:05Z', 'yesterday', '2025-10-11T19:07:05Z trailing', ''])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('reports how much of a line the timestamp took', () => {
    expect(matchTimestamp('2025-10-11T19:07:00.123000+00:00 stream msg')?.length).toBe(32);
  });
});
