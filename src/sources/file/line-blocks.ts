const NEWLINE = 0x0a;

/** A line longer than this is dropped and counted rather than held in memory whole. */
export const MAX_LINE_BYTES = 64 << 20;

export interface LineBlock {
  /** Whole lines, each ending with a newline, except the input's last line. A view: use it before the next block. */
  readonly bytes: Buffer;
  /** Lines dropped since the previous block for being longer than MAX_LINE_BYTES. */
  readonly oversized: number;
}

/**
 * Cuts a byte stream into blocks of whole lines. Splitting on the newline byte never cuts a multi-byte character;
 * only the line that straddles two chunks is copied (a chunk may be read into again once the next is asked for),
 * the rest of a chunk is handed on in place.
 */
export async function* lineBlocks(chunks: AsyncIterable<Buffer>): AsyncGenerator<LineBlock> {
  // one array, emptied in place: arrays made afresh take two shapes (empty, holding a Buffer), and each new one met
  // deoptimised this loop and had it compiled again
  const carry: Buffer[] = [];
  let carryBytes = 0;
  let dropping = false;
  let oversized = 0;
  for await (const chunk of chunks) {
    const last = chunk.lastIndexOf(NEWLINE);
    if (last === -1) {
      if (!dropping) {
        carry.push(Buffer.from(chunk));
        carryBytes += chunk.length;
        if (carryBytes > MAX_LINE_BYTES) {
          carry.length = 0;
          carryBytes = 0;
          dropping = true;
          oversized += 1;
        }
      }
      continue;
    }
    let head = chunk.subarray(0, last + 1);
    if (dropping || carry.length > 0) {
      const firstEnd = head.indexOf(NEWLINE) + 1;
      if (!dropping) {
        yield { bytes: Buffer.concat([...carry, head.subarray(0, firstEnd)]), oversized };
        oversized = 0;
      }
      head = head.subarray(firstEnd);
      dropping = false;
    }
    carry.length = 0;
    carryBytes = chunk.length - (last + 1);
    if (carryBytes > 0) carry.push(Buffer.from(chunk.subarray(last + 1)));
    if (head.length > 0 || oversized > 0) {
      yield { bytes: head, oversized };
      oversized = 0;
    }
  }
  if (!dropping && carry.length > 0) {
    yield { bytes: Buffer.concat(carry), oversized };
    oversized = 0;
  }
  if (oversized > 0) yield { bytes: Buffer.alloc(0), oversized };
}
