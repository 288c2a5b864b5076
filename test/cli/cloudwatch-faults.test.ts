import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventsOf } from '../../src/fixtures/containers.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import { startFaultProxy, type Fault, type FaultPlan, type FaultProxy } from '../support/fault-proxy.js';
import { MOTO_ENV, motoClient, putEvents, useMotoEnv } from '../support/moto-logs.js';
import { runMain } from '../support/run-main.js';

const motoUrl = inject('motoUrl');
const DAY = 86_400_000;
const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const start = now.getTime() - 10 * DAY;
const GROUP = 'faulty';
const WINDOW = ['--start', new Date(start + DAY).toISOString(), '--end', new Date(start + 4 * DAY).toISOString()];
/** The stated bound: every faulty run ends, one way or the other, within this. */
const TIME_BOUND_MS = 60_000;
const env = { ...MOTO_ENV, LLMMEM_REQUEST_TIMEOUT_MS: '1500' };

let proxy: FaultProxy;
let reference: unknown;

async function analyze(engine: 'insights' | 'filter', extra: string[] = []) {
  const began = Date.now();
  const r = await runMain(['analyze', '--function', GROUP, '--endpoint-url', proxy.url, '--engine', engine, ...WINDOW, '--json', ...extra], { env, now });
  return { ...r, ms: Date.now() - began };
}

const every = (k: number, op: string | undefined, fault: Fault): FaultPlan => (o, n) => ((op === undefined || o === op) && n % k === 0 ? fault : undefined);
const firstN = (count: number, op: string, fault: Fault): FaultPlan => (o, n) => (o === op && n <= count ? fault : undefined);

beforeAll(async () => {
  useMotoEnv();
  const client = motoClient(motoUrl);
  await putEvents(client, `/aws/lambda/${GROUP}`, [...eventsOf(generateCorpus({ seed: 777, invocations: 600, startMs: start, days: 5 }))]);
  client.destroy();
  proxy = await startFaultProxy(motoUrl);
  const clean = await analyze('insights');
  expect(clean.code).toBe(0);
  reference = JSON.parse(clean.stdout).functions;
  expect((reference as { invocations: number }[])[0]!.invocations).toBeGreaterThan(300);
});

afterAll(async () => {
  await proxy.close();
});

