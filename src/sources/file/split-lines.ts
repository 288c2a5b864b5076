import { lineBlocks } from './line-blocks.js';

export interface LineBatch {
  readonly lines: string[];
  /** Lines dropped before this batch for being too long (see MAX_LINE_BYTES). */
  readonly oversized: number;
}

/** Splits a byte stream into batches of UTF-8 lines, one decode per block; CR before LF is dropped. */
export async function* splitLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<LineBatch> {
  for await (const { bytes, oversized } of lineBlocks(chunks)) {
    const lines = bytes.length === 0 ? [] : bytes.toString('utf8').split('\n');
    if (bytes[bytes.length - 1] === 0x0a) lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
    }
    yield { lines, oversized };
  }
}
