import type { MalformedRecord, ReportRecord } from './records.js';

const NUMBER = /^\d+(?:\.\d+)?$/;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

const malformed = (reason: string, message: string): MalformedRecord => ({
  kind: 'malformed',
  reason,
  excerpt: message.slice(0, 160),
});

/** Reads `<value> <unit>` such as `128.83 ms`; undefined when the value is not a plain non-negative number. */
function quantity(raw: string | undefined, unit: string): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (!text.endsWith(unit)) return undefined;
  const value = text.slice(0, -unit.length).trim();
  return NUMBER.test(value) ? Number(value) : undefined;
}

/**
 * Parses Lambda's text `REPORT RequestId: …` event. Fields are tab-separated with stray spaces allowed; X-Ray
 * fields may follow on the same line or the next one. A report missing a required figure is malformed.
 */
export function parseReportLine(message: string): ReportRecord | MalformedRecord {
  const fields = new Map<string, string>();
  for (const part of message.split(/[\t\r\n]+/)) {
    const colon = part.indexOf(':');
    if (colon > 0) fields.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
  }
  const requestId = fields.get('REPORT RequestId');
  if (requestId === undefined || !REQUEST_ID.test(requestId)) return malformed('REPORT without a request id', message);

  const durationMs = quantity(fields.get('Duration'), 'ms');
  const billedDurationMs = quantity(fields.get('Billed Duration'), 'ms');
  const memorySizeMB = quantity(fields.get('Memory Size'), 'MB');
  const maxMemoryUsedMB = quantity(fields.get('Max Memory Used'), 'MB');
  if (durationMs === undefined || billedDurationMs === undefined) {
    return malformed('REPORT without a readable Duration / Billed Duration', message);
  }
  if (memorySizeMB === undefined || !Number.isInteger(memorySizeMB) || memorySizeMB === 0) {
    return malformed('REPORT without a readable Memory Size', message);
  }
  if (maxMemoryUsedMB === undefined || !Number.isInteger(maxMemoryUsedMB)) {
    return malformed('REPORT without a readable Max Memory Used', message);
  }
  const status = fields.get('Status');
  const errorType = fields.get('Error Type');
  return {
    kind: 'report',
    requestId,
    durationMs,
    billedDurationMs,
    memorySizeMB,
    maxMemoryUsedMB,
    initDurationMs: quantity(fields.get('Init Duration'), 'ms'),
    restoreDurationMs: quantity(fields.get('Restore Duration'), 'ms'),
    billedRestoreDurationMs: quantity(fields.get('Billed Restore Duration'), 'ms'),
    status: status === undefined || status === '' ? undefined : status,
    errorType: errorType === undefined || errorType === '' ? undefined : errorType,
  };
}
