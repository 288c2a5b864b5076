import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { LlmmemError } from '../../errors.js';
import type { SourceEvent } from '../../parse/log-event.js';
import { detectContainer, hasUtf8Bom, isGzip, isUtf16, type Container } from './detect-container.js';
import { jsonDocumentEvents, type JsonPart } from './json-document-events.js';
import { ndjsonEvents } from './ndjson-events.js';
import { CHUNK_BYTES, describeFsError, fileRange, openInput, type ReadEnd, type ReadSize } from './open-input.js';
import type { SplitPlan } from './split-plan.js';
import { peek } from './peek.js';
import { splitLines } from './split-lines.js';
import { textEvents, type Layout, type TextEventCounts } from './text-events.js';
import { textFileEvents } from './text-file-events.js';

const TEXT_READ_BYTES = 128 << 10;

/** What reading one input found, for the document's `source`. */
export interface InputStats {
  readonly input: string;
  container: Container | 'empty';
  gzip: boolean;
  events: number;
  skippedLines: number;
  firstSkipped: string | undefined;
  /** Span of every event read, noise included (text containers yield only the events that matter). */
  firstEventMs: number | undefined;
  lastEventMs: number | undefined;
}

/** What containerEvents looks at, at least, to tell the container. */
const HEAD_BYTES = 4096;

async function* skipBytes(chunks: AsyncIterable<Buffer>, n: number): AsyncGenerator<Buffer> {
  let left = n;
  for await (const chunk of chunks) {
    const cut = Math.min(left, chunk.length);
    left -= cut;
    if (cut < chunk.length) yield cut === 0 ? chunk : chunk.subarray(cut);
  }
}

/**
 * How much of a regular file holding `container` is read at a time. A read, and each block of lines cut from it, costs
 * the same fixed work in every stage whatever its size, so text is read 128 KiB at a time: one thread read 100 MB of
 * the tail in 0.90 s against 0.975 s in 64 KiB reads (medians of six alternating runs), and 256 KiB was no faster.
 * JSON documents stay at 64 KiB: their block's list of structure bytes is long, and 256 KiB blocks read the 486 MB
 * document more slowly (alternating pairs: 1.13 over eight, 1.07 over six). NDJSON too: larger batches made V8 grow its
 * young generation, and raised the peak RSS of a 1 GB file from ~181 to ~194 MB.
 */
function readBytesFor(container: Container): number {
  return container === 'text' ? TEXT_READ_BYTES : CHUNK_BYTES;
}

/**
 * Streams the events of one `--input` (a path or `-`), filling `stats` as it goes; `end` stops a regular file there.
 * A regular text file is streamed by textFileEvents itself, not through a generator of this one's.
 */
export function fileEvents(path: string, stdin: Readable, stats: InputStats, end?: ReadEnd): AsyncIterable<SourceEvent[]> {
  const textFrom = path === '-' ? undefined : plainTextFrom(path);
  if (textFrom === undefined) return openedFileEvents(path, stdin, stats, end);
  stats.container = 'text';
  return textFileInto(path, textFrom, end ?? Number.POSITIVE_INFINITY, stats, 'undecided');
}

async function* openedFileEvents(path: string, stdin: Readable, stats: InputStats, end?: ReadEnd): AsyncGenerator<SourceEvent[]> {
  const size: ReadSize = { bytes: CHUNK_BYTES };
  const opened = await openInput(path, stdin, end, size);
  stats.gzip = opened.gzip;
  yield* containerEvents(opened.chunks, opened.name, stats, path, size);
}

/**
 * Detects the container of decompressed bytes and streams its events; `name` is used in messages, and `size`, when
 * the bytes are read from a regular file, is set to the container's read size.
 */
export async function* containerEvents(chunks: AsyncIterable<Buffer>, name: string, stats: InputStats, path = name, size?: ReadSize): AsyncGenerator<SourceEvent[]> {
  const peeked = await peek(chunks, HEAD_BYTES);
  const head = readHead(peeked.head);
  if (head === 'empty') {
    stats.container = 'empty';
    return;
  }
  if (head === 'utf16') {
    throw new LlmmemError(`${name}: the file is UTF-16; llmmem reads UTF-8`, {
      hint: `convert it first: iconv -f UTF-16 -t UTF-8 ${path} > ${path}.utf8`,
    });
  }
  const { container, bom } = head;
  stats.container = container;
  if (size !== undefined) size.bytes = readBytesFor(container);
  const bytes = bom === 0 ? peeked.chunks : skipBytes(peeked.chunks, bom);
  if (container === 'filter-log-events-json') {
    yield* jsonInto(bytes, name, stats);
  } else if (container === 'ndjson') {
    yield* ndjsonInto(bytes, stats);
  } else {
    yield* textInto(bytes, stats, 'undecided');
  }
}

