import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../src/fixtures/containers.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import { decimalAt } from '../../src/parse/ascii.js';
import { parseMessage } from '../../src/parse/parse-event.js';
import { ByteReading, MarkerSeen, newByteRecord, readRecordBytes } from '../../src/parse/record-bytes.js';
import type { RecordKernel } from '../../src/parse/record-kernel.js';
import type { ParsedRecord } from '../../src/parse/records.js';
import { BlockScanner } from '../../src/sources/file/block-scan.js';

// The byte readers must give what parseMessage gives, or step aside (NEEDS_TEXT); never a different answer.

type Shape =
  | { kind: 'report'; requestId: string; maxUsed: number; size: number; billed: number; duration: number; cold: boolean; timeout: boolean; oom: boolean }
  | { kind: 'tool'; requestId: string; tool: string }
  | { kind: 'tracker'; requestId: string; heap: number; rss: number; complete: boolean }
  | { kind: 'other'; record: ParsedRecord }
  | undefined;

function stringShape(message: string): Shape {
  const r = parseMessage(message);
  if (r === undefined) return undefined;
  switch (r.kind) {
    case 'report':
      return {
        kind: 'report', requestId: r.requestId, maxUsed: r.maxMemoryUsedMB, size: r.memorySizeMB, billed: r.billedDurationMs + (r.billedRestoreDurationMs ?? 0),
        duration: r.durationMs, cold: r.initDurationMs !== undefined || r.restoreDurationMs !== undefined, timeout: r.status === 'timeout', oom: r.errorType === 'Runtime.OutOfMemory',
      };
    case 'tool':
      return { kind: 'tool', requestId: r.requestId, tool: r.tool };
    case 'tracker':
      return { kind: 'tracker', requestId: r.requestId, heap: r.peakHeapMB ?? Number.NaN, rss: r.peakRssMB ?? Number.NaN, complete: r.complete };
    default:
      return { kind: 'other', record: r };
  }
}

const seenIn = (message: string): number =>
  (message.includes('Memory Statistics:') ? MarkerSeen.statistics : 0) |
  (['Task timed out', 'signal: killed', 'platform.report'].some((m) => message.includes(m)) ? MarkerSeen.rare : 0) |
  (/[\r\u2000-\u207f]/.test(message) ? MarkerSeen.unclearLines : 0);

/** The block scanner as a RecordKernel, counting the records it read itself. */
const scanner = new BlockScanner([{ whole: Buffer.from('REPORT'), pairOffset: 0 }]);
const kernelReads = { reports: 0, statistics: 0 };
const records = scanner.blockRecords!;
const countingKernel: RecordKernel = {
  readCanonicalReport: (start, end, out) => records.readCanonicalReport(start, end, out) && ++kernelReads.reports > 0,
  readStatistics: (from, end, unclear, out) => records.readStatistics(from, end, unclear, out) && ++kernelReads.statistics > 0,
  nodeFrameEnd: (start, end, out) => records.nodeFrameEnd(start, end, out),
  toolNameBytes: (from, end, out) => records.toolNameBytes(from, end, out),
};

/**
 * The byte reader's answer, with the message placed mid-buffer between bytes that must not be read; `withKernel`:
 * with the buffer in the block scanner's memory, which then reads what it can.
 */
