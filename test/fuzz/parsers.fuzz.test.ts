import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/analyze/build-document.js';
import { Collector } from '../../src/analyze/collector.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../../src/analyze/prices.js';
import { LlmmemError } from '../../src/errors.js';
import { eventsOf, renderContainer, type ContainerName } from '../../src/fixtures/containers.js';
import { generateCorpus } from '../../src/fixtures/generator.js';
import { parseMessage } from '../../src/parse/parse-event.js';
import { containerEvents, newInputStats } from '../../src/sources/file/file-source.js';
import { cutAt } from '../support/chunks.js';

/** The whole file path minus the file: container → events → join → document. */
async function analyse(bytes: Buffer, cuts: number[] = []) {
  const collector = new Collector();
  const stats = newInputStats('fuzz');
  for await (const batch of containerEvents(cutAt(bytes, cuts), 'fuzz', stats)) collector.addAll(batch);
  collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
  return buildDocument({
    functions: [{ name: 'fn', collector, named: true }],
    window: { startMs: Date.UTC(2025, 0, 1), endMs: Date.UTC(2026, 0, 1) },
    arch: 'x86_64', basis: 'max', stepMB: 64, minInvocations: 50, strategy: 'conservative', region: undefined, profile: undefined, prices: LAMBDA_PRICES_US_EAST_1, generatedBy: 'fuzz',
    source: { kind: 'files', events: stats.events, skippedLines: stats.skippedLines, complete: true },
    sourceWarnings: [],
  });
}

/** Resolves to the document, or to the LlmmemError; any other throw fails the property. */
async function outcome(bytes: Buffer, cuts: number[] = []) {
  try {
    return await analyse(bytes, cuts);
  } catch (err) {
    if (err instanceof LlmmemError) return err;
    throw err;
  }
}

const FRAGMENTS = [
  'REPORT RequestId: ', 'START RequestId: ', 'abc-123', '\t', ' ', '\n', '\r\n', 'Duration: ', 'Billed Duration: ', 'Memory Size: ', 'Max Memory Used: ',
  '12.5 ms', '128 MB', '-5', 'NaN', '1e309', '2025-10-11T19:07:00.000Z ', '2025-10-11T19:07:00.123000+00:00 stream ', '{"events": [', '{"message": "', '"timestamp": 1,',
  '"}', '}', ']', '[', '{', '"', '\\', '\\u', '\\ud83d', '📊 Memory Statistics:', '  RSS: 1.00MB (peak: 2.00MB)', '🔧 Tool x memory: 1.00MB heap, 2.00MB RSS', 'Task timed out after 3.00 seconds',
  'signal: killed', '{"type":"platform.report","record":{"requestId":"r","metrics":{', '\u0000', '\uFFFD', 'üìä', '\t\tINFO\t',
];
const grammarJunk = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));
const cutsFor = (n: number) => fc.array(fc.integer({ min: 0, max: Math.max(0, n) }), { maxLength: 12 });

const corpus = (container: ContainerName) =>
  [...renderContainer(container, eventsOf(generateCorpus({ seed: 5150, invocations: 25, startMs: Date.UTC(2025, 9, 1), days: 1 })))].join('');
const CONTAINERS: ContainerName[] = ['tail', 's3', 'short', 'ndjson', 'filter-log-events'];

describe('fuzzing the readers and parsers', () => {
  it('arbitrary bytes, cut anywhere: only LlmmemError is ever thrown, and nothing hangs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(3000), { maxLength: 10 }), async (bytes, cuts) => {
        await outcome(Buffer.from(bytes), cuts);
      }),
      { numRuns: 300 },
    );
  });

  it('junk built from the formats\' own pieces: only LlmmemError is thrown, and parseMessage never throws', async () => {
    await fc.assert(
      fc.asyncProperty(grammarJunk, fc.array(fc.nat(4000), { maxLength: 10 }), async (text, cuts) => {
        expect(() => parseMessage(text)).not.toThrow();
        await outcome(Buffer.from(text), cuts);
      }),
      { numRuns: 500 },
    );
  });

  it('junk never becomes an invocation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1'))), async (text) => {
        const r = await outcome(Buffer.from(text));
        if (!(r instanceof LlmmemError)) expect(r.functions[0]!.invocations).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('a valid REPORT between junk events is still found, with its figures', async () => {
    const noNewline = fc.string({ maxLength: 200 }).map((s) => s.replace(/[\r\n]/g, ' '));
    await fc.assert(
      fc.asyncProperty(fc.array(noNewline, { maxLength: 5 }), fc.array(noNewline, { maxLength: 5 }), fc.boolean(), async (before, after, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const line = (s: string) => `2025-10-11T19:07:00.000Z ${s}${eol}`;
        const text = [...before.map(line), line('REPORT RequestId: 11111111-2222-3333-4444-555555555555\tDuration: 10.00 ms\tBilled Duration: 10 ms\tMemory Size: 256 MB\tMax Memory Used: 99 MB\t'), ...after.map(line)].join('');
        const r = await outcome(Buffer.from(text));
        expect(r).not.toBeInstanceOf(LlmmemError);
        const f = (r as Exclude<typeof r, LlmmemError>).functions[0]!;
        expect(f.invocations).toBeGreaterThanOrEqual(1);
        expect(f.maxMemoryUsedMB!.max).toBeGreaterThanOrEqual(99);
      }),
      { numRuns: 300 },
    );
  });

  it.each(CONTAINERS)('%s: the same document whatever the chunking and line ends', async (container) => {
    const text = corpus(container);
    const reference = JSON.stringify(await analyse(Buffer.from(text)));
    const variants = container === 'filter-log-events' || container === 'ndjson' ? [text] : [text, text.replaceAll('\n', '\r\n')];
    for (const variant of variants) {
      const bytes = Buffer.from(variant);
      await fc.assert(
        fc.asyncProperty(cutsFor(bytes.length), async (cuts) => {
          expect(JSON.stringify(await analyse(bytes, cuts))).toBe(reference);
        }),
        { numRuns: 60 },
      );
    }
  });

  it.each(CONTAINERS)('%s: truncations and splices of valid events never throw anything else and never add invocations', async (container) => {
    const text = corpus(container);
    const whole = (await analyse(Buffer.from(text))).functions[0]!.invocations;
    await fc.assert(
      fc.asyncProperty(fc.nat(text.length), fc.nat(text.length), fc.nat(400), async (a, b, len) => {
        const truncated = text.slice(0, a);
        const spliced = text.slice(0, Math.min(a, b)) + text.slice(Math.min(a, b) + len);
        for (const t of [truncated, spliced]) {
          const r = await outcome(Buffer.from(t));
          if (!(r instanceof LlmmemError)) expect(r.functions[0]!.invocations).toBeLessThanOrEqual(whole + 1);
        }
      }),
      { numRuns: 80 },
    );
  });
});
