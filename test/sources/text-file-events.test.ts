import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventsOf, renderContainer, type ContainerName } from '../../src/fixtures/containers.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import { fileEvents, newInputStats } from '../../src/sources/file/file-source.js';
import { textEvents, type TextEventCounts } from '../../src/sources/file/text-events.js';
import { textFileEvents } from '../../src/sources/file/text-file-events.js';
import { collect, cutAt, messageOf } from '../support/chunks.js';

// textFileEvents reads a regular text file in one generator; it must give what textEvents gives over the file's
// chunks (itself held to the whole-text reference framer in text-events.test.ts), whatever its read size.

const dir = mkdtempSync(join(tmpdir(), 'llmmem-text-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function fileOf(bytes: Buffer | string): string {
  const path = join(dir, `f${files++}.log`);
  writeFileSync(path, bytes);
  return path;
}

const newCounts = (): TextEventCounts => ({ events: 0, oversizedLines: 0, firstEventMs: undefined, lastEventMs: undefined });
const fail = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

async function both(bytes: Buffer, readBytes: number, from = 0) {
  const path = fileOf(bytes);
  const generalCounts = newCounts();
  const general = await collect(textEvents(cutAt(bytes.subarray(from), []), generalCounts));
  const oneCounts = newCounts();
  const one = await collect(textFileEvents(path, from, bytes.length, oneCounts, 'undecided', readBytes, fail));
  return { general: { events: general, counts: generalCounts }, one: { events: one, counts: oneCounts } };
}

const corpus = (container: ContainerName, invocations: number) =>
  Buffer.from([...renderContainer(container, eventsOf(generateCorpus({ seed: 7, invocations, startMs: Date.UTC(2025, 9, 1), days: 1 })))].join(''));

describe('textFileEvents', () => {
  it.each(['tail', 's3', 'short'] as const)('gives what textEvents gives on a generated %s corpus, at any read size', async (container) => {
    const bytes = corpus(container, 30);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4096 }), async (readBytes) => {
        const { general, one } = await both(bytes, readBytes);
        expect(one).toEqual(general);
      }),
      { numRuns: 25 },
    );
  });

  it('gives what textEvents gives on lines of any length, with or without a last newline, CRLF and emoji included', async () => {
    const line = fc.oneof(
      fc.constantFrom(
        '2025-10-11T19:07:00.123000+00:00 2025/10/11/[$LATEST]abc START RequestId: r1 Version: $LATEST',
        '2025-10-11T19:07:01Z 2025/10/11/[$LATEST]abc REPORT RequestId: r1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\t',
        '2025-10-11T19:07:03Z 2025/10/11/[$LATEST]abc 2025-10-11T19:07:03.000Z\tr2\tINFO\t🔧 Tool search_web memory: 1.00MB heap, 2.00MB RSS',
        '  RSS: 55.12MB (peak: 106.42MB)',
        '',
      ),
      fc.string({ unit: fc.constantFrom(...'ab 0123456789-T:Z\t📊'), maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.integer({ min: 1, max: 64 }), async (lines, eol, lastNewline, readBytes) => {
        const bytes = Buffer.from(lines.join(eol) + (lastNewline ? eol : ''));
        const { general, one } = await both(bytes, readBytes);
        expect(one).toEqual(general);
      }),
      { numRuns: 200 },
    );
  });

  it('reads from an offset to an end asked for before each read, as the reading thread of a cut file does', async () => {
    const bytes = corpus('tail', 30);
    const path = fileOf(bytes);
    const from = bytes.indexOf('\n2025', 5000) + 1;
    const stop = bytes.indexOf('\n2025', 20_000) + 1;
    const asked: number[] = [];
    const counts = newCounts();
    const one = await collect(textFileEvents(path, from, (position) => (asked.push(position), stop), counts, 'undecided', 1000, fail));
    const generalCounts = newCounts();
    const general = await collect(textEvents(cutAt(bytes.subarray(from, stop), []), generalCounts));
    expect({ one, counts }).toEqual({ one: general, counts: generalCounts });
    expect(asked[0]).toBe(from);
    expect(asked.at(-1)).toBe(stop);
  });

  it('drops and counts a line longer than the limit, as lineBlocks does', async () => {
    const bytes = Buffer.concat([Buffer.from('REPORT RequestId: a\tDuration: 1 ms\n'), Buffer.alloc(70 << 20, 0x41), Buffer.from('\nREPORT RequestId: b\tDuration: 1 ms\n')]);
    const counts = newCounts();
    const events = await collect(textFileEvents(fileOf(bytes), 0, bytes.length, counts, 'undecided', 1 << 20, fail));
    expect(events.map(messageOf)).toEqual(['REPORT RequestId: a\tDuration: 1 ms', 'REPORT RequestId: b\tDuration: 1 ms']);
    expect(counts.oversizedLines).toBe(1);
  });

  it('is what fileEvents reads a regular text file with, past a byte order mark, and not a gzip or JSON file', async () => {
    const text = corpus('tail', 5);
    const path = fileOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    const stats = newInputStats(path);
    const events = await collect(fileEvents(path, process.stdin, stats));
    const general = await collect(textEvents(cutAt(text, []), newCounts()));
    expect(events).toEqual(general);
    expect([stats.container, stats.gzip, stats.events]).toEqual(['text', false, expect.any(Number)]);
    expect(stats.events).toBeGreaterThan(events.length);
  });

  it('words a file that cannot be opened as the general path does', async () => {
    await expect(collect(textFileEvents(join(dir, 'missing.log'), 0, 10, newCounts(), 'undecided', 64, fail))).rejects.toThrow(/ENOENT/);
  });
});
