import {
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
  type GetQueryResultsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent } from '../../parse/log-event.js';
import { isAbort, isLimitExceeded, isThrottling, isTransient } from './aws-errors.js';
import { Wakeup } from './channel.js';
import { INSIGHTS_ROW_LIMIT, insightsQuery, rowToEvent } from './insights-query.js';
import { interrupted } from '../../errors.js';
import { sleep as realSleep, type Sleep } from './sleep.js';
import { canSplit, initialSlices, mergeRanges, splitSlice, type SecondsRange, type Slice } from './time-range.js';

export interface InsightsOptions {
  readonly logGroup: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly concurrency: number;
  readonly signal?: AbortSignal | undefined;
  readonly rowLimit?: number;
  /** Attempts of a slice whose query ends Failed, Timeout, Cancelled or Unknown. */
  readonly maxAttempts?: number;
  /** Retries of StartQuery refused with LimitExceededException (throttling is retried by the SDK). */
  readonly maxStartRetries?: number;
  readonly pollMs?: { readonly initial: number; readonly max: number };
  /** Give up polling one query after this long (AWS itself times queries out at 60 minutes). */
  readonly maxQueryMs?: number;
  readonly sleep?: Sleep;
  readonly onProgress?: (p: InsightsProgress) => void;
}

export interface InsightsProgress {
  readonly slicesDone: number;
  readonly slicesTotal: number;
  readonly events: number;
  readonly bytesScanned: number;
}

export interface MissingRange extends SecondsRange {
  readonly reason: string;
}

/** What the engine did, filled in as it runs. */
export interface InsightsOutcome {
  queries: number;
  bytesScanned: number;
  statisticsSeen: boolean;
  missing: MissingRange[];
  stopFailures: number;
}

export const newInsightsOutcome = (): InsightsOutcome => ({ queries: 0, bytesScanned: 0, statisticsSeen: false, missing: [], stopFailures: 0 });

type Finished = 'Complete' | 'Failed' | 'Timeout' | 'Cancelled' | 'Unknown';

const MAX_THROTTLED_POLLS = 3;

/**
 * Logs Insights as a stream of events: the window is cut into slices queried `concurrency` at a time; a slice
 * whose answer may be cut (rows at the limit, or recordsMatched above the rows) is halved and asked again, a
 * failed one retried or halved a bounded number of times, and what still cannot be read is recorded in
 * `outcome.missing` — never silently dropped. On abort every query in flight is stopped.
 */
