import type { MalformedRecord, ReportRecord } from './records.js';
import { reportFrom } from './report-record.js';

const NUMBER = /^\d+(?:\.\d+)?$/;
const isSeparator = (c: number): boolean => c === 9 || c === 10 || c === 13;
const isSeparatorOrSpace = (c: number): boolean => isSeparator(c) || c === 32;

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
  let requestId: string | undefined;
  let duration: string | undefined;
  let billed: string | undefined;
  let memorySize: string | undefined;
  let maxUsed: string | undefined;
  let init: string | undefined;
  let restore: string | undefined;
  let billedRestore: string | undefined;
  let status: string | undefined;
  let errorType: string | undefined;
  // One pass over the fields (separated by tabs and line ends); only the values llmmem reads are sliced out.
  const n = message.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSeparatorOrSpace(message.charCodeAt(i))) i += 1;
    let end = i;
    while (end < n && !isSeparator(message.charCodeAt(end))) end += 1;
    const colon = message.indexOf(':', i);
    if (colon > i && colon < end) {
      let keyEnd = colon;
      while (keyEnd > i && message.charCodeAt(keyEnd - 1) === 32) keyEnd -= 1;
      const value = (): string => message.slice(colon + 1, end).trim();
      switch (message.slice(i, keyEnd)) {
        case 'REPORT RequestId': requestId = value(); break;
        case 'Duration': duration = value(); break;
        case 'Billed Duration': billed = value(); break;
        case 'Memory Size': memorySize = value(); break;
        case 'Max Memory Used': maxUsed = value(); break;
        case 'Init Duration': init = value(); break;
        case 'Restore Duration': restore = value(); break;
        case 'Billed Restore Duration': billedRestore = value(); break;
        case 'Status': status = value(); break;
        case 'Error Type': errorType = value(); break;
      }
    }
    i = end;
  }
  return reportFrom(
    {
      requestId,
      durationMs: quantity(duration, 'ms'),
      billedDurationMs: quantity(billed, 'ms'),
      memorySizeMB: quantity(memorySize, 'MB'),
      maxMemoryUsedMB: quantity(maxUsed, 'MB'),
      initDurationMs: quantity(init, 'ms'),
      restoreDurationMs: quantity(restore, 'ms'),
      billedRestoreDurationMs: quantity(billedRestore, 'ms'),
      status,
      errorType,
    },
    message,
  );
}
