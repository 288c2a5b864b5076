import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/analyze/build-document.js';
import { Collector } from '../../src/analyze/collector.js';
import type { FunctionResult, PeakBasis } from '../../src/analyze/document.js';
import { LEAK_TOLERANCE } from '../../src/analyze/leak.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../../src/analyze/prices.js';
import type { LogEvent } from '../../src/parse/log-event.js';
import { renderRecommend } from '../../src/render/recommend-text.js';
import { makeStyle } from '../../src/render/style.js';
import { fitLine } from '../support/expected.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 9, 1);
const PRICE = 0.0000166667;
const REQUEST = 0.2 / 1e6;

interface Inv {
  at: number;
  used: number;
  size: number;
  billed?: number;
  stream?: string;
  cold?: boolean;
  oom?: boolean;
  timeout?: boolean;
}

let id = 0;
function eventsOf(invs: readonly Inv[]): LogEvent[] {
  return invs.map((i) => {
    const fields = [
      `REPORT RequestId: req-${++id}`,
      `Duration: ${i.billed ?? 1000}.00 ms`,
      `Billed Duration: ${i.billed ?? 1000} ms`,
      `Memory Size: ${i.size} MB`,
      `Max Memory Used: ${i.used} MB`,
      ...(i.cold === true ? ['Init Duration: 100.00 ms'] : []),
      ...(i.timeout === true ? ['Status: timeout'] : []),
      ...(i.oom === true ? ['Status: error', 'Error Type: Runtime.OutOfMemory'] : []),
    ];
    return { timestamp: i.at, message: fields.join('\t'), logStream: i.stream };
  });
}

function decide(invs: readonly Inv[], o: { basis?: PeakBasis; named?: boolean; days?: number } = {}): FunctionResult {
  const collector = new Collector();
  collector.addAll(eventsOf(invs));
  const doc = buildDocument({
    functions: [{ name: 'llmproxy', collector, named: o.named ?? true }],
    window: { startMs: T0, endMs: T0 + (o.days ?? 1) * DAY },
    arch: 'x86_64',
    basis: o.basis ?? 'max',
    stepMB: 64,
    minInvocations: 50,
    strategy: 'conservative',
    region: 'us-east-1',
    profile: undefined,
    prices: LAMBDA_PRICES_US_EAST_1,
    generatedBy: 'test',
    source: { kind: 'files', events: invs.length, skippedLines: 0, complete: true },
    sourceWarnings: [],
  });
  return doc.functions[0]!;
}

const text = (f: FunctionResult): string =>
  renderRecommend(
    { schemaVersion: 2, generatedBy: 't', window: { start: null, end: null, days: 1, from: 'flags' }, source: { kind: 'files', events: 0, skippedLines: 0, complete: true }, pricing: { region: 'us-east-1', asOf: '', source: '', gbIsMB: 1024 }, assumptions: [], functions: [f], warnings: [] },
    'conservative',
    makeStyle(false),
  );

/** n invocations a minute apart from `from` minutes into the window, all alike. */
const many = (n: number, inv: Omit<Inv, 'at'>, from = 0): Inv[] => Array.from({ length: n }, (_, k) => ({ ...inv, at: T0 + (from + k) * 60_000 }));