export async function* insightsEvents(client: CloudWatchLogsClient, o: InsightsOptions, outcome: InsightsOutcome): AsyncGenerator<LogEvent[]> {
  const limit = o.rowLimit ?? INSIGHTS_ROW_LIMIT;
  const maxAttempts = o.maxAttempts ?? 3;
  const maxStartRetries = o.maxStartRetries ?? 8;
  const poll = o.pollMs ?? { initial: 300, max: 5_000 };
  const maxQueryMs = o.maxQueryMs ?? 65 * 60_000;
  const pause = o.sleep ?? realSleep;
  const signal = o.signal;
  const queryString = insightsQuery(limit);

  const queue: Slice[] = initialSlices(o.startMs, o.endMs, o.concurrency);
  const inFlight = new Set<string>();
  const ready: LogEvent[][] = [];
  const wakeup = new Wakeup();
  let failure: unknown;
  let slicesTotal = queue.length;
  let slicesDone = 0;
  let events = 0;
  const progress = (): void => o.onProgress?.({ slicesDone, slicesTotal, events, bytesScanned: outcome.bytesScanned });

  /**
   * Puts a slice back. `cut`: its answer may be incomplete, so halve it (a one-second slice cannot be: missing).
   * `failed`: the query ended badly, so halve it and count an attempt. `refused`: the request itself failed, so
   * ask again as it is and count an attempt. After `maxAttempts` attempts the range is missing.
   */
  const requeue = (s: Slice, why: 'cut' | 'failed' | 'refused', reason: string): void => {
    const attempt = why === 'cut' ? s.attempt : s.attempt + 1;
    if (attempt >= maxAttempts) {
      outcome.missing.push({ startSec: s.startSec, endSec: s.endSec, reason: `${reason} after ${attempt} attempts` });
    } else if (why !== 'refused' && canSplit(s)) {
      queue.push(...splitSlice(s, attempt));
      slicesTotal += 1;
    } else if (why !== 'cut') {
      queue.push({ ...s, attempt });
      slicesTotal += 1;
    } else {
      outcome.missing.push({ startSec: s.startSec, endSec: s.endSec, reason: `${reason} within one second` });
    }
  };

  const start = async (s: Slice): Promise<string> => {
    for (let retry = 0; ; retry++) {
      try {
        const r = await client.send(
          new StartQueryCommand({ logGroupNames: [o.logGroup], startTime: s.startSec, endTime: s.endSec, queryString, limit }),
          { abortSignal: signal },
        );
        if (r.queryId === undefined) throw new Error('StartQuery returned no queryId');
        outcome.queries += 1;
        return r.queryId;
      } catch (err) {
        // The SDK already retried throttling with its own back-off; LimitExceeded (too many concurrent
        // queries in the account) is ours to wait out.
        if (!isLimitExceeded(err) || retry >= maxStartRetries) throw err;
        await pause(Math.min(20_000, 500 * 2 ** retry), signal);
      }
    }
  };

  const account = (r: GetQueryResultsCommandOutput): void => {
    const scanned = r.statistics?.bytesScanned;
    if (scanned !== undefined) {
      outcome.statisticsSeen = true;
      outcome.bytesScanned += scanned;
    }
  };

  /** A slice whose requests fail for transient reasons (after the SDK's own retries) is an attempt, not the end. */
  const runSlice = async (s: Slice): Promise<void> => {
    try {
      await querySlice(s);
    } catch (err) {
      if (signal?.aborted === true || isAbort(err) || !isTransient(err)) throw err;
      requeue(s, 'refused', `requests failed (${(err as { name?: string }).name ?? 'Error'})`);
    }
  };

  const querySlice = async (s: Slice): Promise<void> => {
    const queryId = await start(s);
    inFlight.add(queryId);
    try {
      await pollSlice(s, queryId);
    } catch (err) {
      // A query whose polling failed is asked again as a new query: stop this one now, so that it does not hold
      // one of the account's concurrent-query slots. On abort, every query in flight is stopped at the end.
      if (!(signal?.aborted === true || isAbort(err))) {
        inFlight.delete(queryId);
        await stopQueries(client, new Set([queryId]), outcome);
      }
      throw err;
    }
  };

  const pollSlice = async (s: Slice, queryId: string): Promise<void> => {
    const began = Date.now();
    let delay = poll.initial;
    let finished: Finished | undefined;
    let result: GetQueryResultsCommandOutput | undefined;
    let throttled = 0;
    while (finished === undefined) {
      await pause(delay, signal);
      delay = Math.min(poll.max, Math.ceil(delay * 1.5));
      let r: GetQueryResultsCommandOutput;
      try {
        r = await client.send(new GetQueryResultsCommand({ queryId }), { abortSignal: signal });
        throttled = 0;
      } catch (err) {
        // still throttled after the SDK's retries: slow down a few times more, then give up
        if (isThrottling(err) && ++throttled <= MAX_THROTTLED_POLLS) {
          delay = poll.max;
          continue;
        }
        throw err;
      }
      const status = r.status ?? 'Unknown';
      if (status === 'Scheduled' || status === 'Running') {
        if (Date.now() - began > maxQueryMs) finished = 'Timeout';
        continue;
      }
      finished = status === 'Complete' || status === 'Failed' || status === 'Timeout' || status === 'Cancelled' ? status : 'Unknown';
      result = r;
    }
    inFlight.delete(queryId);
    if (result === undefined) await stopQueries(client, new Set([queryId]), outcome); // given up waiting for it
    else account(result);
    if (finished !== 'Complete' || result === undefined) {
      requeue(s, 'failed', `the query ended ${finished}`);
      return;
    }
    const rows = result.results ?? [];
    const matched = result.statistics?.recordsMatched;
    if (rows.length >= limit || (matched !== undefined && matched > rows.length)) {
      requeue(s, 'cut', `more than ${limit} matching events`);
      return;
    }
    const batch: LogEvent[] = [];
    for (const row of rows) {
      const e = rowToEvent(row);
      if (e !== undefined) batch.push(e);
    }
    events += batch.length;
    slicesDone += 1;
    ready.push(batch);
  };

  const active = new Set<Promise<void>>();
  try {
    for (;;) {
      while (failure === undefined && active.size < o.concurrency && queue.length > 0) {
        const s = queue.shift()!;
        const p: Promise<void> = runSlice(s)
          .catch((err: unknown) => {
            failure ??= err;
          })
          .finally(() => {
            active.delete(p);
            wakeup.wake();
          });
        active.add(p);
      }
      while (ready.length > 0) yield ready.shift()!;
      progress();
      if (failure !== undefined) break;
      if (active.size === 0 && queue.length === 0) break;
      await wakeup.wait();
    }
  } finally {
    if (inFlight.size > 0 || signal?.aborted === true || failure !== undefined) {
      await Promise.allSettled([...active]);
      await stopQueries(client, inFlight, outcome);
    }
  }
  outcome.missing = mergeRanges(outcome.missing);
  if (signal?.aborted === true || isAbort(failure)) throw interrupted();
  if (failure !== undefined) throw failure;
}

/** StopQuery for each of `queries`; a failed stop is counted, never thrown over the real error. */
async function stopQueries(client: CloudWatchLogsClient, queries: Set<string>, outcome: InsightsOutcome): Promise<void> {
  const results = await Promise.allSettled(
    [...queries].map((queryId) => client.send(new StopQueryCommand({ queryId }), { abortSignal: AbortSignal.timeout(5_000) })),
  );
  outcome.stopFailures += results.filter((r) => r.status === 'rejected').length;
  queries.clear();
}
