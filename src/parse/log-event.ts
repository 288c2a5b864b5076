import type { RecordKernel } from './record-kernel.js';

/** One CloudWatch Logs event as every source delivers it: the raw message and, when known, its time. */
export interface LogEvent {
  readonly message: string;
  /** Epoch milliseconds of the event (CloudWatch's `timestamp`); undefined when the container has none. */
  readonly timestamp?: number | undefined;
  readonly logStream?: string | undefined;
}

/**
 * An event still in the UTF-8 bytes a source read it from, so that the common records are read without
 * decoding it. The view is valid only until the source is asked for its next batch.
 */
export interface ByteEvent {
  readonly bytes: Uint8Array;
  /** Where the message starts and ends in `bytes`. */
  readonly start: number;
  readonly end: number;
  readonly timestamp?: number | undefined;
  /** MarkerSeen bits (parse/record-bytes.ts) for the markers in the message; a superset is fine. */
  readonly seen: number;
  /** A reader holding `bytes` at the same offsets in its own memory, for as long as the view is valid; or undefined. */
  readonly kernel: RecordKernel | undefined;
  /** The bytes holding the event's log stream name at `[streamStart, streamEnd)` (valid as long as `bytes`); or undefined. */
  readonly streamBytes: Uint8Array | undefined;
  readonly streamStart: number;
  readonly streamEnd: number;
}

/** What sources hand the collector. */
export type SourceEvent = LogEvent | ByteEvent;
