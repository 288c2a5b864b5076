import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { LlmmemError } from '../../errors.js';
import { peek } from './peek.js';

// Below glibc's mmap threshold (128 KiB): larger read buffers, freed by the GC, fragment the heap and inflate RSS.
const CHUNK_BYTES = 64 << 10;

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

/** Reads the first bytes, decides whether the input is gzip, and streams the (decompressed) bytes. */
export async function openInput(path: string, stdin: Readable): Promise<OpenedInput> {
  const name = path === '-' ? 'standard input' : path;
  let stream: Readable;
  if (path === '-') {
    stream = stdin;
  } else {
    try {
      if ((await stat(path)).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    } catch (err) {
      throw describeFsError(name, err);
    }
    stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  }
  const { head, chunks } = await peek(guarded(name, stream, false), 2);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip) return { name, gzip, chunks };
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // pipeline carries errors and early ends both ways; a read error reaches the reader through gunzip.
  pipeline(Readable.from(chunks), gunzip).catch(() => undefined);
  return { name, gzip, chunks: guarded(name, gunzip, true) };
}
