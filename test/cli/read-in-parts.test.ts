import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/analyze/build-document.js';
import { Collector } from '../../src/analyze/collector.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../../src/analyze/prices.js';
import type { Io } from '../../src/cli/io.js';
import { readInParts } from '../../src/cli/read-in-parts.js';
import { fileEvents, filePartEvents, newInputStats, type InputStats } from '../../src/sources/file/file-source.js';
import { planSplit, type SplitPlan } from '../../src/sources/file/split-plan.js';
import { TimestampReader } from '../../src/sources/file/timestamp-bytes.js';

// Reading a file in two parts on two threads must give exactly what one reader gives.

const DIR = 'fixtures/generated';
const io = (env: Record<string, string>): Io => ({
  stdout: { write: () => true }, stderr: { write: () => true }, stdin: Readable.from([]), env, cwd: process.cwd(), now: () => new Date('2025-10-20T00:00:00Z'),
});

const documentOf = (collector: Collector, stats: InputStats) =>
  buildDocument({
    functions: [{ name: 'fn', collector }],
    window: { startMs: Date.UTC(2025, 0, 1), endMs: Date.UTC(2026, 0, 1) },
    arch: 'x86_64', basis: 'max', stepMB: 64, prices: LAMBDA_PRICES_US_EAST_1, generatedBy: 'test',
    source: { kind: 'files', events: stats.events, skippedLines: stats.skippedLines, complete: true }, sourceWarnings: [],
  });

async function inOneGo(path: string) {
  const collector = new Collector();
  const stats = newInputStats(path);
  for await (const batch of fileEvents(path, Readable.from([]), stats)) collector.addAll(batch);
  collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
  return { doc: documentOf(collector, stats), stats };
}

/** Reads `[0, cut)` here and `[cut, end)` as the worker does, then merges. */
async function inTwoParts(path: string, plan: SplitPlan) {
  const collector = new Collector();
  const stats = newInputStats(path);
  for await (const batch of fileEvents(path, Readable.from([]), stats, plan.cut)) collector.addAll(batch);
  const second = new Collector();
  const secondStats = newInputStats(path);
  for await (const batch of filePartEvents(path, plan, statSync(path).size, secondStats)) second.addAll(batch);
  collector.merge(structuredClone(second.snapshot()));
  stats.events += secondStats.events;
  collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
  collector.noteSpan(secondStats.firstEventMs, secondStats.lastEventMs);
  return { doc: documentOf(collector, stats), events: stats.events };
}

describe('reading a file in two parts', () => {
  it.each(['llmproxy.tail.log', 'llmproxy.short.log', 'llmproxy.ndjson', 'llmproxy.json-format.tail.log'])('%s: the worker and the merge give the one-reader document', async (file) => {
    const path = `${DIR}/${file}`;
    const want = await inOneGo(path);
    const collector = new Collector();
    const stats = newInputStats(path);
    expect(await readInParts(path, collector, stats, io({ LLMMEM_SPLIT_MIN_BYTES: '1' }))).toBe(true);
    collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
    expect(documentOf(collector, stats)).toEqual(want.doc);
    expect(stats).toEqual(want.stats);
  });

  it('stops at once, worker and all, when the run is interrupted', async () => {
    const path = `${DIR}/llmproxy.tail.log`;
    const controller = new AbortController();
    controller.abort();
    await expect(readInParts(path, new Collector(), newInputStats(path), { ...io({ LLMMEM_SPLIT_MIN_BYTES: '1' }), signal: controller.signal })).rejects.toMatchObject({ exitCode: 130 });
  });

  it('leaves small files, gzip, filter-log-events documents and standard input to one reader', async () => {
    const path = `${DIR}/llmproxy.tail.log`;
    expect(await readInParts(path, new Collector(), newInputStats(path), io({}))).toBe(false);
    for (const f of ['llmproxy.s3-export.log.gz', 'llmproxy.filter-log-events.json']) {
      expect(await readInParts(`${DIR}/${f}`, new Collector(), newInputStats(f), io({ LLMMEM_SPLIT_MIN_BYTES: '1' }))).toBe(false);
    }
    expect(await readInParts('-', new Collector(), newInputStats('-'), io({ LLMMEM_SPLIT_MIN_BYTES: '1' }))).toBe(false);
  });

  it('tail text cut at any line that opens an event gives the one-reader document', async () => {
    const path = `${DIR}/llmproxy.tail.log`;
    const bytes = readFileSync(path);
    const want = await inOneGo(path);
    const ts = new TimestampReader();
    const opening: number[] = [];
    for (let at = 0; at < bytes.length; at = bytes.indexOf(0x0a, at) + 1) {
      const end = bytes.indexOf(0x0a, at);
      if (at > 0 && !Number.isNaN(ts.read(bytes, at, end)) && bytes[at + ts.length] === 0x20) opening.push(at);
      if (end === -1) break;
    }
    // every 199th such line, about 100 cuts across the file, and the first and last
    const cuts = [opening[0]!, ...opening.filter((_, k) => k % 199 === 0), opening.at(-1)!];
    for (const cut of cuts) {
      const got = await inTwoParts(path, { container: 'text', layout: 'timestamp-stream-message', cut });
      expect(got.events, `cut at ${cut}`).toBe(want.stats.events);
      expect(got.doc, `cut at ${cut}`).toEqual(want.doc);
    }
  });
});

describe('planSplit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmmem-split-'));
  const write = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const plan = async (path: string) => planSplit(path, statSync(path).size);

  it('cuts tail text at the first line after the middle that opens an event, not inside a statistics block', async () => {
    const line = (s: number) => `2025-10-11T19:07:${String(s).padStart(2, '0')}.000000+00:00 stream START RequestId: r${s} Version: $LATEST\n`;
    const block = `2025-10-11T19:07:30.000000+00:00 stream 2025-10-11T19:07:30.000Z\tr\tINFO\t📊 Memory Statistics:\n${'  Heap: 1MB (peak: 2MB)\n'.repeat(200)}`;
    const text = [line(1), line(2), block, line(31), line(32)].join('');
    const path = write('tail.log', text);
    const p = await plan(path);
    expect(p).toEqual({ container: 'text', layout: 'timestamp-stream-message', cut: Buffer.byteLength(text.slice(0, text.indexOf(line(31)))) });
  });

  it('cuts NDJSON after the first newline past the middle', async () => {
    const text = Array.from({ length: 10 }, (_, k) => `{"timestamp":${k},"message":"m${k}"}\n`).join('');
    const p = await plan(write('x.ndjson', text));
    expect(p?.container).toBe('ndjson');
    expect(text[p!.cut - 1]).toBe('\n');
    expect(p!.cut).toBeGreaterThan(text.length / 2);
  });

  it('does not cut what one reader must read whole', async () => {
    const bare = Array.from({ length: 50 }, () => 'REPORT RequestId: r\tDuration: 1 ms\n').join('');
    expect(await plan(write('bare.log', bare))).toBeUndefined(); // no timestamps: no layout decided
    expect(await plan(write('doc.json', JSON.stringify({ events: [{ timestamp: 1, message: 'm' }] })))).toBeUndefined();
    expect(await plan(write('utf16.log', Buffer.from([0xff, 0xfe, 0x41, 0x00])))).toBeUndefined();
    expect(await plan(write('g.log.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00])))).toBeUndefined();
    const noOpening = `2025-10-11T19:07:01.000Z START RequestId: r\n${'  continuation\n'.repeat(100)}`;
    expect(await plan(write('tail-no-opening.log', noOpening))).toBeUndefined();
  });
});
