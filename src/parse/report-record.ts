import type { MalformedRecord, ReportRecord } from './records.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export const malformed = (reason: string, message: string): MalformedRecord => ({ kind: 'malformed', reason, excerpt: message.slice(0, 160) });

/** The figures of a report as its format gave them; undefined where a figure was missing or unreadable. */
export interface ReportFigures {
  readonly requestId: string | undefined;
  readonly durationMs: number | undefined;
  readonly billedDurationMs: number | undefined;
  readonly memorySizeMB: number | undefined;
  readonly maxMemoryUsedMB: number | undefined;
  readonly initDurationMs: number | undefined;
  readonly restoreDurationMs: number | undefined;
  readonly billedRestoreDurationMs: number | undefined;
  readonly status: string | undefined;
  readonly errorType: string | undefined;
  readonly messageTimestamp?: number | undefined;
}

/**
 * What makes a report usable, for the text and the JSON format alike: a request id, both durations, a whole
 * positive Memory Size and a whole Max Memory Used. Anything less is malformed, never a report with zeros.
 */
export function reportFrom(f: ReportFigures, message: string): ReportRecord | MalformedRecord {
  const { requestId, durationMs, billedDurationMs, memorySizeMB, maxMemoryUsedMB } = f;
  if (requestId === undefined || !REQUEST_ID.test(requestId)) return malformed('REPORT without a request id', message);
  if (durationMs === undefined || billedDurationMs === undefined) return malformed('REPORT without a readable Duration / Billed Duration', message);
  if (memorySizeMB === undefined || !Number.isInteger(memorySizeMB) || memorySizeMB === 0) return malformed('REPORT without a readable Memory Size', message);
  if (maxMemoryUsedMB === undefined || !Number.isInteger(maxMemoryUsedMB)) return malformed('REPORT without a readable Max Memory Used', message);
  return {
    kind: 'report',
    requestId,
    durationMs,
    billedDurationMs,
    memorySizeMB,
    maxMemoryUsedMB,
    initDurationMs: f.initDurationMs,
    restoreDurationMs: f.restoreDurationMs,
    billedRestoreDurationMs: f.billedRestoreDurationMs,
    status: f.status === '' ? undefined : f.status,
    errorType: f.errorType === '' ? undefined : f.errorType,
    ...(f.messageTimestamp === undefined ? {} : { messageTimestamp: f.messageTimestamp }),
  };
}
