import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/sources/file/split-lines.js';
import { textEvents } from '../../src/sources/file/text-events.js';
import { collect, cutAt, plain } from '../support/chunks.js';

const linesOf = async (bytes: Buffer, cuts: number[]) => {
  const out: string[] = [];
  for await (const b of splitLines(cutAt(bytes, cuts))) out.push(...b.lines);
  return out;
};

const TAIL = [
  '2025-10-11T19:07:00.123000+00:00 2025/10/11/[$LATEST]abc START RequestId: r1 Version: $LATEST',
  '2025-10-11T19:07:01.000000+00:00 2025/10/11/[$LATEST]abc 2025-10-11T19:07:01.000Z\tr1\tINFO\t📊 Memory Statistics:',
  '  Duration: 5432ms',
  '  Heap: 30.45MB → 67.89MB (peak: 78.23MB)',
  '  RSS: 55.12MB (peak: 106.42MB)',
  '  Snapshots: 15',
  '2025-10-11T19:07:02.000000+00:00 2025/10/11/[$LATEST]abc REPORT RequestId: r1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\t',
  'XRAY TraceId: 1-abc\tSegmentId: 1\tSampled: true',
].join('\r\n');

describe('splitLines and textEvents', () => {
  it('give the lines of a whole-file split, with multi-byte characters cut at every byte offset', async () => {
    const bytes = Buffer.from(TAIL);
    const want = TAIL.split('\r\n');
    for (let cut = 0; cut <= bytes.length; cut++) expect(await linesOf(bytes, [cut]), `cut at ${cut}`).toEqual(want);
  });

  it('join continuation lines back to their event, whatever the chunking', async () => {
    const bytes = Buffer.from(TAIL);
    const want = [
      { message: 'START RequestId: r1 Version: $LATEST', timestamp: Date.UTC(2025, 9, 11, 19, 7, 0, 123), logStream: '2025/10/11/[$LATEST]abc' },
      { message: '2025-10-11T19:07:01.000Z\tr1\tINFO\t📊 Memory Statistics:\n  Duration: 5432ms\n  Heap: 30.45MB → 67.89MB (peak: 78.23MB)\n  RSS: 55.12MB (peak: 106.42MB)\n  Snapshots: 15', timestamp: Date.UTC(2025, 9, 11, 19, 7, 1), logStream: '2025/10/11/[$LATEST]abc' },
      { message: 'REPORT RequestId: r1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\t\nXRAY TraceId: 1-abc\tSegmentId: 1\tSampled: true', timestamp: Date.UTC(2025, 9, 11, 19, 7, 2), logStream: '2025/10/11/[$LATEST]abc' },
    ];
    for (let cut = 0; cut <= bytes.length; cut += 7) {
      const events = await collect(textEvents(splitLines(cutAt(bytes, [cut, cut + 3])), { events: 0, oversizedLines: 0 }));
      expect(plain(events), `cut at ${cut}`).toEqual(want);
    }
  });

  it('reads S3-export lines (<ISO> <message>) without taking a word of the message for a stream', async () => {
    const text = '2025-10-11T19:07:02.000Z REPORT RequestId: r1\tDuration: 1.00 ms\n2025-10-11T19:07:03.000Z START RequestId: r2 Version: 1\n';
    const events = await collect(textEvents(splitLines(cutAt(Buffer.from(text), [])), { events: 0, oversizedLines: 0 }));
    expect(events.map((e) => [e.message, e.logStream])).toEqual([['REPORT RequestId: r1\tDuration: 1.00 ms', undefined], ['START RequestId: r2 Version: 1', undefined]]);
  });

  it('frames bare messages with no container timestamp by what starts an event', async () => {
    const text = 'START RequestId: r1 Version: 1\n2025-10-11T19:07:01.000Z\tr1\tINFO\tMemory Statistics:\n  RSS: 1.00MB (peak: 2.00MB)\nREPORT RequestId: r1\tDuration: 1.00 ms\n';
    const events = await collect(textEvents(splitLines(cutAt(Buffer.from(text), [])), { events: 0, oversizedLines: 0 }));
    expect(events.map((e) => e.message)).toEqual(['START RequestId: r1 Version: 1', '2025-10-11T19:07:01.000Z\tr1\tINFO\tMemory Statistics:\n  RSS: 1.00MB (peak: 2.00MB)', 'REPORT RequestId: r1\tDuration: 1.00 ms']);
  });
});