describe('the finding', () => {
  it('one invocation is insufficient data: no apply, and the text prints no Apply line', () => {
    const f = decide([{ at: T0 + 1000, used: 100, size: 1024 }]);
    expect([f.finding, f.findingReasons]).toEqual(['insufficient-data', ['few-invocations-at-current-size', 'few-invocations-for-operation']]);
    expect(f.apply).toBeNull();
    const out = text(f);
    expect(out).toContain('llmproxy: INSUFFICIENT DATA: only 1 invocation(s) ran at 1024 MB; a size is judged from 50 (--min-invocations); no change advised');
    expect(out).not.toContain('Apply');
    expect(out).not.toContain('aws lambda');
  });

  it('49 invocations at the current size are too few, 50 are judged', () => {
    // peak 150: conservative 225 → 256, optimized 172.5 → 192; 192 ≤ 256 ≤ 256 is optimized
    const inv = { used: 150, size: 256 };
    expect(decide(many(49, inv)).finding).toBe('insufficient-data');
    const f = decide(many(50, inv));
    expect([f.finding, f.findingReasons, f.apply]).toEqual(['optimized', [], null]);
    expect(text(f)).toContain('llmproxy: OPTIMIZED: 256 MB lies between the optimized (192 MB) and conservative (256 MB) sizes for a max peak of 150 MB; nothing to change');
    expect(text(f)).not.toContain('Apply');
  });

  it('49 invocations at the current size are too few even when many ran at an earlier size', () => {
    const f = decide([...many(100, { used: 150, size: 512 }), ...many(49, { used: 150, size: 256 }, 200)]);
    expect(f.current).toMatchObject({ memoryMB: 256, invocations: 49 });
    expect(f.finding).toBe('insufficient-data');
  });

  it('one kill for memory at the current size makes it under-provisioned, however many ran well', () => {
    const f = decide([...many(999, { used: 100, size: 256 }), { at: T0 + 999 * 60_000, used: 255, size: 256, oom: true }]);
    expect([f.finding, f.findingReasons[0]]).toEqual(['under-provisioned', 'out-of-memory-at-current-size']);
    // the kill needed at least 257 MB: 1.5 × 257 = 385.5 → 448; 1.2 × 257 = 308.4 → 320; 1.15 × 257 = 295.55 → 320
    expect(f.basis).toMatchObject({ peakMB: 257, censoredInvocations: 1 });
    expect(f.recommendations.map((r) => [r.memoryMB, r.exceedingInvocations, r.unknownInvocations, r.risk])).toEqual([
      [448, 0, 1, 'medium'], [320, 0, 1, 'medium'], [320, 0, 1, 'medium'],
    ]);
    // the reported statistics stay as Lambda logged them
    expect(f.maxMemoryUsedMB!.max).toBe(255);
    expect(f.apply?.memoryMB).toBe(448);
    expect(text(f)).toContain('llmproxy: UNDER-PROVISIONED: 1 invocation(s) were killed for memory at 256 MB; raise it to 448 MB (conservative, risk medium');
  });

  it('a size no larger than a kill is rated high: the killed invocation would be killed again', () => {
    // killed at 512 MB (needs ≥ 513), run since at 1024 MB, 60 warm invocations of 100 MB
    const f = decide([{ at: T0, used: 500, size: 512, oom: true }, ...many(60, { used: 100, size: 1024 }, 10)]);
    // 1.5 × 513 = 769.5 → 832; 1.2 × 513 = 615.6 → 640; 1.15 × 513 = 589.95 → 640
    expect(f.recommendations.map((r) => [r.memoryMB, r.exceedingInvocations, r.unknownInvocations, r.risk])).toEqual([
      [832, 0, 1, 'medium'], [640, 0, 1, 'medium'], [640, 0, 1, 'medium'],
    ]);
    expect(f.finding).toBe('over-provisioned');
    const atSmaller = decide([{ at: T0, used: 500, size: 512, oom: true }, ...many(60, { used: 100, size: 1024 }, 10)], { basis: 'p99' });
    // p99 of 61 censored values (60 × 100, one 513) is rank ceil(60.39) = 61: still 513
    expect(atSmaller.basis.peakMB).toBe(513);
  });

  it('with --basis p99 a candidate can equal a kill\'s size: that kill needed more, so it exceeds (and is not also unknown)', () => {
    // 200 of 100 MB and one killed at 192 MB: p99 of 201 values is rank ceil(198.99) = 199, 100 MB
    const f = decide([...many(200, { used: 100, size: 192 }), { at: T0 + 300 * 60_000, used: 191, size: 192, oom: true }], { basis: 'p99' });
    expect(f.basis).toMatchObject({ peakMB: 100, censoredInvocations: 1 });
    // 1.5 × 100 → 192; 1.2 × 100 → 128; 1.15 × 100 → 128: the kill at 192 needed 193 > each
    expect(f.recommendations.map((r) => [r.memoryMB, r.exceedingInvocations, r.unknownInvocations, r.risk])).toEqual([
      [192, 1, 0, 'high'], [128, 1, 0, 'high'], [128, 1, 0, 'high'],
    ]);
  });

  it("the seed's case: 256 MB for a 106 MB peak is over-provisioned, and 192 MB saves a quarter of the compute", () => {
    const f = decide([...many(99, { used: 100, size: 256 }), { at: T0 + 99 * 60_000, used: 106, size: 256 }]);
    // 1.5 × 106 = 159 → 192; 1.2 × 106 = 127.2 → 128; 1.15 × 106 = 121.9 → 128
    expect([f.finding, f.findingReasons]).toEqual(['over-provisioned', ['memory-over-provisioned']]);
    // 100 × 0.25 GB × 1 s = 25 GB-s a day, 750 a month; 100 × 30 requests
    const now = 750 * PRICE + 3000 * REQUEST;
    const at192 = 562.5 * PRICE + 3000 * REQUEST;
    expect(f.current.monthlyCostUSD).toBeCloseTo(now, 6);
    expect(f.actual.monthlyCostUSD).toBe(f.current.monthlyCostUSD);
    const [conservative] = f.recommendations;
    expect(conservative).toMatchObject({ memoryMB: 192, exceedingInvocations: 0, unknownInvocations: 0, risk: 'low', durations: 'assumed' });
    expect(conservative!.monthlySavingsUSD).toBeCloseTo(now - at192, 6);
    expect(f.apply).toEqual({ strategy: 'conservative', memoryMB: 192, command: ['aws', 'lambda', 'update-function-configuration', '--function-name', 'llmproxy', '--memory-size', '192', '--region', 'us-east-1'] });
    expect(text(f)).toContain('Apply the conservative size:\n  aws lambda update-function-configuration --function-name llmproxy --memory-size 192 --region us-east-1\n');
  });

  it('1024 MB for a ~100 MB workload is over-provisioned; without a function name there is no command', () => {
    const f = decide(many(60, { used: 100, size: 1024 }), { named: false });
    expect(f.finding).toBe('over-provisioned');
    expect(f.apply).toEqual({ strategy: 'conservative', memoryMB: 192, command: null });
    expect(text(f)).toContain('rerun with --function NAME');
    expect(text(f)).not.toContain('aws lambda');
  });

  it('a current size below the optimized size is under-provisioned (a peak at 95% of it)', () => {
    // peak 122 at 128 MB: optimized 1.15 × 122 = 140.3 → 192 > 128
    const f = decide(many(60, { used: 122, size: 128 }));
    expect([f.finding, f.findingReasons]).toEqual(['under-provisioned', ['memory-under-provisioned']]);
    expect(f.apply?.memoryMB).toBe(192);
  });

  it('timeouts at the current size are a reason that does not change the class', () => {
    const f = decide([...many(59, { used: 150, size: 256 }), { at: T0 + 3_600_000, used: 150, size: 256, timeout: true }]);
    expect([f.finding, f.findingReasons]).toEqual(['optimized', ['timeouts-at-current-size']]);
  });
});

