import { describe, expect, it } from 'vitest';
import { recommendedMemoryMB, riskOf } from '../../src/analyze/recommend.js';

describe('recommendedMemoryMB = min(10240, max(128, ceil(peak × factor / step) × step))', () => {
  it.each([
    // peak, factor%, step, expected — worked by hand
    [106, 150, 64, 192], // 159 → 3 steps
    [106, 120, 64, 128], // 127.2 → 2 steps
    [106, 115, 64, 128], // 121.9 → 2 steps
    [128, 150, 64, 192], // exactly 192: no extra step
    [1280, 115, 64, 1472], // exactly 1472 = 23 × 64, where 1280 × 1.15 in floating point is 1471.9999…
    [320, 115, 64, 384], // 368 → 6 steps
    [40, 150, 64, 128], // floor of 128 MB
    [9000, 150, 64, 10240], // ceiling of 10,240 MB
    [106, 150, 1, 159],
    [106, 150, 100, 200],
  ])('peak %i MB × %i%% in steps of %i MB → %i MB', (peak, factor, step, want) => {
    expect(recommendedMemoryMB(peak, factor, step)).toBe(want);
  });
});

describe('riskOf: high when some invocation needed more, medium when a need is unknown or under 1.2 × the censored peak', () => {
  it.each([
    // size, censored basis peak, exceeding, unknown, expected — worked by hand
    [192, 106, 0, 0, 'low'], // 192 ≥ 127.2
    [128, 120, 0, 0, 'medium'], // 128 < 144
    [144, 120, 0, 0, 'low'], // exactly 1.2 × 120: not under it
    [143, 120, 0, 0, 'medium'],
    [320, 193, 0, 0, 'low'], // 320 ≥ 231.6
    [320, 193, 0, 1, 'medium'], // one killed at a smaller size: its need at 320 MB is unknown
    [192, 193, 3, 0, 'high'], // three killed at 192 MB needed at least 193
    [128, 130, 2, 5, 'high'], // exceeding wins over unknown
  ] as const)('%i MB over a %i MB peak with %i exceeding and %i unknown is %s', (size, peak, exceeding, unknown, risk) => {
    expect(riskOf(size, peak, exceeding, unknown)).toBe(risk);
  });
});
