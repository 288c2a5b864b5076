import type { ByteEvent, LogEvent, SourceEvent } from '../parse/log-event.js';
import { widenSpan } from '../parse/event-span.js';
import { parseMessage } from '../parse/parse-event.js';
import { newByteRecord, readRecordBytes, ByteReading } from '../parse/record-bytes.js';
import type { MalformedRecord, ParsedRecord } from '../parse/records.js';
import { Flag, InvocationStore, NO_STREAM, reportFlags, type StoreSnapshot } from './invocation-store.js';

const utf8 = new TextDecoder();
const BYTES_PER_REQUEST_ID = 1024;

/** Counts of what the join saw besides invocations, for the document's source and warnings. */
export interface CollectorCounts {
  events: number;
  malformedEvents: number;
  firstMalformed: MalformedRecord | undefined;
  incompleteTrackerBlocks: number;
  firstEventMs: number | undefined;
  lastEventMs: number | undefined;
}

/** A collector as plain data, to be moved between threads. */
export interface CollectorSnapshot {
  readonly counts: CollectorCounts;
  readonly store: StoreSnapshot;
}

/** Parses events as they stream in and joins them by request id. Pure: no I/O, no clock. */
export class Collector {
  readonly store = new InvocationStore();
  readonly counts: CollectorCounts = {
    events: 0,
    malformedEvents: 0,
    firstMalformed: undefined,
    incompleteTrackerBlocks: 0,
    firstEventMs: undefined,
    lastEventMs: undefined,
  };

  /** Widens the span of events seen by events a source read but did not hand over (noise). */
  noteSpan(firstMs: number | undefined, lastMs: number | undefined): void {
    widenSpan(this.counts, firstMs, lastMs);
  }

  private readonly scratch = newByteRecord();

  add(event: LogEvent): void {
    this.counts.events += 1;
    this.noteSpan(event.timestamp, event.timestamp);
    this.addRecord(parseMessage(event.message), event.timestamp, event.logStream);
  }

  /** add() for an event still in bytes: the common records are read from them, the rest decoded first. */
  addBytes(event: ByteEvent): void {
    this.counts.events += 1;
    const ts = event.timestamp;
    this.noteSpan(ts, ts);
    const { bytes, start, end } = event;
    const r = this.scratch;
    const reading = readRecordBytes(bytes, start, end, event.seen, r, event.kernel);
    if (reading === ByteReading.none) return;
    if (reading === ByteReading.needsText) {
      const stream = event.streamBytes === undefined ? undefined : utf8.decode(event.streamBytes.subarray(event.streamStart, event.streamEnd));
      this.addRecord(parseMessage(utf8.decode(bytes.subarray(start, end))), ts, stream);
      return;
    }
    const store = this.store;
    switch (r.kind) {
      case 'report': {
        const f = r.report;
        const flags = reportFlags(f.coldStart, f.timeoutStatus, f.outOfMemoryError);
        const row = store.rowOfBytes(bytes, f.idStart, f.idEnd);
        const sb = event.streamBytes;
        const stream = sb === undefined ? NO_STREAM : store.streamIdOfBytes(sb, event.streamStart, event.streamEnd);
        store.addReportAt(row, flags, f.maxMemoryUsedMB, f.memorySizeMB, f.billedDurationMs + f.billedRestoreMs, f.durationMs, ts, stream);
        return;
      }
      case 'tool':
        store.addToolAt(store.rowOfBytes(bytes, r.idStart, r.idEnd), store.toolIdOfBytes(bytes, r.toolStart, r.toolEnd));
        return;
      case 'tracker':
        if (!r.stats.complete) this.counts.incompleteTrackerBlocks += 1;
        store.addTrackerPeaksAt(store.rowOfBytes(bytes, r.idStart, r.idEnd), r.stats.peakHeapMB, r.stats.peakRssMB);
        return;
    }
  }

  private addRecord(record: ParsedRecord | undefined, ts: number | undefined, logStream: string | undefined): void {
    const c = this.counts;
    if (record === undefined) return;
    switch (record.kind) {
      case 'report':
        this.store.addReport(record, ts ?? record.messageTimestamp, logStream);
        return;
      case 'tool':
        this.store.addTool(record.requestId, record.tool);
        return;
      case 'tracker':
        if (!record.complete) c.incompleteTrackerBlocks += 1;
        this.store.addTrackerPeaks(record.requestId, record.peakHeapMB, record.peakRssMB);
        return;
      case 'timeout':
        this.store.addFlag(record.requestId, Flag.timeoutLine);
        return;
      case 'killed':
        this.store.addFlag(record.requestId, Flag.killedLine);
        return;
      case 'malformed':
        c.malformedEvents += 1;
        c.firstMalformed ??= record;
        return;
    }
  }

  /**
   * Makes room in the join for the request ids of `bytes` of logs about to be read, so that it seldom or never
   * rehashes as they come in: one id per KiB, since a request's lines (START, END, REPORT, the tracker's) take about
   * 1 KB in `aws logs tail` text and more in the JSON exports. A denser log grows the index as before. The room costs
   * 8 bytes an id: 2 MiB for 256 MiB of logs.
   */
  reserveFor(bytes: number): void {
    this.store.reserve(Math.ceil(bytes / BYTES_PER_REQUEST_ID));
  }

  addAll(events: Iterable<SourceEvent>): void {
    for (const e of events) {
      if ('bytes' in e) this.addBytes(e);
      else this.add(e);
    }
  }

  snapshot(): CollectorSnapshot {
    return { counts: this.counts, store: this.store.snapshot() };
  }

  /** Folds in a collector that read the input after this one, as if this one had read on. */
  merge(b: CollectorSnapshot): void {
    const c = this.counts;
    c.events += b.counts.events;
    c.malformedEvents += b.counts.malformedEvents;
    c.firstMalformed ??= b.counts.firstMalformed;
    c.incompleteTrackerBlocks += b.counts.incompleteTrackerBlocks;
    this.noteSpan(b.counts.firstEventMs, b.counts.lastEventMs);
    this.store.merge(b.store);
  }
}
