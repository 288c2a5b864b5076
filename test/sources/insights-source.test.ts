import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  LimitExceededException,
  StartQueryCommand,
  StopQueryCommand,
  type GetQueryResultsCommandOutput,
  type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ExitCode, LlmmemError } from '../../src/errors.js';
import { insightsEvents, newInsightsOutcome, type InsightsOptions } from '../../src/sources/cloudwatch/insights-source.js';

const cw = mockClient(CloudWatchLogsClient);
const client = new CloudWatchLogsClient({ region: 'us-east-1' });
const noSleep = async (_ms: number, signal?: AbortSignal) => {
  if (signal?.aborted) throw new LlmmemError('interrupted', { exitCode: ExitCode.interrupted });
};
const T0 = Date.UTC(2025, 9, 1);
const base: InsightsOptions = { logGroup: '/aws/lambda/fn', startMs: T0, endMs: T0 + 100_000, concurrency: 2, sleep: noSleep, rowLimit: 4 };

const row = (sec: number, message = `REPORT RequestId: r${sec}`) => [
  { field: '@timestamp', value: new Date(sec * 1000).toISOString().replace('T', ' ').replace('Z', '') },
  { field: '@message', value: message },
  { field: '@ptr', value: 'x' },
];
const complete = (rows: ReturnType<typeof row>[], stats?: { recordsMatched?: number; bytesScanned?: number }): GetQueryResultsCommandOutput => ({
  $metadata: {},
  status: 'Complete',
  results: rows,
  ...(stats === undefined ? {} : { statistics: stats }),
});

async function run(o: Partial<InsightsOptions> = {}) {
  const outcome = newInsightsOutcome();
  const events = [];
  for await (const b of insightsEvents(client, { ...base, ...o }, outcome)) events.push(...b);
  return { events, outcome };
}

/** Answers each query with the events of a fake log that fall in its [startTime, endTime] seconds. */
function fakeLog(seconds: number[], extra: (input: StartQueryCommandInput) => Partial<GetQueryResultsCommandOutput> = () => ({})) {
  const queries = new Map<string, StartQueryCommandInput>();
  let n = 0;
  cw.on(StartQueryCommand).callsFake((input: StartQueryCommandInput) => {
    const id = `q${n++}`;
    queries.set(id, input);
    return { queryId: id };
  });
  cw.on(GetQueryResultsCommand).callsFake(({ queryId }: { queryId: string }) => {
    const q = queries.get(queryId)!;
    const rows = seconds.filter((s) => s >= q.startTime! && s <= q.endTime!).slice(0, q.limit).map((s) => row(s));
    return { ...complete(rows, { recordsMatched: seconds.filter((s) => s >= q.startTime! && s <= q.endTime!).length, bytesScanned: 1000 }), ...extra(q) };
  });
  return queries;
}

beforeEach(() => cw.reset());

