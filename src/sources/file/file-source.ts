import type { Readable } from 'node:stream';
import { LlmmemError } from '../../errors.js';
import type { LogEvent } from '../../parse/log-event.js';
import { detectContainer, hasUtf8Bom, isUtf16, type Container } from './detect-container.js';
import { jsonDocumentEvents } from './json-document-events.js';
import { ndjsonEvents } from './ndjson-events.js';
import { openInput } from './open-input.js';
import { splitLines } from './split-lines.js';
import { textEvents } from './text-events.js';

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

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/** Streams the events of one `--input` (a path or `-`), filling `stats` as it goes. */
export async function* fileEvents(path: string, stdin: Readable, stats: InputStats): AsyncGenerator<LogEvent[]> {
  const opened = await openInput(path, stdin);
  stats.gzip = opened.gzip;
  yield* containerEvents(opened.chunks, opened.name, stats, path);
}

/** Detects the container of decompressed bytes and streams its events; `name` is used in messages. */
export async function* containerEvents(chunks: AsyncIterable<Buffer>, name: string, stats: InputStats, path = name): AsyncGenerator<LogEvent[]> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  while (head.length < 4096) {
    const r = await iterator.next();
    if (r.done) break;
    head = head.length === 0 ? r.value : Buffer.concat([head, r.value]);
  }
  if (head.toString('utf8').trim() === '') {
    stats.container = 'empty';
    return;
  }
  if (isUtf16(head)) {
    throw new LlmmemError(`${name}: the file is UTF-16; llmmem reads UTF-8`, {
      hint: `convert it first: iconv -f UTF-16 -t UTF-8 ${path} > ${path}.utf8`,
    });
  }
  if (hasUtf8Bom(head)) head = head.subarray(3);
  const container = detectContainer(head);
  stats.container = container;
  const bytes = prepend(head, iterator);
  if (container === 'filter-log-events-json') {
    const counts = { events: 0, skippedEvents: 0, firstSkipped: undefined as string | undefined, documents: 0, firstEventMs: undefined as number | undefined, lastEventMs: undefined as number | undefined };
    try {
      yield* jsonDocumentEvents(bytes, name, counts);
    } finally {
      stats.events = counts.events;
      stats.firstEventMs = counts.firstEventMs;
      stats.lastEventMs = counts.lastEventMs;
      stats.skippedLines = counts.skippedEvents;
      stats.firstSkipped = counts.firstSkipped;
    }
  } else if (container === 'ndjson') {
    const counts = { events: 0, skippedLines: 0, firstSkipped: undefined as string | undefined };
    try {
      yield* ndjsonEvents(splitLines(bytes), counts);
    } finally {
      stats.events = counts.events;
      stats.skippedLines = counts.skippedLines;
      stats.firstSkipped = counts.firstSkipped;
    }
  } else {
    const counts = { events: 0, oversizedLines: 0, firstEventMs: undefined as number | undefined, lastEventMs: undefined as number | undefined };
    try {
      yield* textEvents(bytes, counts);
    } finally {
      stats.events = counts.events;
      stats.firstEventMs = counts.firstEventMs;
      stats.lastEventMs = counts.lastEventMs;
      stats.skippedLines = counts.oversizedLines;
      if (counts.oversizedLines > 0) stats.firstSkipped = `a line longer than 64 MiB`;
    }
  }
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
