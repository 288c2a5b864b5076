import { closeSync, openSync, readSync } from 'node:fs';
import type { SourceEvent } from '../../parse/log-event.js';
import { MAX_LINE_BYTES } from './line-blocks.js';
import { nextTurn, YIELD_EVERY, type ReadEnd } from './open-input.js';
import { TextFramer, type Layout, type TextEventCounts } from './text-events.js';

const NEWLINE = 0x0a;

/**
 * The text events of bytes `[from, end)` of a regular file, read, cut into blocks of whole lines and framed in this
 * one generator: what textEvents gives over the file's chunks (lineBlocks' blocks, its long lines dropped and
 * counted alike). The general path stacks an async generator a stage (read, errors, replay of the head, lines,
 * events, stats), each resumed for every block and each compiled on every thread; for the common input this is one.
 * Each read lands after the partial line the last one left, moved to the buffer's start, so a block is never
 * copied. `fail` words a read error; `finished`, when given, is called as the generator ends, however it ends.
 */
export async function* textFileEvents(
  path: string,
  from: number,
  end: ReadEnd,
  counts: TextEventCounts,
  layout: Layout,
  readBytes: number,
  fail: (err: unknown) => Error,
  finished?: () => void,
): AsyncGenerator<SourceEvent[]> {
  const framer = new TextFramer(counts, layout);
  const endFor = typeof end === 'number' ? () => end : end;
  let fd: number | undefined;
  try {
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      throw fail(err);
    }
    let buffer = Buffer.allocUnsafe(2 * readBytes);
    /** Bytes at the buffer's start: a line the last read did not end. */
    let carried = 0;
    let dropping = false;
    let position = from;
    for (let k = 1, stop = endFor(position); position < stop; k++, stop = endFor(position)) {
      if (carried + readBytes > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, carried + readBytes));
        buffer.copy(grown, 0, 0, carried);
        buffer = grown;
      }
      let read: number;
      try {
        // reads of `readBytes`, as the general path's chunks: a line is dropped when it outgrows the limit in a read
        // that holds no newline, as lineBlocks drops it
        read = readSync(fd, buffer, carried, Math.min(readBytes, stop - position), position);
      } catch (err) {
        throw fail(err);
      }
      if (read === 0) break;
      position += read;
      const filled = carried + read;
      let start = 0;
      if (dropping) {
        // the rest of a line too long to hold, up to its newline
        const newline = buffer.indexOf(NEWLINE, carried);
        if (newline === -1 || newline >= filled) {
          carried = 0;
          continue;
        }
        start = newline + 1;
        dropping = false;
      }
      const last = buffer.lastIndexOf(NEWLINE, filled - 1);
      if (last < start) {
        carried = filled - start;
        if (carried > MAX_LINE_BYTES) {
          counts.oversizedLines += 1;
          carried = 0;
          dropping = true;
        } else if (start > 0) {
          buffer.copy(buffer, 0, start, filled);
        }
        continue;
      }
      const out = framer.block(buffer.subarray(start, last + 1));
      if (out.length > 0) yield out;
      carried = filled - (last + 1);
      if (carried > 0) buffer.copy(buffer, 0, last + 1, filled);
      if (k % YIELD_EVERY === 0) await nextTurn();
    }
    if (carried > 0 && !dropping) {
      const out = framer.block(buffer.subarray(0, carried));
      if (out.length > 0) yield out;
    }
    const out = framer.finish();
    if (out.length > 0) yield out;
  } finally {
    if (fd !== undefined) closeSync(fd);
    finished?.();
  }
}
