import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/analyze/build-document.js';
import { Collector } from '../../src/analyze/collector.js';
import { emptyRow, type Row } from '../../src/analyze/invocation-store.js';
import { LAMBDA_PRICES_US_EAST_1 } from '../../src/analyze/prices.js';
import type { Io } from '../../src/cli/io.js';
import { CutHandoff } from '../../src/cli/cut-handoff.js';
import { endUnusedPartReader, startReadingInPartsEarly } from '../../src/cli/part-reader.js';
import { readInParts } from '../../src/cli/read-in-parts.js';
import type { PartRequest, PartResult } from '../../src/cli/read-part-worker.js';
import { fileEvents, filePartEvents, newInputStats, type InputStats } from '../../src/sources/file/file-source.js';
import type { JsonPart } from '../../src/sources/file/json-document-events.js';
import { cutAfter, splitShape, type SplitPlan } from '../../src/sources/file/split-plan.js';
import { TextFramer } from '../../src/sources/file/text-events.js';
import { TimestampReader } from '../../src/sources/file/timestamp-bytes.js';

// Reading a file in two parts on two threads must give exactly what one reader gives.

/** Where a worker would start if this thread had read nothing when it proposed: the cut nearest past the middle. */
async function planSplit(path: string, size: number): Promise<SplitPlan | undefined> {
  const shape = await splitShape(path, size);
  if (shape === undefined) return undefined;
  const cut = await cutAfter(path, shape, Math.floor(size / 2), size);
  return cut === undefined ? undefined : { ...shape, cut };
}

const DIR = 'fixtures/generated';
const io = (env: Record<string, string>): Io => ({
  stdout: { write: () => true }, stderr: { write: () => true }, stdin: Readable.from([]), env, cwd: process.cwd(), now: () => new Date('2025-10-20T00:00:00Z'),
});

const documentOf = (collector: Collector, stats: InputStats) =>
  buildDocument({
    functions: [{ name: 'fn', collector, named: true }],
    window: { startMs: Date.UTC(2025, 0, 1), endMs: Date.UTC(2026, 0, 1) },
    arch: 'x86_64', basis: 'max', stepMB: 64, minInvocations: 50, strategy: 'conservative', region: undefined, profile: undefined, prices: LAMBDA_PRICES_US_EAST_1, generatedBy: 'test',
    source: { kind: 'files', events: stats.events, skippedLines: stats.skippedLines, complete: true }, sourceWarnings: [],
  });

async function inOneGo(path: string) {
  const collector = new Collector();
  const stats = newInputStats(path);
  for await (const batch of fileEvents(path, Readable.from([]), stats)) collector.addAll(batch);
  collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
  return { doc: documentOf(collector, stats), stats, rows: rowsOf(collector) };
}