describe('like-for-like costs over two sizes in one window', () => {
  // 60 at 192 MB billed 1200 ms, then 60 at 256 MB billed 1000 ms: current 256 MB, peak 100 MB
  const invs = [...many(60, { used: 100, size: 192, billed: 1200 }), ...many(60, { used: 100, size: 256, billed: 1000 }, 100)];

  it('current costs the latest size for every invocation; actual each at its own; a measured size uses its durations', () => {
    const f = decide(invs);
    // current: 0.25 GB × (60 × 1.2 + 60 × 1.0) s = 33 GB-s; actual: 0.1875 × 72 + 0.25 × 60 = 28.5 GB-s; × 30
    expect(f.current).toEqual({ memoryMB: 256, invocations: 60, monthlyCostUSD: Math.round((990 * PRICE + 3600 * REQUEST) * 1e6) / 1e6 });
    expect(f.actual.monthlyCostUSD).toBeCloseTo(855 * PRICE + 3600 * REQUEST, 6);
    // conservative 1.5 × 100 = 150 → 192, measured on 60 invocations: all 120 at 1.2 s → 0.1875 × 144 = 27 GB-s
    const [conservative, aggressive] = f.recommendations;
    expect(conservative).toMatchObject({ memoryMB: 192, durations: 'measured' });
    expect(conservative!.monthlyCostUSD).toBeCloseTo(810 * PRICE + 3600 * REQUEST, 6);
    // aggressive 1.2 × 100 = 120 → 128, never run: each invocation's own billed duration, 0.125 × 132 = 16.5 GB-s
    expect(aggressive).toMatchObject({ memoryMB: 128, durations: 'assumed' });
    expect(aggressive!.monthlyCostUSD).toBeCloseTo(495 * PRICE + 3600 * REQUEST, 6);
    expect(f.finding).toBe('over-provisioned');
  });

  it('a size measured on fewer than --min-invocations invocations is costed on the window\'s own durations', () => {
    const f = decide([...many(49, { used: 100, size: 192, billed: 1200 }), ...many(60, { used: 100, size: 256, billed: 1000 }, 100)]);
    const conservative = f.recommendations[0]!;
    // 192 MB × (49 × 1.2 + 60 × 1.0) s = 0.1875 × 118.8 = 22.275 GB-s a day
    expect(conservative).toMatchObject({ memoryMB: 192, durations: 'assumed' });
    expect(conservative.monthlyCostUSD).toBeCloseTo(22.275 * 30 * PRICE + 109 * 30 * REQUEST, 6);
  });

  it('a candidate equal to the current size saves exactly 0, with --basis p99 too', () => {
    // current 192 (the latest), peak 100: conservative 192
    const f = decide([...many(60, { used: 100, size: 256 }), ...many(60, { used: 100, size: 192 }, 100)], { basis: 'p99' });
    const same = f.recommendations.find((r) => r.memoryMB === 192)!;
    expect(same.monthlySavingsUSD).toBe(0);
    expect(same.monthlySavingsPercent).toBe(0);
    expect(same.monthlyCostUSD).toBe(f.current.monthlyCostUSD);
  });

  it('the memory-size history has a row per size, and the text shows it', () => {
    const f = decide(invs);
    expect(f.memorySizes).toEqual([
      { memoryMB: 192, invocations: 60, timeouts: 0, outOfMemory: 0, maxMemoryUsedMB: 100, p99MaxMemoryUsedMB: 100, p95BilledDurationMs: 1200, firstSeen: '2025-10-01T00:00:00.000Z', lastSeen: '2025-10-01T00:59:00.000Z' },
      { memoryMB: 256, invocations: 60, timeouts: 0, outOfMemory: 0, maxMemoryUsedMB: 100, p99MaxMemoryUsedMB: 100, p95BilledDurationMs: 1000, firstSeen: '2025-10-01T01:40:00.000Z', lastSeen: '2025-10-01T02:39:00.000Z' },
    ]);
    expect(text(f)).toMatch(/Memory Size history \(UTC\)[\s\S]*192 MB[\s\S]*2025-10-01 00:59[\s\S]*256 MB/);
  });
});