function byteShape(message: string, seen = seenIn(message), withKernel = false): Shape | 'text' {
  const body = Buffer.from(message, 'utf8');
  const before = Buffer.from('REPORT RequestId: x\tTool y memory: 1MB heap, 2MB RSS\n');
  const bytes = Buffer.concat([before, body, Buffer.from('\tMax Memory Used: 9 MB\n  RSS: 1MB (peak: 9MB)\n')]);
  const start = before.length;
  const r = newByteRecord();
  if (withKernel) scanner.scan(bytes, 'nothing');
  const reading = readRecordBytes(bytes, start, start + body.length, seen, r, withKernel ? countingKernel : undefined);
  if (reading === ByteReading.needsText) return 'text';
  if (reading === ByteReading.none) return undefined;
  const text = (from: number, to: number) => bytes.toString('utf8', from, to);
  switch (r.kind) {
    case 'report': {
      const f = r.report;
      return {
        kind: 'report', requestId: text(f.idStart, f.idEnd), maxUsed: f.maxMemoryUsedMB, size: f.memorySizeMB, billed: f.billedDurationMs + f.billedRestoreMs,
        duration: f.durationMs, cold: f.coldStart, timeout: f.timeoutStatus, oom: f.outOfMemoryError,
      };
    }
    case 'tool':
      return { kind: 'tool', requestId: text(r.idStart, r.idEnd), tool: text(r.toolStart, r.toolEnd) };
    case 'tracker':
      return { kind: 'tracker', requestId: text(r.idStart, r.idEnd), heap: r.stats.peakHeapMB, rss: r.stats.peakRssMB, complete: r.stats.complete };
  }
}

function expectAgreement(message: string): void {
  const want = stringShape(message);
  for (const seen of [seenIn(message), MarkerSeen.statistics | MarkerSeen.rare | MarkerSeen.unclearLines]) {
    for (const withKernel of [false, true]) {
      const got = byteShape(message, seen, withKernel);
      if (got !== 'text') expect(got, `${withKernel ? 'kernel' : 'bytes'}: ${JSON.stringify(message)}`).toEqual(want);
    }
  }
}

const corpusMessages = [...eventsOf(generateCorpus({ seed: 77, invocations: 300, startMs: Date.UTC(2025, 9, 1), days: 1 }))].map((e) => e.message);

const PIECES = [
  '\t', ' ', '  ', '\n', '\r', '\r\n', ':', '.', '0', '7', '12.5', '1e3', '-', 'ms', ' ms', 'MB', ' MB', '\u00a0', '\u2028', '\u3000', '\ufeff', '→', '📊', '🔧', 'é', '\v', '\f',
  'Heap: ', 'RSS: ', '(peak: ', 'MB)', 'Snapshots: 3', 'Snapshots: ', 'Tool ', ' memory: ', 'MB heap, ', 'MB RSS', 'Memory Statistics:', 'REPORT RequestId: ', 'RequestId: ',
  'Duration: ', 'Billed Duration: ', 'Memory Size: ', 'Max Memory Used: ', 'Init Duration: ', 'Restore Duration: 1 ms', 'Billed Restore Duration: 20 ms', 'Status: timeout',
  'Error Type: Runtime.OutOfMemory', '[INFO]\t', '{', 'Task timed out', 'signal: killed', 'platform.report', 'INFO\t', 'inf\t', '2025-10-11T19:07:00.000Z\t', 'abc-123\t',
  'aabf48c0-72ac-053d-b16e-f8a89e09ba2c', 'AABF48C0-72AC-053D-B16E-F8A89E09BA2C', '123456789012345678.25', '0.1000000000000000055511151231257827',
  'XRAY TraceId: 1-d451c13c-54210ec8\tSegmentId: 3862ed0366147c08\tSampled: true\t', 'Status:', ' Error Type :x', 'r.1:_-Z', '1234567890123456', '999999999999999.5',
];

/** A message of the corpus with a few random edits: inserted pieces, deleted or duplicated spans. */
const mutated = fc
  .tuple(
    fc.constantFrom(...corpusMessages),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES), fc.nat(8), fc.constantFrom('insert', 'delete', 'replace')), { minLength: 1, maxLength: 4 }),
  )
  .map(([message, edits]) => {
    let m = message;
    for (const [at, piece, span, op] of edits) {
      const i = at % (m.length + 1);
      if (op === 'insert') m = m.slice(0, i) + piece + m.slice(i);
      else if (op === 'delete') m = m.slice(0, i) + m.slice(i + span);
      else m = m.slice(0, i) + piece + m.slice(i + piece.length);
    }
    return m;
  });

