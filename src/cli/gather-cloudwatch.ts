import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { Collector } from '../analyze/collector.js';
import type { Warning } from '../analyze/document.js';
import { INSIGHTS_USD_PER_GB_SCANNED } from '../analyze/prices.js';
import { roundTo } from '../analyze/percentile.js';
import { ExitCode, LlmmemError, usageError } from '../errors.js';
import type { LogEvent } from '../parse/log-event.js';
import { isNotFound, isTransient, mapAwsError, type AwsContext } from '../sources/cloudwatch/aws-errors.js';
import { createLogsClient, describeEndpoint, type ClientSettings } from '../sources/cloudwatch/client.js';
import { filterEvents } from '../sources/cloudwatch/filter-source.js';
import { insightsEvents, newInsightsOutcome, type InsightsOutcome } from '../sources/cloudwatch/insights-source.js';
import { listLogGroups } from '../sources/cloudwatch/log-groups.js';
import { isoOfSeconds } from '../sources/cloudwatch/time-range.js';
import type { Gathered } from './gather.js';
import type { Io } from './io.js';
import { functionOfLogGroup, isFunctionLogGroup, type LogGroupTarget, type RunOptions, type Target } from './options.js';
import { progressLine } from './progress.js';

type CloudWatchTarget = Extract<Target, { kind: 'cloudwatch' }>;

/** Lambda's longest timeout: a request reported inside the window may have logged its tools this long before. */
export const LOOKBACK_MS = 15 * 60_000;
const LAMBDA_PREFIX = '/aws/lambda/';

interface Missing {
  readonly logGroup: string;
  readonly start: string;
  readonly end: string;
  readonly reason: string;
}

/** Reads each log group of the window from CloudWatch Logs into its own collector. */
export async function gatherCloudWatch(target: CloudWatchTarget, options: RunOptions, io: Io, clientFor = createLogsClient): Promise<Gathered> {
  const settings: ClientSettings = {
    region: target.region ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'],
    profile: target.profile ?? io.env['AWS_PROFILE'],
    endpointUrl: target.endpointUrl,
    requestTimeoutMs: positiveNumber(io.env['LLMMEM_REQUEST_TIMEOUT_MS']),
  };
  const context: AwsContext = { region: settings.region, profile: settings.profile, endpoint: describeEndpoint(settings, io.env) };
  const client = clientFor(settings);
  try {
    const gathered = await gatherWith(client, target, options, io, context);
    return { ...gathered, region: settings.region ?? (await resolvedRegion(client)) };
  } catch (err) {
    throw mapAwsError(err, context);
  } finally {
    client.destroy();
  }
}

/** The region the SDK's chain settled on (a profile's, say), for the command that applies a size. */
async function resolvedRegion(client: CloudWatchLogsClient): Promise<string | undefined> {
  try {
    return await client.config.region();
  } catch {
    return undefined;
  }
}

const positiveNumber = (text: string | undefined): number | undefined => {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
};

async function existingGroups(client: CloudWatchLogsClient): Promise<string> {
  try {
    const names = await listLogGroups(client, LAMBDA_PREFIX);
    return names.length === 0 ? 'no /aws/lambda/ log groups exist here' : `existing: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}`;
  } catch {
    return 'the existing groups could not be listed';
  }
}

