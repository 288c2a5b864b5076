import fc from 'fast-check';
import { Collector } from '../../src/analyze/collector.js';
import { emptyRow } from '../../src/analyze/invocation-store.js';
import { describe, expect, it } from 'vitest';
import { eventsOf, renderContainer, type ContainerName } from '../../src/fixtures/containers.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import { matchTimestamp } from '../../src/parse/iso-time.js';
import { RECORD_MARKER_PATTERN } from '../../src/parse/markers.js';
import { parseMessage } from '../../src/parse/parse-event.js';
import { SCAN_CAPACITY } from '../../src/sources/file/block-scan.js';
import { textEvents, type TextEventCounts } from '../../src/sources/file/text-events.js';
import { TimestampReader } from '../../src/sources/file/timestamp-bytes.js';
import { collect, cutAt, messageOf, plain } from '../support/chunks.js';
import { referenceFrame } from '../support/reference-text-framer.js';

async function frame(bytes: Buffer, cuts: number[]) {
  const counts: TextEventCounts = { events: 0, oversizedLines: 0, firstEventMs: undefined, lastEventMs: undefined };
  const events = await collect(textEvents(cutAt(bytes, cuts), counts));
  return { events: plain(events), counts };
}

/** What the streaming framer must give: the reference's events that hold a record marker, and its count and span. */
function expected(text: string) {
  const all = referenceFrame(text);
  const times = all.map((e) => e.timestamp).filter((t): t is number => t !== undefined);
  return {
    events: plain(all.filter((e) => RECORD_MARKER_PATTERN.test(e.message))),
    count: all.length,
    first: times.length === 0 ? undefined : Math.min(...times),
    last: times.length === 0 ? undefined : Math.max(...times),
  };
}

async function expectAgreement(text: string, cuts: number[]) {
  const got = await frame(Buffer.from(text), cuts);
  const want = expected(text);
  expect(got.events, `cuts ${cuts}`).toEqual(want.events);
  expect([got.counts.events, got.counts.firstEventMs, got.counts.lastEventMs]).toEqual([want.count, want.first, want.last]);
}

const TAIL = [
  '2025-10-11T19:07:00.123000+00:00 2025/10/11/[$LATEST]abc START RequestId: r1 Version: $LATEST',
  '2025-10-11T19:07:01.000000+00:00 2025/10/11/[$LATEST]abc 2025-10-11T19:07:01.000Z\tr1\tINFO\t📊 Memory Statistics:',
  '  Duration: 5432ms',
  '  Heap: 30.45MB → 67.89MB (peak: 78.23MB)',
  '  RSS: 55.12MB (peak: 106.42MB)',
  '  Snapshots: 15',
  '2025-10-11T19:07:02+00:00 2025/10/11/[$LATEST]abc REPORT RequestId: r1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\t',
  'XRAY TraceId: 1-abc\tSegmentId: 1\tSampled: true',
  '2025-10-11T19:06:59.999000+00:00 2025/10/11/[$LATEST]def 2025-10-11T19:06:59.999Z\tr2\tINFO\tüîß Tool search_web memory: 1.00MB heap, 2.00MB RSS',
].join('\r\n');

const corpus = (container: ContainerName, invocations: number) =>
  [...renderContainer(container, eventsOf(generateCorpus({ seed: 99, invocations, startMs: Date.UTC(2025, 9, 1), days: 1 })))].join('');