/** Every row of the collector's store, in order: what the document is computed from. */
function rowsOf(collector: Collector): Row[] {
  return Array.from({ length: collector.store.size }, (_, i) => ({ ...collector.store.read(i, emptyRow()) }));
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
  it.each(['llmproxy.tail.log', 'llmproxy.short.log', 'llmproxy.ndjson', 'llmproxy.json-format.tail.log', 'llmproxy.filter-log-events.json'])('%s: the worker and the merge give the one-reader document', async (file) => {
    const path = `${DIR}/${file}`;
    const want = await inOneGo(path);
    const collector = new Collector();
    const stats = newInputStats(path);
    expect(await readInParts(path, collector, stats, io({ LLMMEM_SPLIT_MIN_BYTES: '1' }), { waitForWorker: true })).toBeGreaterThanOrEqual(2);
    collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
    expect(documentOf(collector, stats)).toEqual(want.doc);
    expect(stats).toEqual(want.stats);
  });

  it('takes up the worker started early for the same file, and ends one that no read took up', async () => {
    // the worker takes a part of at least 4 MiB: the fixture four times (11 MB), its request ids repeated
    const dir = mkdtempSync(join(tmpdir(), 'llmmem-early-'));
    const path = join(dir, 'four-times.tail.log');
    const fixture = readFileSync(`${DIR}/llmproxy.tail.log`);
    for (let k = 0; k < 4; k++) appendFileSync(path, fixture);
    const want = await inOneGo(path);
    const env = io({ LLMMEM_SPLIT_MIN_BYTES: '1' });
    startReadingInPartsEarly(path, env);
    const collector = new Collector();
    const stats = newInputStats(path);
    expect(await readInParts(path, collector, stats, env, { waitForWorker: true })).toBeGreaterThanOrEqual(2);
    collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
    expect(documentOf(collector, stats)).toEqual(want.doc);
    expect(stats).toEqual(want.stats);
    expect(await endUnusedPartReader()).toBe(false); // the read took it up

    startReadingInPartsEarly(path, env);
    const other = `${DIR}/llmproxy.short.log`;
    const otherWant = await inOneGo(other);
    const otherCollector = new Collector();
    const otherStats = newInputStats(other);
    expect(await readInParts(other, otherCollector, otherStats, env, { waitForWorker: true })).toBeGreaterThanOrEqual(2);
    otherCollector.noteSpan(otherStats.firstEventMs, otherStats.lastEventMs);
    expect(documentOf(otherCollector, otherStats)).toEqual(otherWant.doc);
    expect(await endUnusedPartReader()).toBe(true); // the worker started for the first file
  });

  // dist/cli is tsc's build, which the tests' sources start; dist/bundle is what bin/llmmem.js runs (rolldown.config.mjs)
  it.each([
    ['llmproxy.tail.log', 'dist/cli'],
    ['llmproxy.filter-log-events.json', 'dist/cli'],
    ['llmproxy.tail.log', 'dist/bundle'],
    ['llmproxy.filter-log-events.json', 'dist/bundle'],
  ])('%s, the worker of %s: it cuts again what the reading thread has left each time it has read a part', async (file, build) => {
    // the reading thread stands still at 0 until the worker stops proposing, then reads up to the nearest cut
    const path = `${DIR}/${file}`;
    const size = statSync(path).size;
    const want = await inOneGo(path);
    const handoff = new CutHandoff();
    const request: PartRequest = { path, size, shared: handoff.shared, minPartBytes: 256 << 10 };
    const worker = new Worker(new URL(`../../${build}/read-part-worker.js`, import.meta.url), { workerData: request });
    let result: PartResult | undefined;
    let failure: Error | undefined;
    worker.once('message', (m: PartResult) => (result = m));
    worker.once('error', (err) => (failure = err));
    const cuts: number[] = [];
    while (result === undefined && failure === undefined) {
      const stop = handoff.endFor(0, size);
      if (stop !== (cuts.at(-1) ?? size)) cuts.push(stop);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await worker.terminate();
    if (failure !== undefined) throw failure;
    if (result === undefined) throw new Error('the worker gave no answer');
    expect(handoff.close()).toBe(cuts.at(-1));
    expect(cuts.length).toBeGreaterThanOrEqual(3);
    for (let k = 1; k < cuts.length; k++) expect(cuts[k]!).toBeLessThan(cuts[k - 1]!);
    if (!result.ok) throw new Error(result.message);
    expect([result.parts.length, result.cutsAtElements]).toEqual([cuts.length, true]);

    const collector = new Collector();
    const stats = newInputStats(path);
    const shape = (await splitShape(path, size))!;
    const json = shape.container === 'filter-log-events-json';
    const first: JsonPart = { startsInEvents: false, offset: 0, endsEarly: true };
    for await (const batch of filePartEvents(path, { ...shape, cut: json ? shape.bom : 0 }, cuts.at(-1)!, stats, json ? first : undefined)) collector.addAll(batch);
    if (json) expect(first.atEventsBoundary).toBe(true);
    for (const part of result.parts) {
      collector.merge(part.collector);
      stats.events += part.stats.events;
      collector.noteSpan(part.stats.firstEventMs, part.stats.lastEventMs);
    }
    collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
    expect(stats.events).toBe(want.stats.events);
    expect(rowsOf(collector)).toEqual(want.rows);
    expect(documentOf(collector, stats)).toEqual(want.doc);
  });

  it('reads the whole file on this thread, complete, when the worker proposes no cut in time', async () => {
    for (const file of ['llmproxy.tail.log', 'llmproxy.filter-log-events.json']) {
      const path = `${DIR}/${file}`;
      const want = await inOneGo(path);
      const collector = new Collector();
      const stats = newInputStats(path);
      // a fixture is read long before a worker has loaded its modules
      expect(await readInParts(path, collector, stats, io({ LLMMEM_SPLIT_MIN_BYTES: '1' }))).toBe(1);
      collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
      expect(documentOf(collector, stats)).toEqual(want.doc);
      expect(stats).toEqual(want.stats);
    }
  });

  it('stops at once, worker and all, when the run is interrupted', async () => {
    const path = `${DIR}/llmproxy.tail.log`;
    const controller = new AbortController();
    controller.abort();
    await expect(readInParts(path, new Collector(), newInputStats(path), { ...io({ LLMMEM_SPLIT_MIN_BYTES: '1' }), signal: controller.signal })).rejects.toMatchObject({ exitCode: 130 });
  });

  it('leaves small files, gzip and standard input to one reader', async () => {
    const path = `${DIR}/llmproxy.tail.log`;
    expect(await readInParts(path, new Collector(), newInputStats(path), io({}))).toBe(0);
    expect(await readInParts(`${DIR}/llmproxy.s3-export.log.gz`, new Collector(), newInputStats('gz'), io({ LLMMEM_SPLIT_MIN_BYTES: '1' }))).toBe(0);
    expect(await readInParts('-', new Collector(), newInputStats('-'), io({ LLMMEM_SPLIT_MIN_BYTES: '1' }))).toBe(0);
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
      const got = await inTwoParts(path, { container: 'text', layout: 'timestamp-stream-message', cut, bom: 0 });
      expect(got.events, `cut at ${cut}`).toBe(want.stats.events);
      expect(got.doc, `cut at ${cut}`).toEqual(want.doc);
    }
  });
});