async function gatherWith(client: CloudWatchLogsClient, target: CloudWatchTarget, options: RunOptions, io: Io, context: AwsContext): Promise<Gathered> {
  let groups: readonly LogGroupTarget[] = target.groups;
  if (target.all) {
    const names = await listLogGroups(client, LAMBDA_PREFIX);
    groups = [...groups, ...names.filter((n) => !groups.some((g) => g.logGroup === n)).map((n) => ({ logGroup: n, functionName: functionOfLogGroup(n) }))];
  }
  if (groups.length === 0) {
    throw usageError(
      target.all ? `no /aws/lambda/ log groups in ${context.region ?? 'this region'}` : 'name the function to analyse: --function NAME, LLMMEM_FUNCTION, or "function" in llmmem.config.json',
      await existingGroups(client),
    );
  }
  const window = options.window!;
  const queryStartMs = window.startMs - LOOKBACK_MS;
  const showProgress = io.stderr.isTTY === true && !options.quiet;
  const functions: { name: string; collector: Collector; named: boolean }[] = [];
  const warnings: Warning[] = [];
  const missing: Missing[] = [];
  const total = newInsightsOutcome();
  let events = 0;

  const read: string[] = [];
  const eventsOf = (group: LogGroupTarget, outcome: InsightsOutcome): AsyncIterable<LogEvent[]> => {
    const range = { logGroup: group.logGroup, startMs: queryStartMs, endMs: window.endMs, signal: io.signal };
    const show = (p: Parameters<typeof progressLine>[1]): void => void (showProgress && io.stderr.write(progressLine(group.logGroup, p)));
    return target.engine === 'insights'
      ? insightsEvents(client, { ...range, concurrency: target.concurrency, onProgress: show }, outcome)
      : filterEvents(client, { ...range, onPage: (n) => show({ events: n }) });
  };

  for (const group of groups) {
    const collector = new Collector();
    const outcome = newInsightsOutcome();
    const batches = eventsOf(group, outcome);
    try {
      for await (const batch of batches) {
        events += batch.length;
        collector.addAll(batch);
      }
    } catch (err) {
      if (target.engine === 'filter' && isTransient(err) && io.signal?.aborted !== true) {
        // Pages interleave streams, so what was not read cannot be narrowed down: name the whole range.
        const name = (err as { name?: string }).name ?? 'Error';
        missing.push({ logGroup: group.logGroup, start: new Date(queryStartMs).toISOString(), end: new Date(window.endMs).toISOString(), reason: `FilterLogEvents failed after retries (${name})` });
        functions.push({ name: group.functionName, collector, named: isFunctionLogGroup(group.logGroup) });
        read.push(group.logGroup);
        continue;
      }
      if (!isNotFound(err)) throw mapAwsError(err, { ...context, logGroup: group.logGroup });
      if (groups.length === 1) {
        throw new LlmmemError(`log group ${group.logGroup} does not exist in ${context.region ?? 'this region'}`, { exitCode: ExitCode.noData, hint: await existingGroups(client), cause: err });
      }
      warnings.push({ code: 'log-group-not-found', message: `log group ${group.logGroup} does not exist; it is left out` });
      continue;
    } finally {
      if (showProgress) io.stderr.write('\r\u001b[K');
    }
    total.queries += outcome.queries;
    total.bytesScanned += outcome.bytesScanned;
    total.statisticsSeen ||= outcome.statisticsSeen;
    total.stopFailures += outcome.stopFailures;
    for (const m of outcome.missing) missing.push({ logGroup: group.logGroup, start: isoOfSeconds(m.startSec), end: isoOfSeconds(m.endSec), reason: m.reason });
    functions.push({ name: group.functionName, collector, named: isFunctionLogGroup(group.logGroup) });
    read.push(group.logGroup);
  }
  if (functions.length === 0) throw new LlmmemError('none of the log groups exists', { exitCode: ExitCode.noData, hint: await existingGroups(client) });

  if (missing.length > 0) {
    const ranges = missing.map((m) => `${m.logGroup} ${m.start} → ${m.end} (${m.reason})`).join('; ');
    if (!target.allowPartial) {
      throw new LlmmemError(`incomplete: could not read ${ranges}`, { exitCode: ExitCode.incomplete, hint: 'rerun, narrow the window, or pass --allow-partial to analyse the rest' });
    }
    warnings.push({ code: 'incomplete', count: missing.length, message: `PARTIAL DATA: could not read ${ranges}; figures leave these ranges out` });
  }
  if (total.stopFailures > 0) warnings.push({ code: 'stop-query-failed', count: total.stopFailures, message: `${total.stopFailures} query(s) could not be stopped` });

  const cost = scanCost(target.engine, total);
  if (!options.quiet && cost !== undefined) io.stderr.write(`llmmem: ${cost.line}\n`);
  return {
    functions,
    source: {
      kind: 'cloudwatch',
      engine: target.engine,
      logGroups: read,
      region: context.region ?? null,
      events,
      skippedLines: 0,
      complete: missing.length === 0,
      queries: target.engine === 'insights' ? total.queries : null,
      lookbackMinutes: LOOKBACK_MS / 60_000,
      bytesScanned: cost?.bytes ?? null,
      estimatedQueryCostUSD: cost?.usd ?? null,
      missingRanges: missing,
    },
    sourceWarnings: warnings,
  };
}

function scanCost(engine: 'insights' | 'filter', outcome: InsightsOutcome): { bytes: number; usd: number; line: string } | undefined {
  if (engine !== 'insights' || !outcome.statisticsSeen) return undefined;
  const gb = outcome.bytesScanned / INSIGHTS_USD_PER_GB_SCANNED.bytesPerGb;
  const usd = roundTo(gb * INSIGHTS_USD_PER_GB_SCANNED.usd, 6);
  return { bytes: outcome.bytesScanned, usd, line: `Logs Insights scanned ${roundTo(gb, 3)} GB (10^9 bytes) in ${outcome.queries} queries: about $${usd} at $${INSIGHTS_USD_PER_GB_SCANNED.usd}/GB` };
}
