import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LlmmemError } from '../../errors.js';

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
  const iterator = guarded(name, stream, false)[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  };
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip) return { name, gzip, chunks: rest() };
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  const feed = async (): Promise<void> => {
    try {
      for await (const chunk of rest()) {
        if (!gunzip.write(chunk)) await new Promise<void>((resolve) => gunzip.once('drain', resolve));
      }
      gunzip.end();
    } catch (err) {
      gunzip.destroy(err as Error);
    }
  };
  void feed();
  return { name, gzip, chunks: guarded(name, gunzip, true) };
}