describe('a filter-log-events document cut at any element', () => {
  it('gives the one-reader document, and the first part says it stopped inside the events array', async () => {
    const path = `${DIR}/llmproxy.filter-log-events.json`;
    const bytes = readFileSync(path);
    const want = await inOneGo(path);
    const elementLines: number[] = [];
    for (let at = bytes.indexOf('\n        {\n'); at !== -1; at = bytes.indexOf('\n        {\n', at + 1)) elementLines.push(at + 1);
    for (const cut of [elementLines[0]!, ...elementLines.filter((_, k) => k % 499 === 0), elementLines.at(-1)!]) {
      const plan: SplitPlan = { container: 'filter-log-events-json', layout: 'undecided', cut, bom: 0 };
      const collector = new Collector();
      const stats = newInputStats(path);
      const first: JsonPart = { startsInEvents: false, offset: 0, endsEarly: true };
      for await (const batch of filePartEvents(path, plan, cut, stats, first)) collector.addAll(batch);
      expect(first.atEventsBoundary, `cut at ${cut}`).toBe(true);
      const second = new Collector();
      const secondStats = newInputStats(path);
      for await (const batch of filePartEvents(path, plan, bytes.length, secondStats, { startsInEvents: true, offset: cut, endsEarly: false })) second.addAll(batch);
      collector.merge(structuredClone(second.snapshot()));
      collector.noteSpan(stats.firstEventMs, stats.lastEventMs);
      collector.noteSpan(secondStats.firstEventMs, secondStats.lastEventMs);
      stats.events += secondStats.events;
      expect(stats.events).toBe(want.stats.events);
      expect(documentOf(collector, stats), `cut at ${cut}`).toEqual(want.doc);
    }
  });

  it('a first part that stops anywhere else says so', async () => {
    const path = `${DIR}/llmproxy.filter-log-events.json`;
    const bytes = readFileSync(path);
    const inside = (n: number) => bytes.indexOf('\n        {\n', n) + 12; // just past an element's `{`
    for (const cut of [3, inside(0), inside(1000), inside(bytes.length / 2), bytes.length - 3]) {
      const first: JsonPart = { startsInEvents: false, offset: 0, endsEarly: true };
      for await (const _ of filePartEvents(path, { container: 'filter-log-events-json', layout: 'undecided', cut, bom: 0 }, cut, newInputStats(path), first)) void _;
      expect(first.atEventsBoundary, `cut at ${cut}`).toBe(false);
    }
  });
});