describe('leak suspects', () => {
  // 12 warm invocations 10 minutes apart, 100 → 210 MB in steps of 10, the last killed for memory; a cold start first
  const leaking: Inv[] = [
    { at: T0, used: 300, size: 256, stream: 'env-leak', cold: true },
    ...Array.from({ length: 12 }, (_, k): Inv => ({ at: T0 + 60_000 + k * 600_000, used: 100 + 10 * k, size: 256, stream: 'env-leak', oom: k === 11 })),
  ];
  // 30 warm invocations of 150 ± a few MB, no trend
  const noise = [5, -4, 3, -5, 2, -3, 4, -2, 1, -1];
  const flat: Inv[] = Array.from({ length: 30 }, (_, k) => ({ at: T0 + k * 240_000, used: 150 + noise[k % 10]!, size: 256, stream: 'env-flat' }));

  it('a stream whose memory climbs to a kill is a suspect, with r, the rise and the kill; a noisy flat one is not', () => {
    const f = decide([...leaking, ...flat, ...many(40, { used: 150, size: 256, stream: 'env-other' }, 500)]);
    // a perfect line: r = 1; slope 10 MB per 600 s over 11 × 600 s is 110 MB
    expect(f.leakSuspects).toHaveLength(1);
    const [s] = f.leakSuspects;
    expect(s).toMatchObject({ logStream: 'env-leak', invocations: 12, endedInOutOfMemory: true });
    expect(s!.correlation).toBeCloseTo(1, 9);
    expect(s!.riseMB).toBeCloseTo(110, 9);
    expect(f.findingReasons).toEqual(['out-of-memory-at-current-size', 'leak-suspect']);
    expect(text(f)).toContain('More memory only delays a leak');
    expect(text(f)).toContain('  env-leak: 12 warm invocations, r = 1.000, +110 MB, ended in an OOM kill');
  });

  it('the sums agree with a centred two-pass fit to the stated tolerance on jittered data', () => {
    const jitter = [3, -2, 0, 4, -3, 1, -1, 2, -4, 0, 3, -2, 1, 0];
    const invs = jitter.map((j, k): Inv => ({ at: T0 + 3 * DAY + k * 1_234_567, used: 120 + 6 * k + j, size: 512, stream: 'env-j' }));
    const f = decide(invs, { days: 14 });
    const want = fitLine(invs.map((i) => ({ t: (i.at - T0) / 1000, m: i.used })))!;
    const [s] = f.leakSuspects;
    expect(Math.abs(s!.correlation - want.r)).toBeLessThan(1e-6 + LEAK_TOLERANCE);
    expect(Math.abs(s!.riseMB - want.rise)).toBeLessThan(0.005 + LEAK_TOLERANCE * want.rise);
  });

  it.each([
    ['nine warm invocations', 9, 10, 256],
    ['a rise under 20 MB and under 10% of the size', 12, 1, 1024],
  ])('no suspect with %s', (_, n, step, size) => {
    const invs = Array.from({ length: n }, (_, k): Inv => ({ at: T0 + k * 600_000, used: 100 + step * k, size, stream: 'env' }));
    expect(decide(invs).leakSuspects).toEqual([]);
  });

  it('a rise of 10% of a small size is enough: 13 MB at 128 MB', () => {
    // 14 invocations rising 1 MB each: 13 MB ≥ 12.8 MB (10% of 128 MB), under 20 MB
    const invs = Array.from({ length: 14 }, (_, k): Inv => ({ at: T0 + k * 600_000, used: 100 + k, size: 128, stream: 'env' }));
    expect(decide(invs).leakSuspects.map((s) => s.riseMB)).toEqual([13]);
  });
});