async function* jsonInto(bytes: AsyncIterable<Buffer>, name: string, stats: InputStats, part?: JsonPart): AsyncGenerator<SourceEvent[]> {
  const counts = { events: 0, skippedEvents: 0, firstSkipped: undefined as string | undefined, documents: 0, firstEventMs: undefined as number | undefined, lastEventMs: undefined as number | undefined };
  try {
    yield* jsonDocumentEvents(bytes, name, counts, part);
  } finally {
    stats.events = counts.events;
    stats.firstEventMs = counts.firstEventMs;
    stats.lastEventMs = counts.lastEventMs;
    stats.skippedLines = counts.skippedEvents;
    stats.firstSkipped = counts.firstSkipped;
  }
}

async function* ndjsonInto(bytes: AsyncIterable<Buffer>, stats: InputStats): AsyncGenerator<SourceEvent[]> {
  const counts = { events: 0, skippedLines: 0, firstSkipped: undefined as string | undefined };
  try {
    yield* ndjsonEvents(splitLines(bytes), counts);
  } finally {
    stats.events = counts.events;
    stats.skippedLines = counts.skippedLines;
    stats.firstSkipped = counts.firstSkipped;
  }
}

async function* textInto(bytes: AsyncIterable<Buffer>, stats: InputStats, layout: Layout): AsyncGenerator<SourceEvent[]> {
  const counts = newTextCounts();
  try {
    yield* textEvents(bytes, counts, layout);
  } finally {
    textStats(stats, counts);
  }
}

/** textInto for bytes `[from, end)` of a regular file holding text: textFileEvents itself, with no stage between. */
function textFileInto(path: string, from: number, end: ReadEnd, stats: InputStats, layout: Layout): AsyncGenerator<SourceEvent[]> {
  const counts = newTextCounts();
  return textFileEvents(path, from, end, counts, layout, TEXT_READ_BYTES, (err) => describeFsError(path, err), () => textStats(stats, counts));
}

const newTextCounts = (): TextEventCounts => ({ events: 0, oversizedLines: 0, firstEventMs: undefined, lastEventMs: undefined });

function textStats(stats: InputStats, counts: TextEventCounts): void {
  stats.events = counts.events;
  stats.firstEventMs = counts.firstEventMs;
  stats.lastEventMs = counts.lastEventMs;
  stats.skippedLines = counts.oversizedLines;
  if (counts.oversizedLines > 0) stats.firstSkipped = `a line longer than 64 MiB`;
}

/**
 * Where the text of `path` starts (past a UTF-8 byte order mark) when it is a regular file that containerEvents
 * would read as text, neither gzip nor blank at its head; else undefined, and the general path reads it (and words
 * any error). The head is the general path's first read of a regular file, so both decide on the same bytes.
 */
function plainTextFrom(path: string): number | undefined {
  let head: Buffer;
  try {
    if (!statSync(path).isFile()) return undefined;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      head = buffer.subarray(0, readSync(fd, buffer, 0, CHUNK_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (isGzip(head)) return undefined;
  const read = readHead(head);
  return typeof read === 'object' && read.container === 'text' ? read.bom : undefined;
}

/** What the first bytes of decompressed input say: blank, UTF-16, or its container past a byte order mark of `bom` bytes. */
function readHead(head: Buffer): 'empty' | 'utf16' | { readonly container: Container; readonly bom: number } {
  if (head.toString('utf8').trim() === '') return 'empty';
  if (isUtf16(head)) return 'utf16';
  const bom = hasUtf8Bom(head) ? 3 : 0;
  return { container: detectContainer(head.subarray(bom)), bom };
}

/**
 * Streams the events of a part of a file cut where split-plan.ts says it can be, as one reader would: text and
 * NDJSON from the cut to `end`; a filter-log-events document from its start to the cut or from the cut to `end`, as
 * `json` says.
 */
export function filePartEvents(path: string, plan: SplitPlan, end: ReadEnd, stats: InputStats, json?: JsonPart): AsyncIterable<SourceEvent[]> {
  stats.container = plan.container;
  if (plan.container === 'filter-log-events-json') {
    const from = json?.startsInEvents === true ? plan.cut : plan.bom;
    return jsonInto(fileRange(path, from, end, { bytes: readBytesFor(plan.container) }), path, stats, json);
  }
  if (plan.container === 'ndjson') return ndjsonInto(fileRange(path, plan.cut, end, { bytes: readBytesFor(plan.container) }), stats);
  return textFileInto(path, plan.cut, end, stats, plan.layout);
}

export const newInputStats = (input: string): InputStats => ({
  input,
  container: 'empty',
  gzip: false,
  events: 0,
  skippedLines: 0,
  firstSkipped: undefined,
  firstEventMs: undefined,
  lastEventMs: undefined,
});
