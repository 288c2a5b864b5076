import { describe, expect, it } from 'vitest';
import { parseReportLine } from '../../src/parse/report-line.js';

const ID = 'c793869b-ee49-115b-a5b6-4fd21e8dedac';

describe('parseReportLine', () => {
  it('reads the required fields and Init Duration of a cold start', () => {
    expect(parseReportLine(`REPORT RequestId: ${ID}\tDuration: 128.83 ms\tBilled Duration: 129 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tInit Duration: 166.62 ms`)).toEqual({
      kind: 'report', requestId: ID, durationMs: 128.83, billedDurationMs: 129, memorySizeMB: 128, maxMemoryUsedMB: 74,
      initDurationMs: 166.62, restoreDurationMs: undefined, billedRestoreDurationMs: undefined, status: undefined, errorType: undefined,
    });
  });

  it.each([
    ['stray spaces and a trailing tab', `REPORT RequestId: ${ID}\tDuration: 27.10 ms\tBilled Duration: 28 ms \t Memory Size: 256 MB\tMax Memory Used: 90 MB\t`],
    ['X-Ray on the same line', `REPORT RequestId: ${ID}\tDuration: 27.10 ms\tBilled Duration: 28 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\tXRAY TraceId: 1-5e1b-6f\tSegmentId: 0a\tSampled: true\t`],
    ['X-Ray on the next line', `REPORT RequestId: ${ID}\tDuration: 27.10 ms\tBilled Duration: 28 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\t\nXRAY TraceId: 1-5e1b-6f\tSegmentId: 0a\tSampled: true\n`],
    ['CRLF line end', `REPORT RequestId: ${ID}\tDuration: 27.10 ms\tBilled Duration: 28 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\r\n`],
  ])('tolerates %s', (_case, line) => {
    expect(parseReportLine(line)).toMatchObject({ kind: 'report', requestId: ID, durationMs: 27.1, billedDurationMs: 28, memorySizeMB: 256, maxMemoryUsedMB: 90, initDurationMs: undefined });
  });

  it('reads SnapStart restore durations, timeout status and the error type', () => {
    const r = parseReportLine(`REPORT RequestId: ${ID}\tDuration: 30000.00 ms\tBilled Duration: 30000 ms\tMemory Size: 512 MB\tMax Memory Used: 511 MB\tRestore Duration: 210.5 ms\tBilled Restore Duration: 120 ms\tStatus: timeout\tError Type: Runtime.OutOfMemory`);
    expect(r).toMatchObject({ restoreDurationMs: 210.5, billedRestoreDurationMs: 120, status: 'timeout', errorType: 'Runtime.OutOfMemory' });
  });

  it.each([
    ['a negative Max Memory Used', 'Max Memory Used: -5 MB', 'Max Memory Used'],
    ['a non-numeric Max Memory Used', 'Max Memory Used: lots MB', 'Max Memory Used'],
    ['a fractional Max Memory Used', 'Max Memory Used: 74.5 MB', 'Max Memory Used'],
    ['no Max Memory Used', 'Foo: 1', 'Max Memory Used'],
  ])('calls a report with %s malformed', (_case, field, reason) => {
    const r = parseReportLine(`REPORT RequestId: ${ID}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\t${field}`);
    expect(r.kind).toBe('malformed');
    expect(r.kind === 'malformed' && r.reason).toContain(reason);
  });

  it('calls a report without a request id malformed', () => {
    expect(parseReportLine('REPORT RequestId: \tDuration: 1.00 ms').kind).toBe('malformed');
  });
});