describe('what drives the peak', () => {
  it('names the operation whose censored peak sets the basis, and the conservative size without it', () => {
    const collector = new Collector();
    const events = eventsOf([...many(30, { used: 90, size: 512 }), ...many(30, { used: 300, size: 512 }, 100)]);
    collector.addAll(events);
    // the last 30 requests called extract_webpage_content: web-scraping
    for (let k = 30; k < 60; k++) collector.add({ timestamp: T0, message: `2025-10-01T00:00:00.000Z\treq-${id - 59 + k}\tINFO\t🔧 Tool extract_webpage_content memory: 1.00MB heap, 2.00MB RSS` });
    const doc = buildDocument({
      functions: [{ name: 'llmproxy', collector, named: true }],
      window: { startMs: T0, endMs: T0 + DAY },
      arch: 'x86_64', basis: 'max', stepMB: 64, minInvocations: 50, strategy: 'conservative', region: undefined, profile: undefined,
      prices: LAMBDA_PRICES_US_EAST_1, generatedBy: 'test',
      source: { kind: 'files', events: events.length, skippedLines: 0, complete: true }, sourceWarnings: [],
    });
    const f = doc.functions[0]!;
    // web-scraping 300 MB; simple-chat 90 × 1.5 = 135 → 192
    expect(f.peakDriver).toEqual({ operation: 'web-scraping', basisPeakMB: 300, conservativeWithoutMB: 192 });
    expect(text(f)).toContain('The peak is set by web-scraping (300 MB, max); without it the conservative size would be 192 MB.');
  });
});
