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
  readonly logStream: string | undefined;
}

const utf8 = new TextDecoder();

/** Message of an event as the parser sees it, whether the source handed it over as text or as bytes. */
export const messageOf = (e: SourceEvent): string => ('bytes' in e ? utf8.decode(e.bytes.subarray(e.start, e.end)) : e.message);

/** Log stream of an event, whether handed over as text or as bytes; an empty name is none, as the store takes it. */
export function streamOf(e: SourceEvent): string | undefined {
  const name = 'bytes' in e ? (e.streamBytes === undefined ? undefined : utf8.decode(e.streamBytes.subarray(e.streamStart, e.streamEnd))) : e.logStream;
  return name === '' ? undefined : name;
}

/** Events as plain values for comparison: message, time and log stream. */
export const plain = (events: readonly SourceEvent[]): PlainEvent[] => events.map((e) => ({ message: messageOf(e), timestamp: e.timestamp, logStream: streamOf(e) }));
