import { closeSync, createReadStream, open as openFd, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { LlmmemError } from '../../errors.js';
import { isGzip } from './detect-container.js';
import { peek } from './peek.js';

// Below glibc's mmap threshold (128 KiB): larger buffers made afresh for each read (a gzip file's, which its
// decompressor holds on to) and freed by the GC fragment the heap and inflate RSS.
export const CHUNK_BYTES = 64 << 10;
/** Reads of a regular file between two turns of the event loop (nextTurn), so that Ctrl-C is still heard. */
export const YIELD_EVERY = 16;
/** Gives the event loop a turn. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * How many bytes a regular file is read at a time into the one buffer it is read into again and again (CHUNK_BYTES
 * until its reader says otherwise: the reader may change it as it learns what it reads).
 */
export interface ReadSize {
  bytes: number;
}

/** Where reading a regular file stops: an offset, or a function asked before each read at `position` (it may move the end nearer). */
export type ReadEnd = number | ((position: number) => number);

/** Bytes of an input: a path, or `-` for standard input; gzip is recognised by its magic bytes. */
export interface OpenedInput {
  readonly name: string;
  readonly gzip: boolean;
  readonly chunks: AsyncIterable<Buffer>;
}

/** A file system error reading `name`, as one line with a hint. */
export function describeFsError(name: string, err: unknown): LlmmemError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT' ? 'no such file' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code === 'EISDIR' ? 'it is a directory' :
    (err as Error | undefined)?.message ?? String(err);
  return new LlmmemError(`cannot read ${name}: ${why}`, { hint: 'check the --input path', cause: err });
}

async function* guarded(name: string, source: AsyncIterable<Buffer>, gzip: boolean): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield chunk;
  } catch (err) {
    if (err instanceof LlmmemError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (gzip && code.startsWith('Z_')) {
      throw new LlmmemError(`${name}: corrupt or truncated gzip data (${(err as Error).message})`, { cause: err });
    }
    throw describeFsError(name, err);
  }
}

/**
 * Bytes `[start, end)` of a regular file. Reads of the page cache are faster done in place than queued on
 * libuv's thread pool (which a second reading thread would share), so they are synchronous; every
 * YIELD_EVERY chunks the event loop gets a turn, so that Ctrl-C is still heard. While `reuse()` says so, one
 * buffer is read into again and again: each chunk is then valid only until the next is asked for, which every
 * reader here honours (what it keeps across chunks, it copies).
 */
async function* regularFileChunks(
  path: string,
  start = 0,
  end: ReadEnd = Number.POSITIVE_INFINITY,
  reuse: () => boolean = () => true,
  size: ReadSize = { bytes: CHUNK_BYTES },
): AsyncGenerator<Buffer> {
  const fd = await new Promise<number>((resolve, reject) => openFd(path, 'r', (err, n) => (err === null ? resolve(n) : reject(err))));
  const endFor = typeof end === 'number' ? () => end : end;
  try {
    let reused: Buffer | undefined;
    let position = start;
    for (let k = 1, stop = endFor(position); position < stop; k++, stop = endFor(position)) {
      let buffer: Buffer;
      if (reuse()) {
        if (reused?.length !== size.bytes) reused = Buffer.allocUnsafe(size.bytes);
        buffer = reused;
      } else {
        buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      }
      const bytesRead = readSync(fd, buffer, 0, Math.min(buffer.length, stop - position), position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      if (k % YIELD_EVERY === 0) await nextTurn();
    }
  } finally {
    closeSync(fd);
  }
}

/** Bytes `[start, end)` of the regular file `path`, for reading a file in parts; errors as openInput words them. */
export function fileRange(path: string, start: number, end: ReadEnd, size?: ReadSize): AsyncIterable<Buffer> {
  return guarded(path, regularFileChunks(path, start, end, undefined, size), false);
}

/**
 * Reads the first bytes, decides whether the input is gzip, and streams the (decompressed) bytes; `size` sets how
 * much of a regular file is read at a time, as it is when each read is made.
 */
export async function openInput(path: string, stdin: Readable, end?: ReadEnd, size?: ReadSize): Promise<OpenedInput> {
  const name = path === '-' ? 'standard input' : path;
  // until the first bytes say otherwise, the input may be gzip, whose decompressor holds on to what it is fed
  let gzip = true;
  let source: AsyncIterable<Buffer>;
  if (path === '-') {
    source = stdin;
  } else {
    let regular: boolean;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      regular = info.isFile();
    } catch (err) {
      throw describeFsError(name, err);
    }
    // pipes and devices (`<(…)`, /dev/stdin) cannot be read at positions
    source = regular ? regularFileChunks(path, 0, end, () => !gzip, size) : createReadStream(path, { highWaterMark: CHUNK_BYTES });
  }
  const { head, chunks } = await peek(guarded(name, source, false), 2);
  gzip = isGzip(head);
  if (!gzip) return { name, gzip, chunks };
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // pipeline carries errors and early ends both ways; a read error reaches the reader through gunzip.
  pipeline(Readable.from(chunks), gunzip).catch(() => undefined);
  return { name, gzip, chunks: guarded(name, gunzip, true) };
}