describe('faults on the wire: the same numbers as the fault-free run, or exit 5 naming what is missing', () => {
  it.each<[string, 'insights' | 'filter', FaultPlan]>([
    ['ThrottlingException on every other GetQueryResults', 'insights', every(2, 'GetQueryResults', { kind: 'throttle' })],
    ['LimitExceededException on the first three StartQuery', 'insights', firstN(3, 'StartQuery', { kind: 'limit-exceeded' })],
    ['HTTP 500 on every third request', 'insights', every(3, undefined, { kind: 'http-500' })],
    ['HTTP 503 on every other GetQueryResults', 'insights', every(2, 'GetQueryResults', { kind: 'http-503' })],
    ['a reset connection on every other StartQuery', 'insights', every(2, 'StartQuery', { kind: 'reset' })],
    ['a StartQuery answer delayed past the client timeout', 'insights', firstN(2, 'StartQuery', { kind: 'delay', ms: 4000 })],
    ['GetQueryResults saying Failed for the first two polls', 'insights', firstN(2, 'GetQueryResults', { kind: 'query-status', status: 'Failed' })],
    ['GetQueryResults saying Timeout for the first two polls', 'insights', firstN(2, 'GetQueryResults', { kind: 'query-status', status: 'Timeout' })],
    ['GetQueryResults saying Cancelled for the first poll', 'insights', firstN(1, 'GetQueryResults', { kind: 'query-status', status: 'Cancelled' })],
    ['slices truncated below recordsMatched', 'insights', firstN(4, 'GetQueryResults', { kind: 'truncate', keep: 5 })],
    ['HTTP 500, then throttling, on FilterLogEvents', 'filter', (o, n) => (o === 'FilterLogEvents' ? (n === 1 ? { kind: 'http-500' } : n === 2 ? { kind: 'throttle' } : undefined) : undefined)],
    ['a reset connection on FilterLogEvents', 'filter', firstN(1, 'FilterLogEvents', { kind: 'reset' })],
    ['a FilterLogEvents answer delayed past the client timeout', 'filter', firstN(1, 'FilterLogEvents', { kind: 'delay', ms: 4000 })],
  ])('%s (%s)', async (_case, engine, plan) => {
    proxy.setPlan(plan);
    const r = await analyze(engine);
    expect(r.ms).toBeLessThan(TIME_BOUND_MS);
    expect(proxy.log.some((l) => l.fault !== undefined)).toBe(true);
    // every fault here is recoverable: the run must recover, with exactly the fault-free numbers
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).functions).toEqual(reference);
  });

  it('a query that always fails ends in exit 5 naming the missing ranges, after a bounded number of attempts', async () => {
    proxy.setPlan((o) => (o === 'GetQueryResults' ? { kind: 'query-status', status: 'Failed' } : undefined));
    const r = await analyze('insights');
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/incomplete: could not read \/aws\/lambda\/faulty \d{4}-\d\d-\d\dT[\d:.]+Z → \d{4}-\d\d-\d\dT[\d:.]+Z \(the query ended Failed after 3 attempts\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const started = proxy.log.filter((l) => l.op === 'StartQuery').length;
    expect(started).toBeLessThanOrEqual(4 * 7 * 4); // each initial slice: itself, 2 halves, 4 quarters
    expect(r.ms).toBeLessThan(TIME_BOUND_MS);
  });

  it('--allow-partial goes on without the ranges that failed and says the data is partial', async () => {
    const threshold = (start + 1.5 * DAY) / 1000;
    proxy.setPlan((o, _n, body) => (o === 'StartQuery' && Number(body['startTime']) < threshold ? { kind: 'http-500' } : undefined));
    const r = await analyze('insights', ['--allow-partial']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.source.complete).toBe(false);
    expect(doc.source.missingRanges.length).toBeGreaterThan(0);
    for (const m of doc.source.missingRanges) expect(Date.parse(m.start) / 1000).toBeLessThan(threshold);
    expect(doc.warnings.map((w: { code: string }) => w.code)).toContain('incomplete');
    expect(r.stderr).toMatch(/PARTIAL DATA/);
    // the ranges that were read are counted, the missing ones are not
    expect(doc.functions[0].invocations).toBeLessThan((reference as { invocations: number }[])[0]!.invocations);
    expect(r.ms).toBeLessThan(TIME_BOUND_MS);
  });

  it('FilterLogEvents failing on every attempt ends in exit 5 naming the range, and --allow-partial flags it', async () => {
    proxy.setPlan((o) => (o === 'FilterLogEvents' ? { kind: 'http-503' } : undefined));
    const r = await analyze('filter');
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/incomplete: could not read \/aws\/lambda\/faulty .* \(FilterLogEvents failed after retries \(ServiceUnavailableException\)\)/);
    expect(proxy.log.filter((l) => l.op === 'FilterLogEvents')).toHaveLength(3);
    const partial = await analyze('filter', ['--allow-partial']);
    expect(partial.code).toBe(3); // nothing at all was read: no data, not a partial document
  });

  it('throttling that never stops ends in exit 5 within the bound, never in numbers', async () => {
    proxy.setPlan((o) => (o === 'StartQuery' ? { kind: 'throttle' } : undefined));
    const r = await analyze('insights');
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/incomplete: could not read .*requests failed \(ThrottlingException\) after 3 attempts/);
    expect(r.ms).toBeLessThan(TIME_BOUND_MS);
  });
});

describe('Ctrl-C', () => {
  it('SIGINT during a slow query stops every query in flight, exits 130 and prints nothing on stdout', async () => {
    proxy.setPlan((o) => (o === 'GetQueryResults' ? { kind: 'query-status', status: 'Running' } : undefined));
    const child = spawn(process.execPath, ['bin/llmmem.js', 'analyze', '--function', GROUP, '--endpoint-url', proxy.url, ...WINDOW, '--json'], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 20_000;
    while (proxy.log.filter((l) => l.op === 'GetQueryResults').length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const started = proxy.log.filter((l) => l.op === 'StartQuery').length;
    expect(started).toBe(4);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/interrupted/);
    const stopped = new Set(proxy.log.filter((l) => l.op === 'StopQuery').map((l) => l.body['queryId']));
    expect(stopped.size).toBe(started);
  });
});
