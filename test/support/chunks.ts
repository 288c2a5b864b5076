import type { LogEvent } from '../../src/parse/log-event.js';

/** Yields `bytes` cut at the given offsets, as a stream would deliver it. */
export async function* cutAt(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c > from && c < bytes.length) {
      yield Buffer.from(bytes.subarray(from, c));
      from = c;
    }
  }
  yield Buffer.from(bytes.subarray(from));
}

export async function collect<T>(batches: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

export const plain = (events: readonly LogEvent[]) => events.map((e) => ({ message: e.message, timestamp: e.timestamp, logStream: e.logStream }));
