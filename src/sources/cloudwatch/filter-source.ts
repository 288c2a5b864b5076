import { paginateFilterLogEvents, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent } from '../../parse/log-event.js';
import { interrupted } from '../../errors.js';

/**
 * Any one of these words (an OR pattern) keeps an event: reports, tracker lines, failure lines, JSON-format
 * reports. Regex patterns may not contain spaces, so whole phrases are left to the parser. Where CloudWatch
 * cannot apply it (moto), every event comes back and the parser does the narrowing.
 */
export const FILTER_PATTERN = '?REPORT ?Statistics ?RSS ?timed ?killed ?"platform.report"';

export interface FilterOptions {
  readonly logGroup: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly onPage?: (events: number) => void;
}

/** FilterLogEvents pages as batches of events (times in milliseconds; streams arrive interleaved). */
export async function* filterEvents(client: CloudWatchLogsClient, o: FilterOptions): AsyncGenerator<LogEvent[]> {
  const pages = paginateFilterLogEvents(
    { client, pageSize: 10_000 },
    { logGroupName: o.logGroup, startTime: o.startMs, endTime: o.endMs, filterPattern: FILTER_PATTERN },
  );
  let total = 0;
  for await (const page of pages) {
    if (o.signal?.aborted === true) throw interrupted();
    const batch: LogEvent[] = [];
    for (const e of page.events ?? []) {
      if (e.message !== undefined) batch.push({ message: e.message, timestamp: e.timestamp, logStream: e.logStreamName });
    }
    total += batch.length;
    o.onPage?.(total);
    if (batch.length > 0) yield batch;
  }
  if (o.signal?.aborted === true) throw interrupted();
}
