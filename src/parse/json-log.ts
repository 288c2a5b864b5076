import { parseTimestamp } from './iso-time.js';
import type { AppLine } from './app-line.js';
import type { MalformedRecord, ReportRecord } from './records.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const nonNegative = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

const malformed = (reason: string, message: string): MalformedRecord => ({ kind: 'malformed', reason, excerpt: message.slice(0, 160) });

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
  const requestId = record['requestId'];
  const metrics = record['metrics'];
  if (typeof requestId !== 'string' || requestId === '') return malformed('platform.report without a requestId', message);
  if (!isObject(metrics)) return malformed('platform.report without metrics', message);
  const durationMs = nonNegative(metrics['durationMs']);
  const billedDurationMs = nonNegative(metrics['billedDurationMs']);
  const memorySizeMB = nonNegative(metrics['memorySizeMB']);
  const maxMemoryUsedMB = nonNegative(metrics['maxMemoryUsedMB']);
  if (durationMs === undefined || billedDurationMs === undefined) return malformed('platform.report without durations', message);
  if (memorySizeMB === undefined || !Number.isInteger(memorySizeMB) || memorySizeMB === 0) {
    return malformed('platform.report without a readable memorySizeMB', message);
  }
  if (maxMemoryUsedMB === undefined || !Number.isInteger(maxMemoryUsedMB)) {
    return malformed('platform.report without a readable maxMemoryUsedMB', message);
  }
  const status = record['status'];
  const errorType = record['errorType'];
  const time = doc['time'];
  return {
    kind: 'report',
    requestId,
    durationMs,
    billedDurationMs,
    memorySizeMB,
    maxMemoryUsedMB,
    initDurationMs: nonNegative(metrics['initDurationMs']),
    restoreDurationMs: nonNegative(metrics['restoreDurationMs']),
    billedRestoreDurationMs: nonNegative(metrics['billedRestoreDurationMs']),
    status: typeof status === 'string' ? status : undefined,
    errorType: typeof errorType === 'string' ? errorType : undefined,
    messageTimestamp: typeof time === 'string' ? parseTimestamp(time) : undefined,
  };
}

/** Reads an application line of the JSON log format (`{"timestamp","level","requestId","message"}`). */
export function readJsonAppLine(doc: Json): AppLine | undefined {
  const requestId = doc['requestId'];
  const body = doc['message'];
  if (typeof requestId !== 'string' || requestId === '' || typeof body !== 'string') return undefined;
  return { requestId, body };
}
