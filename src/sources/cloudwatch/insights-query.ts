import type { ResultField } from '@aws-sdk/client-cloudwatch-logs';
import { parseTimestamp } from '../../parse/iso-time.js';
import type { LogEvent } from '../../parse/log-event.js';

/** Largest `limit` Logs Insights accepts; a slice that returns this many rows may have been cut. */
export const INSIGHTS_ROW_LIMIT = 10_000;

/**
 * Raw events only, narrowed to what llmmem reads; parsing stays in the shared parser so that Insights, FilterLogEvents
 * and files give the same records. No word of the filter may be `fields`, `sort` or `limit`: moto's parser would
 * take it for a command.
 */
export const insightsQuery = (limit: number): string =>
  [
    'fields @timestamp, @message, @logStream, @log',
    'filter @message like /REPORT RequestId|Memory Statistics|MB RSS|Task timed out|signal: killed|platform\\.report/',
    'sort @timestamp asc',
    `limit ${limit}`,
  ].join(' | ');

/** One result row (`[{field, value}]`) as a log event; undefined when it has no message. */
export function rowToEvent(row: readonly ResultField[]): LogEvent | undefined {
  let message: string | undefined;
  let timestamp: number | undefined;
  let logStream: string | undefined;
  for (const { field, value } of row) {
    if (value === undefined) continue;
    if (field === '@message') message = value;
    else if (field === '@timestamp') timestamp = parseTimestamp(value);
    else if (field === '@logStream') logStream = value;
  }
  return message === undefined ? undefined : { message, timestamp, logStream };
}
