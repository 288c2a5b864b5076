import type { StatisticsBytes } from './tracker-bytes.js';

/** The figures of Lambda's REPORT line in the shape Lambda writes it, as readCanonicalReport reads them. */
export interface CanonicalReport {
  idStart: number;
  idEnd: number;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  coldStart: boolean;
}

/**
 * A reader that holds an event's bytes in its own memory at the same offsets (the WebAssembly block scanner of the
 * source that framed the event) and reads the common records there, faster than the byte readers here. Each answer
 * is the one the byte reader would give; the record readers may also say false where the kernel is not sure, and
 * the byte reader then reads it.
 */
export interface RecordKernel {
  /** readCanonicalReport's figures of the REPORT line in `[start, end)`, before its check that they are usable. */
  readCanonicalReport(start: number, end: number, out: CanonicalReport): boolean;
  /** readStatisticsBytes on the statistics block's body `[from, end)`, when it would not step aside. */
  readStatistics(from: number, end: number, unclearLines: boolean, out: StatisticsBytes): boolean;
  /** Exactly nodeFrameEnd: the message's start after the Node.js runtime's framing, the id's range in `out`. */
  nodeFrameEnd(start: number, end: number, out: { idStart: number; idEnd: number }): number;
  /** Exactly toolNameBytes: where the tool name starts, its end in `out`. */
  toolNameBytes(from: number, end: number, out: { end: number }): number;
}
