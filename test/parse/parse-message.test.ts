import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/parse/parse-event.js';

const ID = '7bc73502-a579-5e12-0a6d-f9e30eeb1ccf';
const BLOCK = [
  '📊 Memory Statistics:',
  '  Duration: 5432ms',
  '  Heap: 30.45MB → 67.89MB (peak: 78.23MB)',
  '  RSS: 55.12MB (peak: 106.42MB)',
  '  Heap Utilization: 78.9% (peak: 85.4%)',
  '  Lambda Limit: 256MB',
  '  Recommendation: OK: Can reduce to 192MB (currently at 42% utilization)',
  '  Snapshots: 15',
].join('\n');

describe('parseMessage', () => {
  it.each([
    ['START', `START RequestId: ${ID} Version: $LATEST\n`],
    ['END', `END RequestId: ${ID}\n`],
    ['an ordinary application line', `2025-10-11T19:07:01.234Z\t${ID}\tINFO\tProcessing chat request\n`],
    ['an application line that quotes a REPORT', `2025-10-11T19:07:01.234Z\t${ID}\tWARN\tPrevious: REPORT RequestId: x\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 9999 MB`],
    ['a report quoted mid-message', `note REPORT RequestId: ${ID}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 99 MB`],
    ['binary junk', '\u0000\u0001\uFFFD MB RSS'],
  ])('ignores %s', (_case, message) => {
    expect(parseMessage(message)).toBeUndefined();
  });

  it.each([
    ['with the emoji', '🔧'],
    ['with the emoji mis-decoded', 'üîß'],
    ['without the emoji', ''],
  ])('reads a tool line %s', (_case, emoji) => {
    expect(parseMessage(`2025-10-11T19:07:01.234Z\t${ID}\tINFO\t${emoji} Tool search_web memory: 45.23MB heap, 85.67MB RSS\n`)).toEqual({
      kind: 'tool', requestId: ID, tool: 'search_web', heapMB: 45.23, rssMB: 85.67,
    });
  });

  it.each([
    ['with the emoji', BLOCK],
    ['with the emoji mis-decoded', BLOCK.replace('📊', 'üìä')],
    ['without the emoji', BLOCK.replace('📊 ', '')],
  ])('reads the peaks of a Memory Statistics block %s', (_case, block) => {
    expect(parseMessage(`2025-10-11T19:07:05.432Z\t${ID}\tINFO\t${block}\n`)).toEqual({
      kind: 'tracker', requestId: ID, peakHeapMB: 78.23, peakRssMB: 106.42, complete: true,
    });
  });

  it('marks a block cut before its RSS line as incomplete and keeps what it has', () => {
    const cut = BLOCK.split('\n').slice(0, 3).join('\n');
    expect(parseMessage(`2025-10-11T19:07:05.432Z\t${ID}\tINFO\t${cut}`)).toEqual({ kind: 'tracker', requestId: ID, peakHeapMB: 78.23, peakRssMB: undefined, complete: false });
  });

  it('reads Python runtime framing', () => {
    expect(parseMessage(`[INFO]\t2025-10-11T19:07:01.234Z\t${ID}\t🔧 Tool execute_js memory: 1.00MB heap, 2.50MB RSS\n`)).toMatchObject({ kind: 'tool', requestId: ID, tool: 'execute_js', rssMB: 2.5 });
  });

  it.each([
    [`2025-10-11T19:07:35.012Z ${ID} Task timed out after 30.03 seconds\n`, 'timeout'],
    [`${ID} Task timed out after 3.00 seconds`, 'timeout'],
    [`RequestId: ${ID} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`, 'killed'],
  ])('reads the failure line %j', (message, kind) => {
    expect(parseMessage(message)).toEqual({ kind, requestId: ID });
  });

  it('reads a platform.report of the JSON log format', () => {
    const msg = JSON.stringify({ time: '2025-10-11T19:07:05.432Z', type: 'platform.report', record: { requestId: ID, status: 'error', errorType: 'Runtime.OutOfMemory', metrics: { durationMs: 1.317, billedDurationMs: 2, memorySizeMB: 1024, maxMemoryUsedMB: 68, initDurationMs: 10 } } });
    expect(parseMessage(msg)).toEqual({
      kind: 'report', requestId: ID, durationMs: 1.317, billedDurationMs: 2, memorySizeMB: 1024, maxMemoryUsedMB: 68, initDurationMs: 10,
      restoreDurationMs: undefined, billedRestoreDurationMs: undefined, status: 'error', errorType: 'Runtime.OutOfMemory', messageTimestamp: Date.UTC(2025, 9, 11, 19, 7, 5, 432),
    });
  });

  it('reads tracker lines logged in the JSON log format, and ignores object messages', () => {
    expect(parseMessage(JSON.stringify({ timestamp: '2025-10-11T19:07:01.234Z', level: 'INFO', requestId: ID, message: '🔧 Tool search_web memory: 1.50MB heap, 3.25MB RSS' }))).toMatchObject({ kind: 'tool', tool: 'search_web', rssMB: 3.25 });
    expect(parseMessage(JSON.stringify({ timestamp: '2025-10-11T19:07:01.234Z', level: 'INFO', requestId: ID, message: { note: 'MB RSS' } }))).toBeUndefined();
  });

  it('calls a platform.report that is not valid JSON malformed', () => {
    expect(parseMessage('{"type":"platform.report","record":{"requestId":"x"')?.kind).toBe('malformed');
  });
});
