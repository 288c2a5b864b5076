import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { LlmmemError } from '../../errors.js';
import { peek } from './peek.js';

// Below glibc's mmap threshold (128 KiB): larger read buffers, freed by the GC, fragment the heap and inflate RSS.
const CHUNK_BYTES = 64 << 10;
/** Reads of a regular file kept in flight, so that parsing never waits on the disk (or the page cache). */
const READS_AHEAD = 4;

/** Bytes of an input: a path, or `-` for standard input; gzip is recognised by its magic bytes. */
export interface OpenedInput {
  readonly name: string;
  readonly gzip: boolean;
  readonly chunks: AsyncIterable<Buffer>;
}

function describeFsError(name: string, err: unknown): LlmmemError {
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

/** A regular file's bytes, read at explicit positions with READS_AHEAD reads in flight. */
async function* regularFileChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  const pending: Promise<Buffer>[] = [];
  let position = 0;
  const readNext = (): void => {
    const at = position;
    position += CHUNK_BYTES;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const read = handle.read(buffer, 0, CHUNK_BYTES, at).then(({ bytesRead }) => buffer.subarray(0, bytesRead));
    read.catch(() => undefined);
    pending.push(read);
  };
  try {
    for (let k = 0; k < READS_AHEAD; k++) readNext();
    for (;;) {
      const chunk = await pending.shift()!;
      if (chunk.length === 0) return;
      readNext();
      yield chunk;
    }
  } finally {
    await Promise.allSettled(pending);
    await handle.close();
  }
}

/** Reads the first bytes, decides whether the input is gzip, and streams the (decompressed) bytes. */
export async function openInput(path: string, stdin: Readable): Promise<OpenedInput> {
  const name = path === '-' ? 'standard input' : path;
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
    source = regular ? regularFileChunks(path) : createReadStream(path, { highWaterMark: CHUNK_BYTES });
  }
  const { head, chunks } = await peek(guarded(name, source, false), 2);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip) return { name, gzip, chunks };
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // pipeline carries errors and early ends both ways; a read error reaches the reader through gunzip.
  pipeline(Readable.from(chunks), gunzip).catch(() => undefined);
  return { name, gzip, chunks: guarded(name, gunzip, true) };
}
