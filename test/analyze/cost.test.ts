import { describe, expect, it } from 'vitest';
import { gbSeconds, monthlyFactor, monthlyUSD, tieredComputeUSD } from '../../src/analyze/cost.js';
import { LAMBDA_PRICES_US_EAST_1 as P } from '../../src/analyze/prices.js';

describe('cost', () => {
  it('counts GB as 1024 MB', () => {
    expect(gbSeconds(1024 * 1000)).toBe(1);
    expect(gbSeconds(256 * 5101)).toBeCloseTo(1.27525, 12);
  });

  it('scales a window to 30 days', () => {
    expect(monthlyFactor(14 * 86_400_000)).toBeCloseTo(30 / 14, 12);
    expect(monthlyFactor(86_400_000 / 2)).toBe(60);
  });

  it('prices the first tier, and walks into the next tiers past 6 B / 15 B GB-s on x86_64', () => {
    expect(tieredComputeUSD(1000, P, 'x86_64')).toBeCloseTo(0.0166667, 10);
    expect(tieredComputeUSD(7e9, P, 'x86_64')).toBeCloseTo(6e9 * 0.0000166667 + 1e9 * 0.000015, 2);
    expect(tieredComputeUSD(16e9, P, 'x86_64')).toBeCloseTo(6e9 * 0.0000166667 + 9e9 * 0.000015 + 1e9 * 0.0000133334, 2);
  });

  it('uses the arm64 tiers (7.5 B, then 11.25 B)', () => {
    expect(tieredComputeUSD(1000, P, 'arm64')).toBeCloseTo(0.0133334, 10);
    expect(tieredComputeUSD(20e9, P, 'arm64')).toBeCloseTo(7.5e9 * 0.0000133334 + 11.25e9 * 0.0000120001 + 1.25e9 * 0.0000106667, 2);
  });

  it('adds $0.20 per million requests', () => {
    expect(monthlyUSD(0, 1_000_000, P, 'x86_64')).toBeCloseTo(0.2, 12);
    expect(monthlyUSD(100, 10_000, P, 'x86_64')).toBeCloseTo(100 * 0.0000166667 + 0.002, 12);
  });
});