describe('textEvents', () => {
  it('agrees with the whole-text reference framer, cut at every byte offset (CRLF, emoji, multi-line events)', async () => {
    for (let cut = 0; cut <= Buffer.byteLength(TAIL); cut++) await expectAgreement(TAIL, [cut]);
  });

  it.each(['tail', 's3', 'short'] as const)('agrees with the reference on a generated %s corpus under random chunking', async (container) => {
    const text = corpus(container, 40);
    const size = Buffer.byteLength(text);
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 0, max: size }), { maxLength: 30 }), (cuts) => expectAgreement(text, cuts)), { numRuns: 40 });
  });

  it('agrees with the reference where continuation lines start with digits or with timestamps cut short (LF only)', async () => {
    // in a timestamped layout, blocks without carriage returns are framed by the lines after a newline and a digit
    const open = '2025-10-11T19:07:00.123000+00:00 2025/10/11/[$LATEST]abc ';
    const line = fc.oneof(
      fc.constantFrom(
        `${open}START RequestId: r1 Version: $LATEST`,
        `${open}2025-10-11T19:07:01.000Z\tr1\tINFO\t📊 Memory Statistics:`,
        `${open}REPORT RequestId: r1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\t`,
        '2025-10-11T19:07:03Z 2025/10/11/[$LATEST]abc 2025-10-11T19:07:03.000Z\tr2\tINFO\t🔧 Tool search_web memory: 1.00MB heap, 2.00MB RSS',
        '  RSS: 55.12MB (peak: 106.42MB)',
        '  Heap: 30.45MB → 67.89MB (peak: 78.23MB)',
        '',
        '7',
        '2025',
        '2025-10-11T19:07',
        '2025-10-11T19:07:00',
        '2025-10-11T19:07:00Z',
        '2025-10-11T19:07:00.5+01',
        '2025-10-11T19:07:00.123000+00:00',
        '2025-10-11T19:07:00.123000+00:00\tREPORT RequestId: r3',
        '12 Max Memory Used: 1 MB',
        // a year below 100 (TimestampReader reads it, not the block scanner), a day earlier
        '0099-10-11T19:07:00Z 2025/10/11/[$LATEST]abc END RequestId: r4',
        '2025-10-10T01:00:00Z 2025/10/11/[$LATEST]abc END RequestId: r5',
        // a stream name and no message on the event's first line, a marker on the next
        '2025-10-11T19:07:04Z 2025/10/11/[$LATEST]abc\n  🔧 Tool search_web memory: 1.00MB heap, 2.00MB RSS',
      ),
      fc.string({ unit: fc.constantFrom(...'0123456789-T:.+Z \t') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 8 }), fc.boolean(), async (lines, cuts, lastNewline) => {
        const text = [`${open}START RequestId: r0 Version: $LATEST`, ...lines].join('\n') + (lastNewline ? '\n' : '');
        await expectAgreement(text, cuts.filter((c) => c <= Buffer.byteLength(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('times every event, the earliest and the latest among the events a block ends (out of order, any cut)', async () => {
    const line = (time: string, message: string) => `${time} 2025/10/11/[$LATEST]abc ${message}`;
    const text = [
      line('2025-10-11T19:07:00.000000+00:00', 'START RequestId: r0 Version: $LATEST'),
      line('2025-10-11T19:07:05.000000+00:00', 'END RequestId: r0'),
      line('2025-10-11T23:59:59.999000+00:00', 'REPORT RequestId: r0\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\t'),
      line('2025-10-11T00:00:00.001000+00:00', 'END RequestId: r1'),
      line('2025-10-11T19:07:06.000000+00:00', 'END RequestId: r2'),
      line('2025-10-11T19:07:07.000000+00:00', 'END RequestId: r3'),
    ].join('\n') + '\n';
    // the first block decides the layout; the blocks after it are framed by the block scanner
    const firstLine = text.indexOf('\n') + 1;
    for (let cut = firstLine; cut <= text.length; cut++) await expectAgreement(text, [firstLine, cut]);
  });

  it('hands over an event whose marker is in its stream name with an empty message, wherever the blocks are cut', async () => {
    const open = '2025-10-11T19:07:00.123000+00:00 2025/10/11/[$LATEST]abc ';
    const text = [`${open}START RequestId: r0 Version: $LATEST`, `${open}END RequestId: r0`, '2025-10-11T19:07:01Z xplatform.report', `${open}END RequestId: r1`, `${open}END RequestId: r2`, ''].join('\n');
    for (let cut = 0; cut <= text.length; cut++) {
      const { events } = await frame(Buffer.from(text), [text.indexOf('\n') + 1, cut]);
      expect(events, `cut at ${cut}`).toEqual([{ message: '', timestamp: Date.UTC(2025, 9, 11, 19, 7, 1), logStream: 'xplatform.report' }]);
    }
  });

  it('frames a block too long for the block scanner by native searches, with the same events', async () => {
    const text = corpus('tail', 400);
    expect(Buffer.byteLength(text)).toBeGreaterThan(SCAN_CAPACITY); // one chunk, one block: the scanner declines it
    await expectAgreement(text, []);
    await expectAgreement(text, [SCAN_CAPACITY - 1000, SCAN_CAPACITY + 5]);
  });

  it('reads S3-export lines (<ISO> <message>) without taking a word of the message for a stream', async () => {
    const text = '2025-10-11T19:07:02.000Z REPORT RequestId: r1\tDuration: 1.00 ms\n2025-10-11T19:07:03.000Z START RequestId: r2 Version: 1\n';
    expect((await frame(Buffer.from(text), [])).events).toEqual([{ message: 'REPORT RequestId: r1\tDuration: 1.00 ms', timestamp: Date.UTC(2025, 9, 11, 19, 7, 2) }]);
  });

  it('frames bare messages with no container timestamp by what starts an event', async () => {
    const text = 'START RequestId: r1 Version: 1\n2025-10-11T19:07:01.000Z\tr1\tINFO\tMemory Statistics:\n  RSS: 1.00MB (peak: 2.00MB)\nREPORT RequestId: r1\tDuration: 1.00 ms\n';
    await expectAgreement(text, []);
    expect((await frame(Buffer.from(text), [])).events.map((e) => e.message)).toEqual(['2025-10-11T19:07:01.000Z\tr1\tINFO\tMemory Statistics:\n  RSS: 1.00MB (peak: 2.00MB)', 'REPORT RequestId: r1\tDuration: 1.00 ms']);
  });

  it('drops and counts a line longer than the limit without holding it', async () => {
    const counts: TextEventCounts = { events: 0, oversizedLines: 0, firstEventMs: undefined, lastEventMs: undefined };
    async function* huge() {
      yield Buffer.from('REPORT RequestId: a\tDuration: 1 ms\n');
      for (let i = 0; i < 70; i++) yield Buffer.alloc(1 << 20, 0x41);
      yield Buffer.from('\nREPORT RequestId: b\tDuration: 1 ms\n');
    }
    const events = await collect(textEvents(huge(), counts));
    expect(events.map(messageOf)).toEqual(['REPORT RequestId: a\tDuration: 1 ms', 'REPORT RequestId: b\tDuration: 1 ms']);
    expect(counts.oversizedLines).toBe(1);
  });
});

describe('TimestampReader', () => {
  const reader = new TimestampReader();
  const read = (s: string) => {
    const b = Buffer.from(s, 'latin1');
    const ms = reader.read(b, 0, b.length);
    return Number.isNaN(ms) ? undefined : { epochMs: ms, length: reader.length };
  };

  it.each([
    '2025-10-11T19:07:00.123000+00:00 x', '2025-10-11T19:07:00+00:00', '2025-10-11T19:07:00.5Z', '2025-10-11 19:07:05.432', '2025-10-11T21:07:05,5+0200',
    '2025-10-11T19:07:00.1234567891Z', '2025-13-11T19:07:00Z', '2025-10-11T19:07', '2025-10-11T19:07:00+0', '2025-02-31T00:00:00Z', '1999-12-31T23:59:60Z',
  ])('reads %j as matchTimestamp does', (s) => {
    expect(read(s)).toEqual(matchTimestamp(s));
  });

  it('reads any timestamp-shaped text as matchTimestamp does', () => {
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    const shaped = fc
      .tuple(digits(4), digits(2), digits(2), fc.constantFrom('T', ' '), digits(2), digits(2), digits(2), fc.constantFrom('', '.', ',', '.1', '.12345', '.1234567890'), fc.constantFrom('', 'Z', '+01:30', '-0800', '+1', ' tail'))
      .map(([y, mo, d, sep, h, mi, s, f, z]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${f}${z}`);
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string()), (s) => {
        expect(read(s)).toEqual(matchTimestamp(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('textEvents on exports that open with a failure line', () => {
  it.each([
    ['a timeout line', '2025-10-11T19:07:35.012Z r1 Task timed out after 30.03 seconds', 'timeout'],
    ['a kill line', 'RequestId: r1 Error: Runtime exited with error: signal: killed', 'killed'],
  ])('takes the stream off %s even when it is the first line of a tail export', async (_case, message, kind) => {
    const text = `2025-10-11T19:07:35.012000+00:00 2025/10/11/[$LATEST]abc ${message}\n2025-10-11T19:07:36.000000+00:00 2025/10/11/[$LATEST]abc REPORT RequestId: r1\tDuration: 1.00 ms\n`;
    const { events } = await frame(Buffer.from(text), []);
    expect(events[0]).toEqual({ message, timestamp: Date.UTC(2025, 9, 11, 19, 7, 35, 12), logStream: '2025/10/11/[$LATEST]abc' });
    expect(parseMessage(events[0]!.message)).toEqual({ kind, requestId: 'r1' });
    await expectAgreement(text, []);
  });
});

describe('textEvents and the byte readers', () => {
  it.each([['U+2028', '\u2028'], ['U+2029', '\u2029'], ['U+205F', '\u205f'], ['a lone carriage return', '\r']])(
    'flag a statistics block holding %s, so that it is read as the string parser reads it, whole or carried from block to block',
    async (_name, odd) => {
      const text = [
        '2025-10-11T19:07:01.000000+00:00 2025/10/11/[$LATEST]abc 2025-10-11T19:07:01.000Z\tr1\tINFO\t📊 Memory Statistics:',
        `  Heap: 30.45MB → 67.89MB (peak: 78.23MB)${odd}RSS: 1MB (peak: 5MB)`,
        '  RSS: 55.12MB (peak: 106.42MB)',
        '  Snapshots: 15',
        '2025-10-11T19:07:02.000000+00:00 2025/10/11/[$LATEST]abc REPORT RequestId: r1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\t',
        '2025-10-11T19:07:03.000000+00:00 2025/10/11/[$LATEST]abc END RequestId: r2',
        '',
      ].join('\n');
      const fromText = new Collector();
      for (const e of referenceFrame(text)) fromText.add(e);
      const row = (c: Collector) => c.store.read(c.store.row('r1'), emptyRow());
      // in one chunk, and cut at every byte: a block that ends inside the statistics block hands it on to the next
      const bytes = Buffer.from(text);
      for (const cuts of [[], ...Array.from({ length: bytes.length }, (_, k) => [k])]) {
        const counts: TextEventCounts = { events: 0, oversizedLines: 0, firstEventMs: undefined, lastEventMs: undefined };
        const fromBytes = new Collector();
        for await (const batch of textEvents(cutAt(bytes, cuts), counts)) {
          expect(batch.every((e) => 'bytes' in e)).toBe(true); // the byte readers get the event, not the string parser
          fromBytes.addAll(batch);
        }
        expect(row(fromBytes), `cut at ${cuts}`).toEqual(row(fromText));
        expect(fromBytes.counts.incompleteTrackerBlocks).toBe(fromText.counts.incompleteTrackerBlocks);
      }
    },
  );
});
