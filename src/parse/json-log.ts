import { parseTimestamp } from './iso-time.js';
import type { AppLine } from './app-line.js';
import type { MalformedRecord, ReportRecord } from './records.js';
import { malformed, reportFrom } from './report-record.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const nonNegative = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;


/** Parses a message of Lambda's JSON log format, or undefined when it is not JSON. */
export function parseJsonMessage(message: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(message);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a `platform.report` record of Lambda's JSON log format. */
export function readPlatformReport(doc: Json, message: string): ReportRecord | MalformedRecord {
  const record = doc['record'];
  if (!isObject(record)) return malformed('platform.report without a record', message);
  const metrics = record['metrics'];
  if (!isObject(metrics)) return malformed('platform.report without metrics', message);
  const requestId = record['requestId'];
  const status = record['status'];
  const errorType = record['errorType'];
  const time = doc['time'];
  return reportFrom(
    {
      requestId: typeof requestId === 'string' ? requestId : undefined,
      durationMs: nonNegative(metrics['durationMs']),
      billedDurationMs: nonNegative(metrics['billedDurationMs']),
      memorySizeMB: nonNegative(metrics['memorySizeMB']),
      maxMemoryUsedMB: nonNegative(metrics['maxMemoryUsedMB']),
      initDurationMs: nonNegative(metrics['initDurationMs']),
      restoreDurationMs: nonNegative(metrics['restoreDurationMs']),
      billedRestoreDurationMs: nonNegative(metrics['billedRestoreDurationMs']),
      status: typeof status === 'string' ? status : undefined,
      errorType: typeof errorType === 'string' ? errorType : undefined,
      messageTimestamp: typeof time === 'string' ? parseTimestamp(time) : undefined,
    },
    message,
  );
}

/** Reads an application line of the JSON log format (`{"timestamp","level","requestId","message"}`). */
export function readJsonAppLine(doc: Json): AppLine | undefined {
  const requestId = doc['requestId'];
  const body = doc['message'];
  if (typeof requestId !== 'string' || requestId === '' || typeof body !== 'string') return undefined;
  return { requestId, body };
}
