import { open } from 'node:fs/promises';
import { detectContainer, hasUtf8Bom, headMayBeCut } from './detect-container.js';
import { TextFramer, type Layout } from './text-events.js';
import { TimestampReader } from './timestamp-bytes.js';

/** Bytes read at the start, for the layout; the container is detected from the first read, as a reader does. */
const HEAD_BYTES = 256 << 10;
const FIRST_READ_BYTES = 64 << 10;
/** How far past the aimed-at place a place to cut is looked for. */
const WINDOW_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Where a file can be cut in two so that a second reader, starting at `cut` with `layout`, frames exactly the
 * events one reader would frame from there on: `cut` is the start of a line that opens an event.
 */
export interface SplitPlan {
  readonly container: 'text' | 'ndjson' | 'filter-log-events-json';
  readonly layout: Layout;
  readonly cut: number;
  /** Length of a UTF-8 byte-order mark the file starts with (0 or 3). */
  readonly bom: number;
}

/** Up to `length` bytes of `path` from `position`. */
async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The layout a text framer decides on the whole lines of `head`. It is fed a few lines at a time and stopped once it
 * has decided: it decides on the first line that tells, and framing every line of 256 KiB in code not yet optimised
 * cost each thread ~20 ms before it could read.
 */
function layoutOf(head: Buffer): Layout {
  const framer = new TextFramer({ events: 0, oversizedLines: 0, firstEventMs: undefined, lastEventMs: undefined });
  let from = 0;
  for (let size = 8 << 10; from < head.length && framer.decidedLayout === 'undecided'; size *= 2) {
    const lineEnd = head.lastIndexOf(NEWLINE, Math.min(head.length, from + size) - 1);
    if (lineEnd >= from) {
      framer.block(head.subarray(from, lineEnd + 1));
      from = lineEnd + 1;
    } else if (from + size >= head.length) {
      break; // no whole line left
    }
  }
  return framer.decidedLayout;
}

/** Offset in `window` of the first line start after its first newline that `opens` accepts; -1 when none. */
function lineStartIn(window: Buffer, opens: (at: number, lineEnd: number) => boolean): number {
  let at = window.indexOf(NEWLINE) + 1;
  while (at > 0 && at < window.length) {
    const nl = window.indexOf(NEWLINE, at);
    if (nl === -1) return -1;
    if (opens(at, nl)) return at;
    at = nl + 1;
  }
  return -1;
}

/** What a second reader must know besides where to start: the container, the text layout, the byte-order mark. */
export type SplitShape = Omit<SplitPlan, 'cut'>;

/**
 * Whether the regular, uncompressed file `path` of `size` bytes can be cut at all, and how; undefined when it must be
 * read by one reader (gzip, UTF-16, text whose layout is not decided in its first lines).
 */
export async function splitShape(path: string, size: number): Promise<SplitShape | undefined> {
  const head = await readAt(path, 0, Math.min(size, HEAD_BYTES));
  if (!headMayBeCut(head)) return undefined;
  const bom = hasUtf8Bom(head) ? 3 : 0;
  const container = detectContainer(head.subarray(bom, FIRST_READ_BYTES));
  if (container !== 'text') return { container, layout: 'undecided', bom };
  const layout = layoutOf(head.subarray(bom));
  return layout === 'undecided' ? undefined : { container, layout, bom };
}

/**
 * The first place at or after `aim` where a file of `shape` can be cut: for text, a line that opens an event (once
 * the layout is decided, a line that starts with a timestamp and a space always does); for NDJSON, a line start;
 * for a filter-log-events document, a line holding only `{` (in a pretty-printed document most likely an element
 * of "events": the first reader checks that it stopped just there, see JsonPart). Undefined when there is none
 * within a window past `aim`.
 */
export async function cutAfter(path: string, shape: SplitShape, aim: number, size: number): Promise<number | undefined> {
  const window = await readAt(path, aim, Math.max(0, Math.min(WINDOW_BYTES, size - aim)));
  let opens: (at: number, lineEnd: number) => boolean;
  if (shape.container === 'ndjson') {
    opens = () => true;
  } else if (shape.container === 'filter-log-events-json') {
    opens = (p, lineEnd) => {
      let i = p;
      while (i < lineEnd && (window[i] === SPACE || window[i] === 0x09)) i += 1;
      return window[i] === 0x7b && (i + 1 === lineEnd || (i + 2 === lineEnd && window[i + 1] === 0x0d));
    };
  } else {
    const ts = new TimestampReader();
    opens = (p, lineEnd) => !Number.isNaN(ts.read(window, p, lineEnd)) && window[p + ts.length] === SPACE;
  }
  const at = lineStartIn(window, opens);
  return at === -1 ? undefined : aim + at;
}