describe('byte-level record readers agree with parseMessage', () => {
  it('read the generator\'s messages themselves, without stepping aside, to the same records', () => {
    let read = 0;
    for (const message of corpusMessages) {
      const got = byteShape(message);
      if (got === 'text') continue;
      read += 1;
      expect(got, JSON.stringify(message)).toEqual(stringShape(message));
    }
    // only the failure lines (timeouts, kills) are left to the string parser
    const failureLines = corpusMessages.filter((m) => /Task timed out|signal: killed/.test(m)).length;
    expect(read).toBe(corpusMessages.length - failureLines);
  });

  it('read the generator\'s messages through the block scanner too, which reads its REPORT lines and statistics blocks itself', () => {
    kernelReads.reports = 0;
    kernelReads.statistics = 0;
    for (const message of corpusMessages) {
      const got = byteShape(message, seenIn(message), true);
      if (got !== 'text') expect(got, JSON.stringify(message)).toEqual(stringShape(message));
    }
    // every REPORT line of the generator is in Lambda's shape (X-Ray fields among them) but those with a Status
    // (timeouts), which the field-by-field reader reads; every block is clear
    expect(kernelReads.reports).toBe(corpusMessages.filter((m) => m.startsWith('REPORT RequestId: ') && !m.includes('\tStatus: ')).length);
    expect(kernelReads.statistics).toBe(corpusMessages.filter((m) => m.includes('Memory Statistics:')).length);
    expect(kernelReads.reports).toBeGreaterThan(100);
  });

  it('agree on mutated messages, or step aside', () => {
    fc.assert(fc.property(mutated, (message) => expectAgreement(message)), { numRuns: 20_000 });
  });

  it('agree on messages made of the formats\' own pieces', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES, ...corpusMessages.slice(0, 40)), { maxLength: 30 }).map((p) => p.join('')), (message) => expectAgreement(message)), { numRuns: 10_000 });
  });

  it.each([
    ['a report with a duplicate key, the later one wins', 'REPORT RequestId: r1\tDuration: 1 ms\tDuration: 2 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB'],
    ['a report with stray spaces around keys and values', 'REPORT RequestId:  r1 \t Duration : 1.5 ms \tBilled Duration:2 ms\tMemory Size: 128  MB\tMax Memory Used: 60 MB\t'],
    ['a report with an unreadable Init Duration (no cold start)', 'REPORT RequestId: r1\tDuration: 1 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: soon'],
    ['a tool line whose first "Tool " does not match', '2025-10-11T19:07:00.000Z\tr1\tINFO\tTool x broke; 🔧 Tool web_search memory: 1.5MB heap, 2MB RSS'],
    ['a statistics block whose first Heap line has no peak', '2025-10-11T19:07:00.000Z\tr1\tINFO\t📊 Memory Statistics:\n  Heap: 1MB\n  Heap: 2MB (peak: 3MB) (peak: 4.5MB)\n  RSS: 9MB (peak: 10MB)\n  Snapshots: 2'],
    ['a frame with a 31-character time', '2025-10-11T19:07:00.000000000000000000000Z\tr1\tINFO\t🔧 Tool x memory: 1MB heap, 2MB RSS'],
  ])('%s', (_case, message) => {
    expect(byteShape(message)).not.toBe('text');
    expectAgreement(message);
  });
});

describe('decimalAt', () => {
  it('is Number() for every \\d+(\\.\\d+)? and NaN for anything else', () => {
    const number = fc.tuple(fc.stringMatching(/^\d{1,20}$/), fc.option(fc.stringMatching(/^\d{1,25}$/))).map(([i, f]) => (f === null ? i : `${i}.${f}`));
    fc.assert(fc.property(number, (text) => {
      expect(decimalAt(Buffer.from(text), 0, text.length)).toBe(Number(text));
    }), { numRuns: 20_000 });
    fc.assert(fc.property(fc.stringMatching(/^[\d.e+ -]{0,8}$/), (text) => {
      const want = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      expect(decimalAt(Buffer.from(text), 0, text.length)).toBe(want);
    }), { numRuns: 5_000 });
  });
});
