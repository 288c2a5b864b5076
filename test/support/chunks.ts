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

/**
 * Every event of a source as plain values, taken batch by batch: a byte event is valid only until the source is
 * asked for its next batch (its bytes may be read into again).
 */
export async function collect(batches: AsyncIterable<readonly SourceEvent[]>): Promise<PlainEvent[]> {
  const out: PlainEvent[] = [];
  for await (const b of batches) out.push(...plain(b));
  return out;
}

export interface PlainEvent {
  readonly message: string;
  readonly timestamp: number | undefined;
}

const utf8 = new TextDecoder();

/** Message of an event as the parser sees it, whether the source handed it over as text or as bytes. */
export const messageOf = (e: SourceEvent): string => ('bytes' in e ? utf8.decode(e.bytes.subarray(e.start, e.end)) : e.message);

/** Events as plain values for comparison: byte events carry no stream name, so none is compared. */
export const plain = (events: readonly SourceEvent[]): PlainEvent[] => events.map((e) => ({ message: messageOf(e), timestamp: e.timestamp }));