describe('insightsEvents', () => {
  it('asks in epoch seconds and parses @timestamp as AWS writes it', async () => {
    const queries = fakeLog([T0 / 1000 + 5]);
    const { events, outcome } = await run({ concurrency: 1, rowLimit: 10 });
    const first = [...queries.values()][0]!;
    expect(first.startTime).toBe(T0 / 1000);
    expect(first.queryString).toContain('limit 10');
    expect(events).toEqual([{ message: `REPORT RequestId: r${T0 / 1000 + 5}`, timestamp: T0 + 5000, logStream: undefined }]);
    expect(outcome.bytesScanned).toBe(1000 * outcome.queries);
  });

  it('splits a slice whose rows reach the row limit until every slice fits, losing nothing', async () => {
    const seconds = Array.from({ length: 30 }, (_, k) => T0 / 1000 + 3 * k);
    fakeLog(seconds);
    const { events, outcome } = await run();
    expect(new Set(events.map((e) => e.message)).size).toBe(30);
    expect(outcome.missing).toEqual([]);
    expect(outcome.queries).toBeGreaterThan(8);
  });

  it('splits when statistics.recordsMatched exceeds the rows returned, even below the row limit', async () => {
    const seconds = [T0 / 1000 + 10, T0 / 1000 + 60];
    const queries = new Map<string, StartQueryCommandInput>();
    let n = 0;
    cw.on(StartQueryCommand).callsFake((input: StartQueryCommandInput) => {
      queries.set(`q${n}`, input);
      return { queryId: `q${n++}` };
    });
    cw.on(GetQueryResultsCommand).callsFake(({ queryId }: { queryId: string }) => {
      const q = queries.get(queryId)!;
      const inRange = seconds.filter((s) => s >= q.startTime! && s <= q.endTime!);
      // a server that returns only the first matching row of a slice, but says how many matched
      return complete(inRange.slice(0, 1).map((s) => row(s)), { recordsMatched: inRange.length });
    });
    const { events, outcome } = await run({ concurrency: 1, rowLimit: 100 });
    expect(events.map((e) => e.message).sort()).toEqual(seconds.map((s) => `REPORT RequestId: r${s}`));
    expect(outcome.queries).toBeGreaterThan(1);
  });

  it('records a one-second slice that is still over the limit as missing, never cutting it silently', async () => {
    fakeLog(Array.from({ length: 10 }, () => T0 / 1000 + 7));
    const { outcome } = await run({ endMs: T0 + 20_000 });
    expect(outcome.missing).toEqual([expect.objectContaining({ reason: expect.stringMatching(/more than 4 matching events within one second/) })]);
  });

  it.each(['Scheduled', 'Running'] as const)('keeps polling while the query is %s (partial results are not used)', async (status) => {
    cw.on(StartQueryCommand).resolves({ queryId: 'q' });
    cw.on(GetQueryResultsCommand)
      .resolvesOnce({ status, results: [row(T0 / 1000 + 1)] })
      .resolvesOnce({ status, results: [row(T0 / 1000 + 1)] })
      .resolves(complete([row(T0 / 1000 + 1), row(T0 / 1000 + 2)]));
    const { events } = await run({ concurrency: 1, endMs: T0 + 1000 * 50 });
    expect(events).toHaveLength(2);
    expect(cw.commandCalls(GetQueryResultsCommand)).toHaveLength(3);
  });

  it.each(['Failed', 'Timeout', 'Cancelled', 'Unknown'] as const)('retries a slice that ended %s by splitting it, a bounded number of times', async (status) => {
    cw.on(StartQueryCommand).resolves({ queryId: 'q' });
    cw.on(GetQueryResultsCommand).resolvesOnce({ status }).resolves(complete([]));
    const { outcome } = await run({ concurrency: 1 });
    expect(outcome.missing).toEqual([]);
    expect(outcome.queries).toBe(3); // the failed slice, then its two halves
  });

  it('gives up on a slice that keeps failing and names its range', async () => {
    cw.on(StartQueryCommand).resolves({ queryId: 'q' });
    cw.on(GetQueryResultsCommand).resolves({ status: 'Failed' });
    const { outcome } = await run({ concurrency: 1, maxAttempts: 2, endMs: T0 + 10_000 });
    expect(outcome.missing.length).toBeGreaterThan(0);
    expect(outcome.missing[0]!.reason).toMatch(/the query ended Failed after 2 attempts/);
  });

  it('backs off and retries StartQuery on LimitExceededException, leaving throttling to the SDK', async () => {
    const waits: number[] = [];
    cw.on(StartQueryCommand)
      .rejectsOnce(new LimitExceededException({ message: 'too many concurrent queries', $metadata: {} }))
      .rejectsOnce(new LimitExceededException({ message: 'too many concurrent queries', $metadata: {} }))
      .resolves({ queryId: 'q' });
    cw.on(GetQueryResultsCommand).resolves(complete([]));
    await run({ concurrency: 1, endMs: T0 + 1000, sleep: async (ms) => void waits.push(ms) });
    expect(waits.filter((w) => w >= 500)).toEqual([500, 1000]);
  });

  it('counts a poll the SDK still reports throttled (more than three times in a row) as a failed attempt of its slice', async () => {
    cw.on(StartQueryCommand).resolves({ queryId: 'q' });
    cw.on(GetQueryResultsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const { outcome } = await run({ concurrency: 1, endMs: T0 + 1000 });
    expect(cw.commandCalls(GetQueryResultsCommand)).toHaveLength(3 * 4);
    expect(outcome.missing).toEqual([expect.objectContaining({ reason: 'requests failed (ThrottlingException) after 3 attempts' })]);
  });

  it('records a slice whose StartQuery stays refused (LimitExceeded past maxStartRetries) as missing, not as numbers', async () => {
    cw.on(StartQueryCommand).rejects(new LimitExceededException({ message: 'too many', $metadata: {} }));
    const { events, outcome } = await run({ concurrency: 1, maxStartRetries: 1, endMs: T0 + 1000 });
    expect(events).toEqual([]);
    expect(outcome.missing[0]!.reason).toMatch(/LimitExceededException\) after 3 attempts/);
  });

  it('fails the run at once on an error no retry can mend', async () => {
    cw.on(StartQueryCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    await expect(run({ concurrency: 1 })).rejects.toThrow(/not authorized/);
    expect(cw.commandCalls(StartQueryCommand)).toHaveLength(1);
  });

  it('stops a query whose polling failed before it asks again, so it does not hold an account query slot', async () => {
    let n = 0;
    cw.on(StartQueryCommand).callsFake(() => ({ queryId: `q${n++}` }));
    cw.on(GetQueryResultsCommand)
      .rejectsOnce(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } }))
      .resolves(complete([row(T0 / 1000 + 1)]));
    cw.on(StopQueryCommand).resolves({ success: true });
    const { events, outcome } = await run({ concurrency: 1, endMs: T0 + 1000 });
    expect(events).toHaveLength(1);
    expect(outcome.missing).toEqual([]);
    const order = cw.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    expect(order).toEqual(['StartQueryCommand', 'GetQueryResultsCommand', 'StopQueryCommand', 'StartQueryCommand', 'GetQueryResultsCommand']);
    expect(cw.commandCalls(StopQueryCommand).map((c) => c.args[0].input.queryId)).toEqual(['q0']);
  });

  it('stops a query it gave up waiting for', async () => {
    cw.on(StartQueryCommand).resolves({ queryId: 'slow' });
    cw.on(GetQueryResultsCommand).resolves({ status: 'Running' });
    cw.on(StopQueryCommand).resolves({ success: true });
    const { outcome } = await run({ concurrency: 1, endMs: T0 + 1000, maxQueryMs: -1, maxAttempts: 1 });
    expect(outcome.missing[0]!.reason).toMatch(/the query ended Timeout/);
    expect(cw.commandCalls(StopQueryCommand)).toHaveLength(1);
  });

  it('on abort stops every query in flight and ends with the interruption, even when StopQuery fails', async () => {
    const controller = new AbortController();
    cw.on(StartQueryCommand).callsFake(() => ({ queryId: `q${Math.random()}` }));
    cw.on(GetQueryResultsCommand).callsFake(() => {
      controller.abort();
      return { status: 'Running' };
    });
    cw.on(StopQueryCommand).rejects(Object.assign(new Error('Internal Server Error'), { name: 'InternalServerError' }));
    const outcome = newInsightsOutcome();
    const it = insightsEvents(client, { ...base, concurrency: 3, signal: controller.signal }, outcome);
    const err = await it.next().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmmemError);
    expect((err as LlmmemError).exitCode).toBe(ExitCode.interrupted);
    expect(cw.commandCalls(StopQueryCommand).length).toBe(3);
    expect(outcome.stopFailures).toBe(3);
  });
});
