import type { SourceEvent } from '../../src/parse/log-event.js';

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

const utf8 = new TextDecoder();

/** Message of an event as the parser sees it, whether the source handed it over as text or as bytes. */
export const messageOf = (e: SourceEvent): string => ('bytes' in e ? utf8.decode(e.bytes.subarray(e.start, e.end)) : e.message);

/** Events as plain values for comparison: byte events carry no stream name, so none is compared. */
export const plain = (events: readonly SourceEvent[]) => events.map((e) => ({ message: messageOf(e), timestamp: e.timestamp }));