describe('a JSON document cut where one reader would not start a part', () => {
  it('is read again by one reader, and nothing of the attempt is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmmem-split-json-'));
    const path = join(dir, 'streams-at-the-middle.json');
    const events = [{ logStreamName: 's', timestamp: Date.UTC(2025, 9, 1), message: 'REPORT RequestId: r1\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t' }];
    const searchedLogStreams = Array.from({ length: 2000 }, (_, k) => ({ logStreamName: `stream-${k}`, searchedCompletely: true }));
    // aws prints four-space indents: the lines holding only `{` near the middle open elements of searchedLogStreams
    writeFileSync(path, JSON.stringify({ events, searchedLogStreams }, null, 4));
    const plan = await planSplit(path, statSync(path).size);
    expect(plan?.container).toBe('filter-log-events-json');
    const collector = new Collector();
    const stats = newInputStats(path);
    expect(await readInParts(path, collector, stats, io({ LLMMEM_SPLIT_MIN_BYTES: '1' }), { waitForWorker: true })).toBe(0);
    expect([collector.store.size, stats.events]).toEqual([0, 0]);
    const want = await inOneGo(path);
    expect(want.stats.events).toBe(1);
  });
});

describe('splitShape and cutAfter', () => {
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
    expect(p).toEqual({ container: 'text', layout: 'timestamp-stream-message', cut: Buffer.byteLength(text.slice(0, text.indexOf(line(31)))), bom: 0 });
  });

  it('decides the layout on the first line that tells, however far into the head it lies, as one block of the whole head does', async () => {
    const noise = (k: number) => `2025-10-11T19:07:01.000Z note ${k} that opens nothing\n`;
    const deciding = ['2025-10-11T19:07:02.000000+00:00 stream START RequestId: r Version: $LATEST\n', '2025-10-11T19:07:02.000Z START RequestId: r Version: $LATEST\n'];
    const [stream, plain] = deciding;
    const before = Array.from({ length: 600 }, (_, k) => noise(k)).join(''); // ~25 KB of lines that do not tell
    const long = `2025-10-11T19:07:01.000Z ${'x'.repeat(40_000)}\n`; // a line longer than the first pieces
    const heads: [string, string][] = [
      [before + stream, 'timestamp-stream-message'],
      [before + plain, 'timestamp-message'],
      [long + stream, 'timestamp-stream-message'],
      [long + plain, 'timestamp-message'],
      [stream + noise(1), 'timestamp-stream-message'],
      [Array.from({ length: 8_000 }, (_, k) => noise(k)).join(''), 'undecided'], // nothing tells within the 256 KiB head
    ];
    for (const [k, [head, layout]] of heads.entries()) {
      const path = write(`layout-${k}.log`, head + noise(-1).repeat(8_000));
      // the reference: a framer given every whole line of the head in one block
      const oneBlock = new TextFramer({ events: 0, oversizedLines: 0, firstEventMs: undefined, lastEventMs: undefined });
      const whole = readFileSync(path).subarray(0, 256 << 10);
      oneBlock.block(whole.subarray(0, whole.lastIndexOf(0x0a) + 1));
      expect(oneBlock.decidedLayout, `head ${k}`).toBe(layout);
      expect((await splitShape(path, statSync(path).size))?.layout ?? 'undecided', `head ${k}`).toBe(layout);
    }
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
