const NEWLINE = 0x0a;

/** A line longer than this is dropped and counted rather than held in memory whole. */
export const MAX_LINE_BYTES = 64 << 20;

export interface LineBatch {
  readonly lines: string[];
  /** Lines dropped in this batch for being longer than MAX_LINE_BYTES. */
  readonly oversized: number;
}

/**
 * Splits a byte stream into UTF-8 lines in batches, one decode per chunk. Splitting on the newline byte never
 * cuts a multi-byte character, so only the unfinished tail of each chunk is carried over. CR before LF is dropped.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<LineBatch> {
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let skippingOversized = false;
  for await (const chunk of chunks) {
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      if (skippingOversized) continue;
      carry.push(chunk);
      carryBytes += chunk.length;
      if (carryBytes > MAX_LINE_BYTES) {
        carry = [];
        carryBytes = 0;
        skippingOversized = true;
      }
      continue;
    }
    let oversized = 0;
    let text: string;
    if (skippingOversized) {
      const firstNewline = chunk.indexOf(NEWLINE);
      text = chunk.toString('utf8', firstNewline + 1, lastNewline);
      oversized = 1;
      skippingOversized = false;
      if (firstNewline === lastNewline) {
        carry = [chunk.subarray(lastNewline + 1)];
        carryBytes = carry[0]!.length;
        yield { lines: [], oversized };
        continue;
      }
    } else if (carry.length > 0) {
      carry.push(chunk.subarray(0, lastNewline));
      text = Buffer.concat(carry).toString('utf8');
    } else {
      text = chunk.toString('utf8', 0, lastNewline);
    }
    const rest = chunk.subarray(lastNewline + 1);
    carry = rest.length > 0 ? [Buffer.from(rest)] : [];
    carryBytes = rest.length;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
    }
    yield { lines, oversized };
  }
  if (skippingOversized) {
    yield { lines: [], oversized: 1 };
  } else if (carryBytes > 0) {
    let last = Buffer.concat(carry).toString('utf8');
    if (last.charCodeAt(last.length - 1) === 13) last = last.slice(0, -1);
    yield { lines: [last], oversized: 0 };
  }
}
